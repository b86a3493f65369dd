"""The funding chart's department colours: told apart in a stack, none the envelope's black."""

from __future__ import annotations

import itertools

import pytest

from dashboard import funding as fund
from dashboard.dataset import get_published_dataset
from dashboard.figures.funding import ENVELOPE_COLOR, make_funding_by_call


def _lab(hex_colour: str) -> tuple[float, float, float]:
    """sRGB → CIELAB (D65), by the textbook formulas."""
    def linear(c):
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(int(hex_colour[i:i + 2], 16) / 255) for i in (1, 3, 5))
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(v):
        return v ** (1 / 3) if v > 0.008856 else 7.787 * v + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def delta_e(a: str, b: str) -> float:
    return sum((p - q) ** 2 for p, q in zip(_lab(a), _lab(b))) ** 0.5


def test_delta_e_measures_what_the_eye_sees():
    assert delta_e("#000000", "#ffffff") == pytest.approx(100, abs=0.1)
    assert delta_e("#7a5195", "#6a3d9a") < 20  # the two purples of issue 13


@pytest.fixture(scope="module")
def region_figure():
    data = get_published_dataset()
    registry = data.registry
    summary = fund.call_summary(registry.funding, registry.calls)
    table = fund.funding_by_call(registry.funding, registry.venues, "departement")
    names = data.names("departement").to_dict()
    return make_funding_by_call(table, summary, names, by="departement", lang="fr")


def test_the_thirteen_departments_are_told_apart_in_the_stack(region_figure):
    bars = [tr for tr in region_figure.data if tr.type == "bar"]
    colours = [tr.marker.color for tr in bars]
    assert len(bars) == 13 and len(set(colours)) == 13
    # neighbours in the stack: far apart (Lot #7a5195 beside Pyrénées-Orientales #6a3d9a
    # once a call funded neither Lozère nor Hautes-Pyrénées)
    for a, b in zip(colours, colours[1:]):
        assert delta_e(a, b) >= 40, (a, b)
    for a, b in itertools.combinations(colours, 2):  # any two, when those between are empty
        assert delta_e(a, b) >= 20, (a, b)
    for c in colours:  # none mistaken for the « Enveloppe publiée » mark, none black
        assert delta_e(c, ENVELOPE_COLOR) >= 25 and c.lower() != "#000000"

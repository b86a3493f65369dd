"""Export file names built from what the file shows."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.export_names import export_filename, slug
from dashboard.i18n import t

DAY = dt.date(2026, 11, 29)


def test_the_issue_example_from_the_indicator_text():
    name = export_filename("carte", ".png", indicator=t("indicator.venues_per_10k"),
                           departements=("81", "31"), day=DAY)
    assert name == "carte_lieux-pour-10000-hab_31-81_2026-11-29.png"


@pytest.mark.parametrize("text, expected", [
    ("Financements par habitant (€)", "financements-par-hab"),
    ("Distance au lieu le plus proche (km, à vol d'oiseau)",
     "distance-au-lieu-le-plus-proche-km-a-vol"),
    ("Venues per 10,000 inhabitants", "venues-per-10-000-inh"),
    ("Population 1\u202f362\u202f672", "population-1362672"),
    ("Cœur de Garonne — Île", "coeur-de-garonne-ile"),
    ("", ""),
])
def test_slug(text, expected):
    assert slug(text) == expected
    assert len(slug(text)) <= 40


def test_region_extra_parts_and_extension():
    assert export_filename("Financements par appel", "svg", day=DAY,
                           extra=("Coworking",)) == \
        "financements-par-appel_occitanie_coworking_2026-11-29.svg"
    assert export_filename("lieux", ".CSV", departements=("09",), day=DAY) == \
        "lieux_09_2026-11-29.csv"

"""A map's colour scale travels as colours, not as a name (seen when a click on an EPCI
patched the map: plotly.js reads « YlGnBu » dark-to-light, plotly.py light-to-dark, so the
patched map showed 0 venues in dark blue and 3 in pale yellow)."""

from __future__ import annotations

import pandas as pd
from plotly.colors import sequential

from dashboard.figures.map import color_scale
from dashboard.indicators import get_indicator


def test_the_capped_scale_is_explicit_light_to_dark():
    scale = color_scale(pd.Series([0.0, 0.0, 1.0, 3.0]), get_indicator("venues"), "fr")
    assert scale["classes"] == "capped"
    colors = [c for _, c in scale["colorscale"]]
    assert colors[0] == sequential.YlGnBu[0] and colors[-1] == sequential.YlGnBu[-1]
    assert scale["colorscale"][0][0] == 0 and scale["colorscale"][-1][0] == 1

"""Charts built as plain dicts and handed to plotly without its validation.

plotly checks every property of a ``go.Figure`` as it is set, element by element for lists,
and ``update_layout`` walks the whole layout again: for the hybridation and funding charts
(tens of small traces) that was most of their callbacks' time (issue 12). Their functions
build the figure's dict in one go — template of the language, title, caption — and
``plain_figure`` wraps it in a ``go.Figure`` without validating it, then turns validation
back on so that later changes (slides, tests) are checked as usual. A test builds the
validated figure from the same dict and checks both are equal
(``tests/test_hybridation_funding.py``), so a misspelt property still fails there.
"""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

from dashboard.figures.exporting import caption_layout
from dashboard.figures.theme import template_name

__all__ = ["plain_figure", "title_layout"]


def plain_figure(data: list[dict], layout: dict, *, lang: str) -> go.Figure:
    """A figure of ``data`` (trace dicts with their ``type``) and ``layout`` (plotly's own
    shapes: ``{"title": {"text": …}}``, not the ``title_text`` shortcuts) in the template of
    ``lang``, built without validation."""
    template = pio.templates[template_name(lang)].to_plotly_json()
    fig = go.Figure({"data": data, "layout": {"template": template, **layout}},
                    _validate=False)
    fig._validate = fig.layout._validate = True
    for trace in fig.data:
        trace._validate = True
    return fig


def title_layout(title: str, *, subtitle: str | None = None, caption: str = "",
                 margin: dict | None = None) -> dict:
    """``title`` and ``margin`` entries of a chart layout: its title, its own ``subtitle``
    and, when given, the export ``caption`` under them as ``with_caption`` puts it."""
    margin = dict(margin or {})
    if caption:
        entries = caption_layout(title, caption, subtitle)
        return {"title": entries["title"], "margin": {**margin, **entries["margin"]}}
    head = {"text": title, **({"subtitle": {"text": subtitle}} if subtitle else {})}
    return {"title": head, **({"margin": margin} if margin else {})}

"""What a chart carries when it leaves the dashboard (issue 13, item 4): its title, the
filters in words, the source and the date in the image itself, and a download at
presentation resolution under a file name built from what it shows.

Pure functions. The dashboard's graphs download through plotly's own « camera » button,
configured by ``export_config`` (PNG at 1920×1080, ``export_filename``'s name); what the
image says is in the figure (``with_caption`` for charts: a subtitle under the title;
``map_captions`` for maps: title and caption in the top-left corner, over the map), so that
the screen and the file say the same.
"""

from __future__ import annotations

import datetime as dt
import textwrap

import plotly.graph_objects as go

from dashboard.export_names import export_filename

__all__ = ["EXPORT_SIZE", "export_caption", "export_config", "chart_filename",
           "with_caption", "caption_layout", "map_captions"]

# presentation resolution: 1920×1080 pixels for a full-HD projector, drawn at 960×540 and
# scaled twice so that the text is legible from the back of a room
EXPORT_SIZE = {"width": 960, "height": 540, "scale": 2}


def export_caption(meta, width: int = 80) -> str:
    """« Haute-Garonne, Tarn · … <br> Lieux : venues.csv … · le 29 novembre 2026 » (the
    demo mention first when demo data is shown) from a ``slides.DocumentMeta``; lines of at
    most ``width`` characters joined by ``<br>`` (plotly's line break)."""
    tail = " · ".join(p for p in (meta.source_short or meta.source, meta.date) if p)
    head = f"{meta.demo} · {meta.filters}" if meta.demo else meta.filters
    return "<br>".join(textwrap.wrap(head, width) + textwrap.wrap(tail, width))


def chart_filename(kind: str, *, day: dt.date, departements: tuple[str, ...] = (),
                   indicator: str | None = None) -> str:
    """The file name without extension (plotly adds ``.png``)."""
    return export_filename(kind, ".png", day=day, indicator=indicator,
                           departements=departements).removesuffix(".png")


def export_config(base: dict, filename: str) -> dict:
    """``base`` (a ``dcc.Graph`` config) with the PNG download at presentation resolution
    under ``filename``; a graph that had no mode bar gets one with only that button."""
    config = {**base, "toImageButtonOptions": {"format": "png", "filename": filename,
                                               **EXPORT_SIZE}}
    if base.get("displayModeBar") is False:
        config.update(displayModeBar="hover", modeBarButtons=[["toImage"]])
    return config


def with_caption(fig: go.Figure, caption: str, *, title: str | None = None) -> go.Figure:
    """``fig`` with ``caption`` as its title's subtitle, under the chart's own subtitle if
    it has one (and ``title`` if given); the top margin grows to hold them."""
    text = title if title is not None else (fig.layout.title.text or "")
    own = fig.layout.title.subtitle.text  # a chart's own explanation stays first
    fig.update_layout(**caption_layout(text, caption, own))
    return fig


def caption_layout(title: str, caption: str, own: str | None = None) -> dict:
    """The ``title`` and ``margin`` layout entries of a chart titled ``title`` whose
    subtitle is its own explanation ``own`` (if any) over ``caption`` (``with_caption``;
    the charts built as plain dicts put them in their layout directly)."""
    return {"title": {"text": title, "subtitle": {"text": f"{own}<br>{caption}"
                                                  if own else caption,
                                                  "font": {"size": 11, "color": "#495057"}},
                      "automargin": True, "yref": "container", "y": 0.98, "yanchor": "top"},
            "margin": {"t": 60 + 14 * (caption.count("<br>") + 1
                                       + (own.count("<br>") + 1 if own else 0))}}


def map_captions(title: str, caption: str) -> list[dict]:
    """The annotation of a map: its title and, under it, the caption, in the top-left
    corner on a white band (the legend holds the bottom, the colour bar the right)."""
    return [{"xref": "paper", "yref": "paper", "showarrow": False, "align": "left",
             "bgcolor": "rgba(255,255,255,0.85)", "borderpad": 4,
             "text": (f"<b>{title}</b><br><span style=\"font-size:11px;color:#495057\">"
                      f"{caption}</span>"),
             "x": 0.005, "y": 0.995, "xanchor": "left", "yanchor": "top",
             "font": {"size": 15}, "name": "export-caption"}]

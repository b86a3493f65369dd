"""HTML documents: slides, fact sheets and the self-contained report.

Pure functions returning HTML text. Figures travel as JSON in ``<script type="application/json">``
blocks that ``assets/documents.js`` draws with plotly.js; no inline code runs, so the served
pages keep a strict content security policy. ``html_page(..., inline=True)`` writes one file
holding plotly.js (from the installed plotly package), every style and script and the polygons
the maps need: opened anywhere, it requests nothing from any host. Printed, each
``<section class="page">`` starts an A4 page; the venue list is cut into pages of
``VENUE_ROWS_PER_PAGE`` rows so that the page count is known in advance.
"""

from __future__ import annotations

import functools
import html
import json
import math
from pathlib import Path

import plotly.io as pio

from dashboard import config, schema
from dashboard.i18n import (
    format_decimal,
    format_eur,
    format_int,
    format_km,
    format_percent,
    in_sentence,
    t,
)
from dashboard.keyfigures import NEEDS, format_figure
from dashboard.portrait import Portrait
from dashboard.slides import DocumentMeta, KeyFigure, Slide, style_chart

__all__ = ["html_page", "render_slides", "render_portrait", "render_report", "figure_block",
           "report_page_count", "VENUE_ROWS_PER_PAGE", "PLOTLY_JS", "ASSETS_DIR",
           "report_filename"]

ASSETS_DIR = config.PROJECT_DIR / "assets"
PLOTLY_JS = Path(pio.__file__).resolve().parents[1] / "package_data" / "plotly.min.js"
VENUE_ROWS_PER_PAGE = 30
PAGE_WIDTH_PX = 680  # A4 minus 15 mm margins, at 96 px per inch


def _e(text) -> str:
    return html.escape(str(text), quote=True)


def _json_block(element_id: str, payload) -> str:
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":")) \
        if not isinstance(payload, str) else payload
    text = text.replace("</", "<\\/")
    return (f'<script type="application/json" id="{_e(element_id)}" class="tl-data">'
            f"{text}</script>")


def figure_block(fig, element_id: str, css_class: str = "tl-chart") -> str:
    """A chart's place in the page and its JSON (drawn by ``assets/documents.js``)."""
    spec = pio.to_json(fig, validate=False, pretty=False)
    return (f'<div class="{css_class}" id="{_e(element_id)}" data-spec="{_e(element_id)}-spec">'
            f"</div>{_json_block(element_id + '-spec', spec)}")


def _figures_html(figures: tuple[KeyFigure, ...]) -> str:
    cards = "".join(
        f'<div class="tl-kpi"><div class="tl-kpi-value">{_e(f.value)}</div>'
        f'<div class="tl-kpi-label">{_e(f.label)}</div>'
        + (f'<div class="tl-kpi-detail">{_e(f.detail)}</div>' if f.detail else "")
        + "</div>" for f in figures)
    return f'<div class="tl-kpis">{cards}</div>'


def _table(columns, rows, css_class: str = "tl-table") -> str:
    head = "".join(f"<th>{_e(c)}</th>" for c in columns)
    body = "".join("<tr>" + "".join(f"<td>{_e(v)}</td>" for v in row) + "</tr>"
                   for row in rows)
    return (f'<table class="{css_class}"><thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table>")


def _footer(meta: DocumentMeta, extra: str = "") -> str:
    demo = f'<span class="tl-demo">{_e(meta.demo)}</span>' if meta.demo else ""
    return (f'<footer class="tl-footer">{demo}<span class="tl-source">{_e(meta.source)}</span>'
            f'<span class="tl-date">{_e(meta.date)}</span>{extra}</footer>')


# --------------------------------------------------------------------------- slides

def _slide_html(slide: Slide, meta: DocumentMeta, index: int, total: int) -> str:
    parts = [f'<header class="tl-slide-head"><h1>{_e(slide.title)}</h1>'
             + (f'<p class="tl-subtitle">{_e(slide.subtitle)}</p>' if slide.subtitle else "")
             + "</header>"]
    body = []
    if slide.key == "titre":
        body.append(f'<p class="tl-title-source">{_e(meta.source)}<br>{_e(meta.date)}</p>')
        if meta.demo:
            body.append(f'<p class="tl-title-demo">{_e(meta.demo)}</p>')
    if slide.figures:
        body.append(_figures_html(slide.figures))
    for j, chart in enumerate(slide.charts):
        body.append(figure_block(chart, f"chart-{slide.key}-{j}"))
    if slide.table:
        body.append(_table(*slide.table))
    kind = "with-side" if slide.figures and slide.charts else "single"
    parts.append(f'<div class="tl-slide-body {kind}">{"".join(body)}</div>')
    counter = (f'<span class="tl-counter">'
               f'{_e(t("slides.counter", meta.lang, n=index, total=total))}</span>')
    demo = f'<span class="tl-demo">{_e(meta.demo)}</span>' if meta.demo else ""
    parts.append(f'<footer class="tl-footer">{demo}<span class="tl-source">'
                 f'{_e(meta.source_short)}</span><span class="tl-date">{_e(meta.day)}</span>'
                 f"{counter}</footer>")
    return (f'<section class="tl-slide" id="slide-{index}" data-key="{_e(slide.key)}" '
            f'aria-label="{_e(slide.title)}">{"".join(parts)}</section>')


def render_slides(meta: DocumentMeta, slides: list[Slide], back_href: str) -> str:
    """The body of the presentation page: every slide (one shown at a time by
    ``assets/presentation.js``), a help line and the way back to the dashboard."""
    total = len(slides)
    sections = "".join(_slide_html(s, meta, i, total) for i, s in enumerate(slides, start=1))
    nav = (f'<nav class="tl-slide-nav"><a id="tl-back" href="{_e(back_href)}" '
           f'title="{_e(t("slides.back", meta.lang))}">'
           f'{_e(t("slides.back_short", meta.lang))}</a>'
           f'<span class="tl-help">{_e(t("slides.help", meta.lang))}</span></nav>')
    return f'<main class="tl-deck" data-total="{total}">{sections}</main>{nav}'


# --------------------------------------------------------------------------- fact sheets

def _figure_rows(sheets: list[Portrait], region: dict, lang: str,
                 recorded: frozenset[str] | None = None) -> list[list[str]]:
    def cells(fmt, key):
        if key in NEEDS:  # « non renseigné » where the registry does not record it
            fmt = functools.partial(format_figure, key, lang=lang, recorded=recorded)
        return [fmt(s.figures[key]) for s in sheets] + [fmt(region[key])]

    radius = format_int(region["radius_km"], lang)
    share = [format_percent(s.figures["population_share"], lang) for s in sheets]
    return [
        [t("kpi.venues", lang), *cells(lambda v: format_int(v, lang), "venues")],
        [t("kpi.labelled", lang), *cells(lambda v: format_int(v, lang), "labelled")],
        [t("kpi.communes", lang),
         *[f"{format_int(s.figures['communes_with_venue'], lang)} / "
           f"{format_int(s.figures['communes'], lang)}" for s in sheets],
         f"{format_int(region['communes_with_venue'], lang)} / "
         f"{format_int(region['communes'], lang)}"],
        [t("col.population", lang), *cells(lambda v: format_int(v, lang), "population")],
        [t("kpi.population_share", lang), *share,
         format_percent(region["population_share"], lang)],
        [t("indicator.venues_per_10k", lang),
         *cells(lambda v: format_decimal(v, lang, 2), "venues_per_10k")],
        [t("kpi.funding", lang), *cells(lambda v: format_eur(v, lang), "funding")],
        [t("kpi.funding_per_capita", lang),
         *cells(lambda v: format_eur(v, lang), "funding_per_capita")],
        [t("slides.coverage.rate_at", lang, radius=radius),
         *cells(lambda v: format_percent(v, lang), "coverage_rate")],
        [t("portrait.uncovered", lang, radius=radius),
         *cells(lambda v: format_int(v, lang), "uncovered_population")],
    ]


def _usage_rows(sheets: list[Portrait], lang: str) -> list[list[str]]:
    rows = []
    for code in schema.USAGE_CODES:
        values = [format_percent(s.usage_shares.get(code, math.nan), lang, 0)
                  if s.figures["venues"] > s.usages_unknown else "–" for s in sheets]
        if any(v not in ("–", format_percent(0, lang, 0)) for v in values):
            rows.append([schema.usage_label(code, lang), *values])
    return rows


def _venue_rows(venues, lang: str) -> list[list[str]]:
    def usages(u):
        codes = [c for c in str(u or "").split(schema.USAGE_SEPARATOR) if c]
        return ", ".join(schema.usage_label(c, lang) for c in codes) or t(
            "hover.usages_unknown", lang)

    return [[r.name, r.commune_name, usages(r.usages),
             schema.label_status_label(r.label_status, lang)] for r in venues.itertuples()]


def _venue_columns(lang: str) -> list[str]:
    return [t("report.col.venue", lang), t("col.commune", lang), t("report.col.usages", lang),
            t("report.col.label", lang)]


def _level_name(sheet: Portrait, lang: str) -> str:
    level = sheet.territory.level if sheet.territory else "region"
    return t(f"portrait.level.{level}", lang)


def render_portrait(sheet: Portrait, compare: Portrait | None, region: dict,
                    meta: DocumentMeta, *, with_venues: bool = True) -> str:
    """One fact sheet: key figures beside the comparison's and the region's, coverage, usage
    mix, funding per call, nearest venues from the main town, and (``with_venues``) the venue
    list."""
    lang = meta.lang
    sheets = [sheet] + ([compare] if compare else [])
    heads = ["", *[f"{s.name} ({in_sentence(_level_name(s, lang))})" for s in sheets],
             t("portrait.level.region", lang)]
    parts = [f'<h2 class="tl-sheet-title">{_e(sheet.name)} '
             f'<small>{_e(_level_name(sheet, lang))}</small></h2>',
             f'<p class="tl-filters">{_e(meta.filters)}</p>',
             f"<h3>{_e(t('portrait.figures', lang))}</h3>",
             _table(heads, _figure_rows(sheets, region, lang, meta.recorded),
                    "tl-table tl-figures")]
    usage = _usage_rows(sheets, lang)
    side = [f"<h3>{_e(t('portrait.usages', lang))}</h3>"]
    side.append(_table(["", *[s.name for s in sheets]], usage) if usage else
                f"<p>{_e(t('portrait.no_venue', lang))}</p>")
    if sheet.usages_unknown:
        note = t("portrait.usages_unknown", lang, n=sheet.usages_unknown)
        side.append(f'<p class="tl-note">{_e(note)}</p>')
    calls = [[r.name, format_eur(r.recorded_eur, lang), format_int(r.venues_funded, lang)]
             for r in sheet.calls.itertuples()]
    money = [f"<h3>{_e(t('portrait.calls', lang))}</h3>",
             _table([t("portrait.col.call", lang), t("portrait.col.amount", lang),
                     t("portrait.col.funded", lang)], calls)]
    near = []
    if sheet.main_town:
        near.append(f"<h3>{_e(t('portrait.nearest', lang, town=sheet.main_town[1]))}</h3>")
        near.append(_table([t("report.col.venue", lang), t("col.commune", lang),
                            t("portrait.col.distance", lang)],
                           [[r.name, r.commune_name, format_km(r.distance_km, lang)]
                            for r in sheet.nearest.itertuples()]))
    parts.append(f'<div class="tl-columns"><div>{"".join(side)}</div>'
                 f'<div>{"".join(money + near)}</div></div>')
    if with_venues:
        parts.append(f"<h3>{_e(t('portrait.venues', lang, n=len(sheet.venues)))}</h3>")
        parts.append(_table(_venue_columns(lang), _venue_rows(sheet.venues, lang))
                     if len(sheet.venues) else f"<p>{_e(t('portrait.no_venue', lang))}</p>")
    return f'<article class="tl-sheet">{"".join(parts)}</article>'


# --------------------------------------------------------------------------- report

def _page(content: str, meta: DocumentMeta, key: str) -> str:
    return (f'<section class="page" data-section="{_e(key)}">'
            f'<div class="page-body">{content}</div>{_footer(meta)}</section>')


def _print_chart(fig, element_id: str, height: int) -> str:
    fig = style_chart(fig, font_size=12, height=height)
    fig.update_layout(width=PAGE_WIDTH_PX, legend={"font": {"size": 12}})
    return figure_block(fig, element_id, "tl-chart tl-print-chart")


def report_page_count(n_sheets: int, n_venues: int) -> int:
    """Pages of a report: cover, one per fact sheet, map, coverage, zones blanches,
    hybridation, funding, then the venue list (at least one page)."""
    return 1 + n_sheets + 5 + max(1, math.ceil(n_venues / VENUE_ROWS_PER_PAGE))


def _contents(entries: list[tuple[str, int]], lang: str) -> str:
    rows = "".join(f"<tr><td>{_e(title)}</td><td>{_e(t('report.page', lang, n=n))}</td></tr>"
                   for title, n in entries)
    return (f"<h2>{_e(t('report.contents', lang))}</h2>"
            f'<table class="tl-table tl-contents"><tbody>{rows}</tbody></table>')


def render_report(meta: DocumentMeta, slides: list[Slide], sheets: list[tuple[str, str]],
                  venues, lang: str, extra_pages: tuple = ()) -> str:
    """The report's body: a cover with the key figures and the contents, the fact sheets
    ((title, HTML rendered by ``render_portrait``)), the slides' charts and tables one section
    per page, the venue list."""
    by_key = {s.key: s for s in slides}
    sections = ("carte", "couverture", "zones", "hybridation", "financements")
    n_venues = len(venues)
    entries = [(title, 2 + i) for i, (title, _) in enumerate(sheets)]
    entries += [(by_key[k].title, 2 + len(sheets) + i) for i, k in enumerate(sections)]
    first_extra = 2 + len(sheets) + len(sections)  # extra pages (roadmap) before the venues
    entries += [(title, first_extra + i) for i, (title, _) in enumerate(extra_pages)]
    entries.append((t("report.venues", lang, n=format_int(n_venues, lang)),
                    first_extra + len(extra_pages)))
    demo = f'<p class="tl-title-demo">{_e(meta.demo)}</p>' if meta.demo else ""
    cover = (f'<h1>{_e(t("report.title", lang))}</h1><p class="tl-subtitle">'
             f'{_e(meta.filters)}</p>{demo}<h2>{_e(by_key["chiffres"].title)}</h2>'
             + _figures_html(by_key["chiffres"].figures)
             + f'<p class="tl-title-source">{_e(meta.source)}<br>{_e(meta.date)}</p>'
             + _contents(entries, lang))
    pages = [_page(cover, meta, "couverture-rapport")]
    pages += [_page(sheet, meta, f"fiche-{i}") for i, (_, sheet) in enumerate(sheets, start=1)]
    heights = {"carte": 820, "couverture": 560, "zones": 560, "hybridation": 600,
               "financements": 700}
    for key in sections:
        slide = by_key[key]
        content = [f"<h2>{_e(slide.title)}</h2>"]
        if slide.subtitle:
            content.append(f'<p class="tl-subtitle">{_e(slide.subtitle)}</p>')
        if slide.figures:
            content.append(_figures_html(slide.figures))
        content += [_print_chart(c, f"report-{key}-{j}", heights[key])
                    for j, c in enumerate(slide.charts)]
        if slide.table:
            content.append(_table(*slide.table))
        pages.append(_page("".join(content), meta, key))
    for i, (title, content) in enumerate(extra_pages):
        pages.append(_page(f"<h2>{_e(title)}</h2>{content}", meta, f"extra-{i}"))
    rows = _venue_rows(venues, lang)
    chunks = [rows[i:i + VENUE_ROWS_PER_PAGE]
              for i in range(0, len(rows), VENUE_ROWS_PER_PAGE)] or [[]]
    title = t("report.venues", lang, n=format_int(len(rows), lang))
    for i, chunk in enumerate(chunks):
        head = f"<h2>{_e(title)}</h2>" if i == 0 else ""
        body = _table(_venue_columns(lang), chunk, "tl-table tl-venues") if chunk else \
            f"<p>{_e(t('slides.no_data', lang))}</p>"
        pages.append(_page(head + body, meta, "lieux"))
    return f'<main class="tl-report">{"".join(pages)}</main>'


# --------------------------------------------------------------------------- page

def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def html_page(title: str, body: str, lang: str, *, inline: bool, body_class: str,
              geojson: dict | None = None, scripts: tuple[str, ...] = ()) -> str:
    """A whole HTML document. ``inline``: plotly.js, ``assets/documents.css`` and
    ``assets/documents.js`` (and ``scripts``, names in ``assets/``) are copied into the file;
    otherwise they are linked from this server (``/vendor/plotly.min.js``, ``/assets/…``).
    ``geojson`` (name → FeatureCollection) is embedded for maps whose ``geojson`` is
    ``"embedded:<name>"``."""
    names = ("documents.js", *scripts)
    if inline:
        # « </script » cannot occur inside a script element: plotly.min.js has none (checked
        # in the tests), the others are ours.
        head = f"<style>{_read(ASSETS_DIR / 'documents.css')}</style>"
        js = [_read(PLOTLY_JS)] + [_read(ASSETS_DIR / n) for n in names]
        tail = "".join(f"<script>{code}</script>" for code in js)
    else:
        head = '<link rel="stylesheet" href="/assets/documents.css">'
        tail = '<script src="/vendor/plotly.min.js"></script>' + "".join(
            f'<script src="/assets/{n}"></script>' for n in names)
    data = "".join(_json_block(f"tl-geo-{name}", fc) for name, fc in (geojson or {}).items())
    return (f'<!DOCTYPE html><html lang="{_e(lang)}"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{_e(title)}</title>{head}</head>"
            f'<body class="tl-doc {_e(body_class)}">{body}{data}{tail}</body></html>')


def level_geojson_data(data, level: str, departements: tuple[str, ...] = ()) -> dict:
    """The polygons of a level as a FeatureCollection (only the selected departments')."""
    from dashboard.figures.map import level_geojson
    from dashboard.indicators import LEVEL_KEYS, territory

    layer = {"commune": data.reference.communes, "epci": data.reference.epcis,
             "departement": data.reference.departements}[level]
    id_col = {"commune": "insee", "epci": "siren", "departement": "code"}[level]
    if departements:
        keep = set(territory(data.communes, departements)[LEVEL_KEYS[level]])
        layer = layer[layer[id_col].isin(keep)]
    return json.loads(level_geojson(layer, id_col))


def make_report(data, state, sheets: list[tuple], today=None, extra_pages: tuple = ()) -> str:
    """The whole self-contained report for ``state``. ``sheets``: (territory, comparison)
    pairs, one fact sheet each (None, None: the region's); ``extra_pages``: (title, HTML)
    pages placed before the venue list (the roadmap's scenarios)."""
    from dashboard.portrait import make_portrait, region_figures
    from dashboard.slides import build_slides

    lang = state.lang
    meta, slides = build_slides(data, state, geojson=lambda level: f"embedded:{level}",
                                today=today)
    region = region_figures(data, state)
    rendered = []
    for territory, compare in sheets:
        sheet = make_portrait(data, state, territory)
        other = make_portrait(data, state, compare) if compare else None
        rendered.append((sheet.name, render_portrait(sheet, other, region, meta,
                                                     with_venues=False)))
    venues = data.view(state).venues.sort_values(["dep_code", "commune_name", "name"],
                                                  kind="stable")
    body = render_report(meta, slides, rendered, venues, lang, tuple(extra_pages))
    levels = {"commune", state.level}
    geo = {lv: level_geojson_data(data, lv, state.departements) for lv in sorted(levels)}
    return html_page(f"{t('report.title', lang)} — {meta.filters}", body, lang, inline=True,
                     body_class="tl-print", geojson=geo)


def report_filename(scope: str, date_iso: str, suffix: str, filters: tuple[str, ...] = ()
                    ) -> str:
    """``rapport_31-81_coworking_2026-11-29.html`` (``scope``: department codes or
    « occitanie »; ``filters``: the other filters' parts, such as the usages' codes joined
    by ``-``, empty ones left out)."""
    return "_".join(["rapport", scope, *(f for f in filters if f), date_iso]) + f".{suffix}"

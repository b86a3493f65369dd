"""The slides of a view state: what the presentation mode and the report show.

Pure: a list of ``Slide`` (title, key figures, charts, a table) for one dataset and state. The
charts are the dashboard's own figures (``dashboard/figures``), maps turned into geo (SVG)
maps by ``static_map.to_geo``; the figures are those of ``Dataset.view`` and
``Dataset.coverage_report`` for the same state.

Slides: title (filters in words, source, date), key figures, map, coverage, zones blanches,
hybridation, funding by call, then one slide per selected department (the 13 when none).
"""

from __future__ import annotations

import datetime as dt
import textwrap
from dataclasses import dataclass, field, replace

import plotly.graph_objects as go
from babel.dates import format_date

from dashboard import funding, hybridation, schema
from dashboard.figures.coverage import make_coverage_bars, make_coverage_map, zones_epci_rows
from dashboard.figures.funding import make_funding_by_call
from dashboard.figures.hybridation import make_national_comparison
from dashboard.figures.map import make_map_figure
from dashboard.filters import ViewState
from dashboard.i18n import format_decimal, format_eur, format_int, format_percent, in_sentence, t
from dashboard.keyfigures import format_figure
from dashboard.portrait import Territory, make_portrait, region_figures
from dashboard.static_map import to_geo

__all__ = ["KeyFigure", "Slide", "DocumentMeta", "document_meta", "describe_filters",
           "key_figures", "build_slides", "style_chart", "ZONES_ROWS",
           "SLIDE_FONT_PX"]

ZONES_ROWS = 5
ZONES_COLUMNS = ("name", "uncovered_population", "max_distance_km")  # legible on a slide


@dataclass(frozen=True)
class KeyFigure:
    label: str
    value: str
    detail: str = ""


@dataclass(frozen=True)
class Slide:
    key: str  # the slide's id in the page (``titre``, ``carte``, ``dep-31``…)
    title: str
    subtitle: str = ""
    figures: tuple[KeyFigure, ...] = ()
    charts: tuple[go.Figure, ...] = field(default=(), compare=False)
    table: tuple[tuple[str, ...], tuple[tuple[str, ...], ...]] | None = None


@dataclass(frozen=True)
class DocumentMeta:
    """What every slide, sheet and report page names: filters, source, date, demo data."""

    lang: str
    filters: str
    source: str
    date: str
    demo: str  # « Données de démonstration » when demo data is shown, else ""
    source_short: str = ""  # for the slides' one-line footer
    day: str = ""
    recorded: frozenset[str] | None = None  # fields the registry records (None: all)


def describe_filters(data, state: ViewState, region_name: str = "Occitanie") -> str:
    """The filters in words: « Haute-Garonne, Tarn · usages : Coworking ou Fablab · … »."""
    lang = state.lang
    names = data.names("departement")
    parts = [", ".join(str(names.get(d, d)) for d in state.departements) or region_name]
    if state.usages:
        sep = t("slides.filters.and" if state.usage_mode == "all" else "slides.filters.or",
                lang)
        parts.append(t("slides.filters.usages", lang, usages=f" {sep} ".join(
            schema.usage_label(u, lang) for u in state.usages)))
    if state.labels:
        parts.append(t("slides.filters.labels", lang, labels=", ".join(
            schema.label_status_label(s, lang) for s in state.labels)))
    if state.call:
        calls = data.registry.calls.set_index("call_id")["name"]
        parts.append(t("slides.filters.call", lang, call=calls.get(state.call, state.call)))
    if state.years:
        parts.append(t("slides.filters.years", lang, start=state.years[0], end=state.years[1]))
    if len(parts) == 1:
        parts.append(t("slides.filters.none", lang))
    return " · ".join(parts)


def document_meta(data, state: ViewState, today: dt.date | None = None) -> DocumentMeta:
    lang = state.lang
    day = format_date(today or dt.date.today(), format="long", locale=lang)
    venues = data.display_name(lang) + (f" — {t(data.attribution_key, lang)}"
                                        if data.attribution_key else "")
    return DocumentMeta(
        lang=lang, filters=describe_filters(data, state),
        source=t("report.source", lang, venues=venues,
                 communes=format_int(len(data.communes), lang)),
        date=t("report.date", lang, date=day),
        demo=t("badge.demo", lang) if data.is_demo else "",
        source_short=t("slides.source", lang, venues=data.display_name(lang)), day=day,
        recorded=data.recorded)


def key_figures(k: dict, lang: str, recorded=None) -> tuple[KeyFigure, ...]:
    """The dashboard's six key-figure cards (``callbacks/kpis.py``), same texts and formats
    (« non renseigné » for what the registry does not record)."""
    return (
        KeyFigure(t("kpi.venues", lang), format_int(k["venues"], lang)),
        KeyFigure(t("kpi.labelled", lang), format_figure("labelled", k["labelled"], lang,
                                                         recorded)),
        KeyFigure(t("kpi.communes", lang), format_int(k["communes_with_venue"], lang),
                  t("kpi.of_total", lang, total=format_int(k["communes"], lang))),
        KeyFigure(t("kpi.population_share", lang), format_percent(k["population_share"], lang),
                  t("kpi.of_total", lang, total=format_int(k["population"], lang))),
        KeyFigure(t("kpi.funding", lang), format_figure("funding", k["funding"], lang,
                                                        recorded)),
        KeyFigure(t("kpi.funding_per_capita", lang),
                  format_figure("funding_per_capita", k["funding_per_capita"], lang, recorded)),
    )


SLIDE_FONT_PX = 24  # the least type size on a slide (issue 13: ≥ 24 px body)


def style_chart(fig: go.Figure, *, font_size: int = SLIDE_FONT_PX,
                height: int | None = None) -> go.Figure:
    """A dashboard chart restyled for a slide or a page: one type size for every text
    (ticks, legend, colour bar, notes), no title of its own (the slide names it), sized by
    its container."""
    fig = go.Figure(fig)
    fig.update_layout(font={"size": font_size}, title={"text": ""}, height=height,
                      autosize=True, margin={"t": 20}, legend={"font": {"size": font_size}})
    fig.update_annotations(font={"size": font_size})
    # bar values at full size: plotly otherwise shrinks a value that does not fit its bar
    fig.update_traces(textfont={"size": font_size}, constraintext="none",
                      selector={"type": "bar"})
    return fig


def _bounds(data, departements: tuple[str, ...]) -> tuple:
    deps = data.reference.departements
    if departements:
        deps = deps[deps["code"].isin(departements)]
    return tuple(float(v) for v in deps.total_bounds)


def _map_slide(data, state, geojson, lang) -> Slide:
    view, values = data.view(state), data.level_values(
        state, state.level, distance=state.indicator == "distance_km")
    fig = make_map_figure(values, view.venues, geojson_url="", indicator=state.indicator,
                          color_by=state.color_by, lang=lang, view=data.view_bounds(state))
    fig = to_geo(fig, bounds=_bounds(data, state.departements), geojson=geojson(state.level))
    return Slide("carte", t("slides.map.title", lang,
                            indicator=t(f"indicator.{state.indicator}", lang),
                            level=in_sentence(t(f"level.{state.level}", lang))),
                 charts=(style_chart(fig),))


def _coverage_slides(data, state, geojson, lang) -> list[Slide]:
    report = data.coverage_report(state)
    s = report.summary
    radius = format_int(state.radius_km, lang)
    figures = (
        KeyFigure(t("coverage.rate", lang), format_percent(s["coverage_rate"], lang),
                  t("slides.coverage.within", lang, radius=radius)),
        KeyFigure(t("coverage.covered_pop", lang), format_int(s["covered_population"], lang)),
        KeyFigure(t("coverage.uncovered_pop", lang),
                  format_int(s["population"] - s["covered_population"], lang)),
    )
    bars = make_coverage_bars(report.by_departement, data.names("departement"),
                              radius_km=state.radius_km, lang=lang)
    cov_map = make_coverage_map(report.distances, data.reach_venues(state), report.suggestions,
                                radius_km=state.radius_km, mode="couverture", lang=lang,
                                geojson_url="", view=data.view_bounds(state))
    cov_map = to_geo(cov_map, bounds=_bounds(data, state.departements),
                     geojson=geojson("commune"))
    columns, rows = zones_epci_rows(report.zones_epci.head(ZONES_ROWS), lang)
    columns = [(k, label) for k, label in columns if k in ZONES_COLUMNS]
    table = (tuple(label for _, label in columns),
             tuple(tuple(str(r[key]) for key, _ in columns) for r in rows))
    return [
        Slide("couverture", t("slides.coverage.title", lang, radius=radius), figures=figures,
              charts=(style_chart(bars),)),
        Slide("zones", t("slides.zones.title", lang, radius=radius),
              charts=(style_chart(cov_map),), table=table),
    ]


def _hybridation_slide(data, state, lang) -> Slide:
    venues = data.view(state).venues
    if "usages" not in data.recorded:  # unknown is not zero
        return Slide("hybridation", t("slides.hybridation.title", lang),
                     subtitle=t("hyb.not_recorded", lang))
    if venues.empty:  # no share of nothing: say so instead of drawing empty bars
        return Slide("hybridation", t("slides.hybridation.title", lang),
                     subtitle=t("slides.no_data", lang))
    fig = make_national_comparison(hybridation.usage_shares(venues),
                                   hybridation.NATIONAL_SHARES, lang=lang)
    fig = style_chart(fig)
    fig.update_layout(margin={"b": 10}, legend={"y": 1.02, "yanchor": "bottom", "x": 0})
    # the shares above their bars at full size, upright: across, they were shrunk to the
    # bars' width (to 15 px)
    fig.update_traces(textangle=-90, constraintext="none", cliponaxis=False,
                      selector={"type": "bar"})
    top = max((v for trace in fig.data for v in (trace.y or ()) if v is not None), default=0)
    fig.update_yaxes(range=[0, top * 1.3 or 1])  # room above the bars for their shares
    return Slide("hybridation", t("slides.hybridation.title", lang), charts=(fig,))


def _wrap_categories(fig: go.Figure, width: int = 12) -> None:
    """Category labels (« Programme<br>year ») cut into short lines, so that they do not
    overlap at presentation type sizes."""
    categories = list(dict.fromkeys(fig.data[0].x)) if fig.data else []
    text = ["<br>".join(textwrap.wrap(c.split("<br>")[0], width) + c.split("<br>")[1:])
            for c in categories]
    fig.update_xaxes(tickmode="array", tickvals=categories, ticktext=text, tickangle=0)


def _funding_slide(data, state, lang) -> Slide:
    view = data.view(state)
    if "funding" not in data.recorded:  # unknown is not zero
        return Slide("financements", t("fund.by_call_title", lang),
                     subtitle=t("fund.not_recorded", lang))
    if view.venues.empty:
        return Slide("financements", t("fund.by_call_title", lang),
                     subtitle=t("slides.no_data", lang))
    summary = funding.call_summary(view.funding, data.registry.calls)
    table = funding.funding_by_call(view.funding, view.venues, "departement")
    fig = make_funding_by_call(table, summary, data.names("departement").to_dict(),
                               by="departement", lang=lang)
    fig = style_chart(fig)
    # the legend (13 departments and the envelope's mark) at the foot of the figure, where
    # plotly makes room for it: at a fixed distance under the bars it covered the category
    # labels' third line at 1280 × 720
    fig.update_layout(legend={"orientation": "h", "yref": "container", "y": 0,
                              "yanchor": "bottom", "x": 0, "xanchor": "left"})
    _wrap_categories(fig)
    subtitle = t("slides.funding.total", lang, total=format_eur(view.kpis["funding"], lang))
    if state.departements or state.usages or state.labels:
        # a call's published envelope is the whole region's: beside a selection's bars it
        # set the axis (a department's bars looked tiny) and read « en deçà de l'enveloppe »
        fig.data = [trace for trace in fig.data if trace.type == "bar"]
        fig.layout.annotations = ()
        subtitle = f"{subtitle} · {t('slides.funding.envelope_regional', lang)}"
    return Slide("financements", t("fund.by_call_title", lang), subtitle=subtitle,
                 charts=(fig,))


def department_slide(data, state, code: str, geojson, region: dict) -> Slide:
    """A department's key figures beside the region's, and its map."""
    lang = state.lang
    sheet = make_portrait(data, state, Territory("departement", code))
    f = sheet.figures

    def fig(label, value, region_value):
        return KeyFigure(label, value, t("slides.region_value", lang, value=region_value))

    figures = (
        fig(t("kpi.venues", lang), format_int(f["venues"], lang),
            format_int(region["venues"], lang)),
        fig(t("indicator.venues_per_10k", lang), format_decimal(f["venues_per_10k"], lang, 2),
            format_decimal(region["venues_per_10k"], lang, 2)),
        fig(t("slides.coverage.rate_at", lang, radius=format_int(state.radius_km, lang)),
            format_percent(f["coverage_rate"], lang),
            format_percent(region["coverage_rate"], lang)),
        fig(t("kpi.funding_per_capita", lang),
            format_figure("funding_per_capita", f["funding_per_capita"], lang, data.recorded),
            format_figure("funding_per_capita", region["funding_per_capita"], lang,
                          data.recorded)),
    )
    dep_state = replace(state, departements=(code,), level="commune",
                        indicator=state.indicator if state.indicator != "distance_km"
                        else "venues")
    chart = _map_slide(data, dep_state, geojson, lang).charts[0]
    return Slide(f"dep-{code}", f"{code} · {sheet.name}", figures=figures, charts=(chart,))


def build_slides(data, state: ViewState, *, geojson, today: dt.date | None = None
                 ) -> tuple[DocumentMeta, list[Slide]]:
    """(what every slide names, the slides) for ``state``. ``geojson(level)`` gives the
    polygons' source for the maps: a URL in a served page, a key of embedded data in a
    self-contained report."""
    lang = state.lang
    meta = document_meta(data, state, today)
    kpis = data.view(state).kpis
    slides = [
        Slide("titre", t("app.title", lang), subtitle=meta.filters),
        Slide("chiffres", t("slides.figures.title", lang),
              figures=key_figures(kpis, lang, data.recorded)),
        _map_slide(data, state, geojson, lang),
        *_coverage_slides(data, state, geojson, lang),
        _hybridation_slide(data, state, lang),
        _funding_slide(data, state, lang),
    ]
    region = region_figures(data, state)
    codes = state.departements or tuple(data.reference.departements["code"])
    slides += [department_slide(data, state, code, geojson, region) for code in codes]
    return meta, slides

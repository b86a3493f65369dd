"""Slides and the self-contained report: the dashboard's figures, nothing fetched from any host.

PDF tests print with Debian's headless Chromium (marked ``browser``, like the other tests
that need it)."""

from __future__ import annotations

import datetime as dt
import math
import re
from html.parser import HTMLParser

import pytest

from callbacks.coverage import update_coverage_tables
from callbacks.kpis import update_kpis
from dashboard.dataset import get_published_dataset
from dashboard.documents import report_sheets, write_report
from dashboard.filters import ViewState, state_to_dict
from dashboard.i18n import format_int, t
from dashboard.portrait import Territory, make_portrait
from dashboard.report_html import PLOTLY_JS, VENUE_ROWS_PER_PAGE, make_report
from dashboard.slides import build_slides

TODAY = dt.date(2026, 11, 29)


@pytest.fixture(scope="module")
def data():
    return get_published_dataset()


class _Refs(HTMLParser):
    """Every address an element refers to, every tag, and the text of classed elements."""

    def __init__(self):
        super().__init__()
        self.refs, self.tags, self.texts, self._open = [], [], {}, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append(tag)
        for name in ("src", "href", "srcset", "poster", "data", "action"):
            if attrs.get(name):
                self.refs.append((tag, attrs[name]))
        self._open.append(attrs.get("class", ""))

    def handle_endtag(self, tag):
        if self._open:
            self._open.pop()

    def handle_data(self, text):
        for cls in set(" ".join(self._open[-1:]).split()):
            self.texts.setdefault(cls, []).append(text)


def _parse(text: str) -> _Refs:
    parser = _Refs()
    parser.feed(text)
    return parser


def _dashboard_kpis(state: ViewState) -> list[str]:
    """The six key figures as the dashboard's callback shows them."""
    return list(update_kpis(state_to_dict(state))[:6])


def test_slides_follow_the_state_in_order_and_language(data):
    state = ViewState(departements=("31", "81"), usages=("fablab",), lang="en")
    meta, slides = build_slides(data, state, geojson=lambda lv: f"embedded:{lv}", today=TODAY)
    assert [s.key for s in slides] == ["titre", "chiffres", "carte", "couverture", "zones",
                                       "hybridation", "financements", "dep-31", "dep-81"]
    assert meta.filters == "Haute-Garonne, Tarn · uses: Fablab / makerspace"
    assert meta.date == "Produced on November 29, 2026" and meta.demo == "Demo data"
    assert [f.value for f in slides[1].figures] == _dashboard_kpis(state)
    _, every = build_slides(data, ViewState(), geojson=lambda lv: lv, today=TODAY)
    assert [s.key for s in every][7:] == [f"dep-{c}" for c in data.reference.departements["code"]]


def test_nothing_selected_says_so_instead_of_drawing_empty_charts(data):
    state = ViewState(departements=("09",), usages=("cuisine_partagee",),
                      labels=("labellise",), usage_mode="all")
    assert data.view(state).kpis["venues"] == 0
    _, slides = build_slides(data, state, geojson=lambda lv: lv, today=TODAY)
    by_key = {s.key: s for s in slides}
    for key in ("hybridation", "financements"):
        assert by_key[key].charts == () and by_key[key].subtitle == t("slides.no_data")
    text = make_report(data, state, report_sheets(data, state), today=TODAY)
    assert text.count(t("slides.no_data")) >= 3  # both sections and the empty venue list


def test_map_slides_are_geo_maps_of_the_dashboards_values(data):
    state = ViewState(departements=("34",), level="epci", indicator="venues_per_10k")
    _, slides = build_slides(data, state, geojson=lambda lv: f"embedded:{lv}", today=TODAY)
    fig = {s.key: s for s in slides}["carte"].charts[0]
    values = data.level_values(state, "epci")
    assert [tr.type for tr in fig.data[:2]] == ["choropleth", "choropleth"]
    assert {tr.type for tr in fig.data[2:]} == {"scattergeo"}
    assert list(fig.data[1].locations) == [str(i) for i in values.index]
    shown = [v for v in fig.data[1].z if v is not None]
    assert sum(shown) == pytest.approx(values["venues_per_10k"].dropna().round(4).sum())
    assert sum(len(tr.lat) for tr in fig.data[2:]) == data.view(state).kpis["venues"]
    assert fig.data[1].geojson == "embedded:epci" and fig.layout.geo.visible is False
    dep = {s.key: s for s in slides}["dep-34"]
    sheet = make_portrait(data, state, Territory("departement", "34"))
    assert dep.figures[0].value == format_int(sheet.figures["venues"])


@pytest.mark.parametrize("departements", [("31",), ()])
def test_the_report_is_self_contained_and_shows_the_dashboards_figures(data, departements):
    state = ViewState(departements=departements)
    sheets = report_sheets(data, state)
    text = make_report(data, state, sheets, today=TODAY)
    parsed = _parse(text)
    external = [(tag, ref) for tag, ref in parsed.refs
                if re.match(r"^\s*(https?:)?//", ref, re.I) or ref.startswith("/")]
    assert external == [] and parsed.refs == []  # nothing linked, even locally
    assert "link" not in parsed.tags
    styles = re.findall(r"<style>(.*?)</style>", text, re.S)
    assert styles and not any(re.search(r"url\(|@import|@font-face", s) for s in styles)
    assert "</script" not in PLOTLY_JS.read_text(encoding="utf-8").lower()
    assert text.count(PLOTLY_JS.read_text(encoding="utf-8")[:200]) == 1  # plotly.js inlined
    # the cover's key figures are the dashboard's, then the coverage page's
    values = parsed.texts["tl-kpi-value"]
    assert values[:6] == _dashboard_kpis(state)
    cov = update_coverage_tables({**state_to_dict(state), "tab": "couverture"})
    assert values[6:9] == [cov[1], cov[2], cov[3]]
    # every page names the source and the date, and says the data are demo data
    pages = text.count('<section class="page"')
    assert len(parsed.texts["tl-source"]) == pages
    assert parsed.texts["tl-demo"].count(t("badge.demo")) == pages
    assert len(parsed.texts["tl-date"]) == pages
    n = data.view(state).kpis["venues"]
    assert pages == 1 + len(sheets) + 5 + math.ceil(n / VENUE_ROWS_PER_PAGE)


def test_report_in_english_and_for_a_territory_with_a_comparison(data):
    state = ViewState(usages=("coworking",), lang="en")
    sheets = report_sheets(data, state, "epci:243100518", "departement:31")
    assert sheets == [(Territory("epci", "243100518"), Territory("departement", "31"))]
    text = make_report(data, state, sheets, today=TODAY)
    assert '<html lang="en">' in text and "Produced on November 29, 2026" in text
    assert "Toulouse Métropole" in text and "Key figures" in text
    row = data.level_values(state, "epci").loc["243100518"]
    figures = re.search(r'class="tl-table tl-figures">.*?</table>', text, re.S).group(0)
    venues_row = re.search(r"<td>Venues shown</td><td>([^<]*)</td><td>([^<]*)</td>", figures)
    assert venues_row.group(1) == format_int(row["venues"], "en")
    dep = data.view(ViewState(departements=("31",), usages=("coworking",))).kpis
    assert venues_row.group(2) == format_int(dep["venues"], "en")


def test_cli_report_writes_html_and_refuses_unknown_values(tmp_path, capsys):
    from dashboard.cli import main

    out = tmp_path / "rapport.html"
    assert main(["report", "--departement", "48", "--usage", "coworking", "--out",
                 str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "Lozère · usages : Coworking" in text
    assert main(["report", "--departement", "99", "--out", str(out)]) == 2
    assert "--departement : valeur(s) inconnue(s) : 99" in capsys.readouterr().err
    assert main(["report", "--territoire", "epci:1", "--out", str(out)]) == 2
    assert main(["report", "--out", str(tmp_path / "rapport.docx")]) == 2


def _pdf_pages(pdf) -> list[str]:
    """Each page's text as ``pdftotext`` (poppler) reads it, one string per page."""
    import subprocess

    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    pages = text.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


@pytest.mark.browser
@pytest.mark.parametrize("departements, territoire, comparer", [
    (("48",), None, None), ((), None, None),
    # a long intercommunality name beside a department: the sheet once spilled onto a 3rd page
    ((), "epci:200066223", "departement:31"), ((), "epci:243100518", "departement:31")])
def test_the_pdf_has_one_page_per_section_and_names_its_source(data, tmp_path, departements,
                                                                territoire, comparer):
    state = ViewState(departements=departements)
    sheets = report_sheets(data, state, territoire, comparer)
    pdf = write_report(data, state, sheets, tmp_path / "rapport.pdf", today=TODAY)
    pages = _pdf_pages(pdf)
    n = data.view(state).kpis["venues"]
    assert len(pages) == 1 + len(sheets) + 5 + math.ceil(n / VENUE_ROWS_PER_PAGE)
    for i, text in enumerate(pages, start=1):  # the footer on every page
        assert "Données de démonstration" in text and "venues.csv" in text, i
        assert "29 novembre 2026" in text, i
    # the charts were drawn before printing: the map page holds the legend's texts
    assert "Labellisé" in pages[len(sheets) + 1]
    # the contents on the cover give the right pages
    cover = pages[0].split("Sommaire", 1)[1]
    entries = re.findall(r"^\s*(\S.*?)\s+p\. (\d+)\s*$", cover, re.M)
    assert len(entries) == len(sheets) + 6
    for title, number in entries:
        flat = " ".join(pages[int(number) - 1].split())
        assert title.strip()[:18] in flat, (title, number)


@pytest.mark.browser
def test_cli_prints_a_pdf(tmp_path):
    from pypdf import PdfReader

    from dashboard.cli import main

    out = tmp_path / "lozere.pdf"
    assert main(["report", "--departement", "48", "--lang", "en", "--out", str(out)]) == 0
    assert "Demo data" in PdfReader(out).pages[0].extract_text()


@pytest.mark.parametrize("key", ["carte", "zones", "dep-31"])
def test_map_slides_keep_colour_bar_and_legend_off_the_territory(data, key):
    """The dashboard's colour bar floats over the right edge of its map (white, 80 % opaque)
    and its legend over the bottom: on a slide or a page they hid Hérault's coast and the
    southern tip of Haute-Garonne. The geo copies put both outside the map's area, where plotly
    widens the margins for them."""
    state = ViewState(departements=("31",) if key == "dep-31" else ())
    _, slides = build_slides(data, state, geojson=lambda lv: lv)
    fig = next(s for s in slides if s.key == key).charts[0]
    bars = [tr.colorbar for tr in fig.data if tr.type == "choropleth" and tr.showscale
            is not False]
    assert bars and all(b.x >= 1 and b.xanchor == "left" and b.bgcolor is None for b in bars)
    assert fig.layout.legend.y <= 0 and fig.layout.legend.yanchor == "top"
    assert fig.layout.geo.domain.x in (None, (0, 1))  # the whole plot area, margins aside


def test_the_report_file_name_says_its_filters():
    """« rapport_31_2026-11-29.html » for a report on coworking spaces only did not say so."""
    from dashboard.documents import report_name

    day = TODAY
    assert report_name(ViewState(departements=("31",), usages=("coworking",)),
                       [(Territory("departement", "31"), None)], "html", day) \
        == "rapport_31_coworking_2026-11-29.html"
    assert report_name(ViewState(usages=("coworking", "fablab"), labels=("labellise",)),
                       [(None, None)], "pdf", day) \
        == "rapport_occitanie_coworking-fablab_labellise_2026-11-29.pdf"
    assert report_name(ViewState(), [(None, None)], "html", day) \
        == "rapport_occitanie_2026-11-29.html"


def test_a_selections_funding_chart_is_scaled_on_its_own_bars(data):
    """The regional « Enveloppe publiée » mark set the axis of a department's funding chart
    (its bars looked tiny) and called them « en deçà de l'enveloppe »: for a selection the
    chart shows its bars only and says why the envelopes are absent."""
    _, slides = build_slides(data, ViewState(departements=("31",)), geojson=lambda lv: lv)
    slide = next(s for s in slides if s.key == "financements")
    fig = slide.charts[0]
    assert {tr.type for tr in fig.data} == {"bar"} and not fig.layout.annotations
    assert "pour toute la région" in slide.subtitle
    _, slides = build_slides(data, ViewState(), geojson=lambda lv: lv)
    region = next(s for s in slides if s.key == "financements")
    names = [tr.name for tr in region.charts[0].data if tr.type == "scatter"]
    assert names == [t("fund.envelope_marker", "fr")]  # the region keeps its envelopes
    assert "pour toute la région" not in region.subtitle

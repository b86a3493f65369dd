"""The roadmap's page of the report (issue 13's « rapport »): the scenarios of the link, each
before / after, and side by side when there are several.

``scenario_pages`` reads the roadmap's link parameters (``scenario``, ``nom``, ``annee``…) and
returns ``(title, HTML)`` pages for ``report_html.render_report``; no scenario, no page. A
travel-time table lives in a session's memory, not in the link: the report measures in
straight-line km at the view's radius and says so.
"""

from __future__ import annotations

import html

from dashboard.dataset import RoadmapOptions
from dashboard.figures.roadmap import comparison_rows, scenario_table_rows
from dashboard.i18n import format_int, format_percent, t
from dashboard.roadmap_state import parse_roadmap_query

__all__ = ["scenario_pages"]


def _table(columns, rows) -> str:
    head = "".join(f"<th>{html.escape(str(label))}</th>" for _, label in columns)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(str(row[key]))}</td>"
                                    for key, _ in columns) + "</tr>" for row in rows)
    return f'<table class="tl-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _summary(name: str, sites: str, result: dict, lang: str) -> str:
    b, a = result["before"], result["after"]
    return (f"<h3>{html.escape(name)}</h3><p>{html.escape(sites)}</p><p>"
            + html.escape(t("roadmap.report.summary", lang,
                            newly=format_int(result["newly_covered_population"], lang),
                            before=format_percent(b["coverage_rate"], lang),
                            after=format_percent(a["coverage_rate"], lang),
                            communes=format_int(result["zones_blanches_communes"], lang),
                            pop=format_int(result["zones_blanches_population"], lang)))
            + "</p>")


def scenario_pages(data, state, search: str) -> list[tuple[str, str]]:
    """``[(title, HTML)]``: one page with every non-empty scenario of ``search``."""
    road, _ = parse_roadmap_query(search, data.communes["insee"],
                                  data.registry.venues["venue_id"])
    scenarios = [(s.name or t("roadmap.scenario.default_name", state.lang, n=i + 1), s)
                 for i, s in enumerate(road.scenarios) if not s.is_empty]
    if not scenarios:
        return []
    lang = state.lang
    opts = RoadmapOptions(road.candidates, road.min_population, road.year)
    results = [(name, s, data.roadmap_scenario(state, opts, s)) for name, s in scenarios]
    parts = [f"<p>{html.escape(t('roadmap.measure.straight', lang, radius=state.radius_km))}"
             + (" " + html.escape(t("roadmap.report.as_of", lang, year=road.year))
                if road.year else "") + "</p>"]
    for name, scenario, result in results:
        parts.append(_summary(name, ", ".join(scenario.tokens()), result, lang))
    if len(results) > 1:
        parts.append(_table(*comparison_rows([(n, r["rows"]) for n, _, r in results], lang)))
    else:
        parts.append(_table(*scenario_table_rows(results[0][2]["rows"], lang)))
    return [(t("roadmap.report.title", lang), "".join(parts))]

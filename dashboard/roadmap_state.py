"""The roadmap's part of the view state and of the permalink, until the view-state table
declares these fields (same conventions as ``filters.parse_query``: unknown values are
dropped and reported, never fatal).

Query parameters: ``candidats`` (``communes``, ``lieux``, ``les_deux``), ``popmin``
(population of a candidate commune, 0–100 000), ``annee`` (the network as of 31 December of
that year), ``scenario`` / ``scenario2`` / ``scenario3`` (sites: ``31555,v:DEMO-042`` to add,
``-v:DEMO-001`` to remove) with their names ``nom`` / ``nom2`` / ``nom3``.
A travel-time table is session data (an upload): it is not in the link.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field, replace
from urllib.parse import parse_qsl, urlencode

from dashboard.roadmap import CANDIDATE_KINDS, Scenario, parse_sites
from dashboard.traveltimes import DEFAULT_MINUTES, MINUTES_RANGE

__all__ = ["RoadmapState", "PARAMS", "MAX_SCENARIOS", "parse_roadmap_query", "roadmap_query",
           "strip_roadmap_params", "merge_query", "roadmap_to_dict", "roadmap_from_dict",
           "add_site", "drop_site", "set_sites", "rename", "new_scenario", "YEAR_BOUNDS",
           "DEFAULT_MIN_POPULATION", "MIN_POPULATION_BOUNDS", "with_roadmap", "clamp_minutes",
           "click_site", "read_site_list", "parse_int"]

MAX_SCENARIOS = 3
DEFAULT_MIN_POPULATION = 1000
MIN_POPULATION_BOUNDS = (0, 100_000)
YEAR_BOUNDS = (1990, datetime.date.today().year)
_KIND_PARAM = {"communes": "communes", "venues": "lieux", "both": "les_deux"}
_SCENARIO_KEYS = ("scenario", "scenario2", "scenario3")
_NAME_KEYS = ("nom", "nom2", "nom3")
PARAMS = frozenset({"candidats", "popmin", "annee", *_SCENARIO_KEYS, *_NAME_KEYS})


@dataclass(frozen=True)
class RoadmapState:
    candidates: str = "communes"
    min_population: int = DEFAULT_MIN_POPULATION
    year: int | None = None
    scenarios: tuple[Scenario, ...] = field(default_factory=lambda: (Scenario(),))
    active: int = 0
    minutes: int = DEFAULT_MINUTES
    travel_times: str | None = None  # key of the session's uploaded table

    @property
    def scenario(self) -> Scenario:
        return self.scenarios[self.active]


def _params(search: str) -> list[tuple[str, str]]:
    return parse_qsl((search or "").lstrip("?"), keep_blank_values=True)


def strip_roadmap_params(search: str) -> str:
    """The query string without the roadmap's parameters (for ``filters.parse_query``)."""
    rest = [(k, v) for k, v in _params(search) if k not in PARAMS]
    return "?" + urlencode(rest, safe=",") if rest else ""


def merge_query(query: str, search: str) -> str:
    """``query`` (the filters' canonical string) with the roadmap parameters of ``search``."""
    ours = [(k, v) for k, v in _params(search) if k in PARAMS]
    pairs = _params(query) + ours
    return "?" + urlencode(pairs, safe=",:") if pairs else ""


def parse_roadmap_query(search: str, commune_codes, venue_ids,
                        year_bounds: tuple[int, int] = YEAR_BOUNDS
                        ) -> tuple[RoadmapState, list[tuple[str, str]]]:
    """RoadmapState from the link, plus the (parameter, value) pairs ignored."""
    params = dict(_params(search))
    ignored: list[tuple[str, str]] = []
    kinds = {v: k for k, v in _KIND_PARAM.items()}
    kind = params.get("candidats", "communes") or "communes"
    if kind not in kinds:
        ignored.append(("candidats", kind))
        kind = "communes"
    scenarios = []
    for key, name_key in zip(_SCENARIO_KEYS, _NAME_KEYS):
        if key not in params and name_key not in params:
            continue
        add, remove, bad = parse_sites(params.get(key, "").split(","), commune_codes, venue_ids)
        ignored.extend((key, b) for b in bad)
        scenarios.append(Scenario(add=add, remove=remove, name=params.get(name_key, "")[:60]))
    state = RoadmapState(
        candidates=kinds[kind],
        min_population=_int(params.get("popmin"), MIN_POPULATION_BOUNDS,
                            DEFAULT_MIN_POPULATION, "popmin", ignored),
        year=_int(params.get("annee"), year_bounds, None, "annee", ignored),
        scenarios=tuple(scenarios) or (Scenario(),),
    )
    return state, ignored


def parse_int(value, bounds, default) -> int | None:
    """``value`` as an int within ``bounds``, else ``default``."""
    return _int(value, bounds, default, "", [])


def _int(value, bounds, default, key, ignored):
    if value is None or value == "":
        return default
    try:
        number = int(value)
    except ValueError:
        ignored.append((key, value))
        return default
    if not bounds[0] <= number <= bounds[1]:
        ignored.append((key, value))
        return default
    return number


def roadmap_query(state: RoadmapState) -> list[tuple[str, str]]:
    """The roadmap's (parameter, value) pairs of a state (defaults left out)."""
    pairs = []
    if state.candidates != "communes":
        pairs.append(("candidats", _KIND_PARAM[state.candidates]))
    if state.min_population != DEFAULT_MIN_POPULATION:
        pairs.append(("popmin", str(state.min_population)))
    if state.year is not None:
        pairs.append(("annee", str(state.year)))
    for key, name_key, scen in zip(_SCENARIO_KEYS, _NAME_KEYS, state.scenarios):
        if scen.is_empty and not scen.name and len(state.scenarios) == 1:
            continue
        pairs.append((key, ",".join(scen.tokens())))
        if scen.name:
            pairs.append((name_key, scen.name))
    return pairs


def with_roadmap(query: str, state: RoadmapState) -> str:
    """The filters' query string followed by the roadmap's parameters."""
    pairs = _params(query) + roadmap_query(state)
    return "?" + urlencode(pairs, safe=",:") if pairs else ""


# --------------------------------------------------------------------------- store and edits

def roadmap_to_dict(state: RoadmapState) -> dict:
    return {"candidates": state.candidates, "min_population": state.min_population,
            "year": state.year, "active": state.active, "minutes": state.minutes,
            "travel_times": state.travel_times,
            "scenarios": [{"add": list(s.add), "remove": list(s.remove), "name": s.name}
                          for s in state.scenarios]}


def roadmap_from_dict(data: dict | None) -> RoadmapState:
    if not data:
        return RoadmapState()
    scenarios = tuple(Scenario(add=tuple(s.get("add") or ()), remove=tuple(s.get("remove") or ()),
                               name=s.get("name") or "") for s in data.get("scenarios") or ())
    scenarios = scenarios or (Scenario(),)
    kind = data.get("candidates")
    return RoadmapState(
        candidates=kind if kind in CANDIDATE_KINDS else "communes",
        min_population=int(data.get("min_population", DEFAULT_MIN_POPULATION) or 0),
        year=int(data["year"]) if data.get("year") else None,
        scenarios=scenarios, active=min(int(data.get("active") or 0), len(scenarios) - 1),
        minutes=int(data.get("minutes") or DEFAULT_MINUTES),
        travel_times=data.get("travel_times"))


def _with_active(state: RoadmapState, scenario: Scenario) -> RoadmapState:
    scenarios = list(state.scenarios)
    scenarios[state.active] = scenario
    return replace(state, scenarios=tuple(scenarios))


def add_site(state: RoadmapState, site: str) -> RoadmapState:
    """Add a site to the active scenario (a venue it removed is put back instead)."""
    s = state.scenario
    if site in s.remove:
        return _with_active(state, replace(s, remove=tuple(r for r in s.remove if r != site)))
    if site in s.add:
        return state
    return _with_active(state, replace(s, add=s.add + (site,)))


def drop_site(state: RoadmapState, site: str) -> RoadmapState:
    """Undo an addition; a venue of the network that was not added is removed instead."""
    s = state.scenario
    if site in s.add:
        return _with_active(state, replace(s, add=tuple(a for a in s.add if a != site)))
    if site.startswith("v:") and site not in s.remove:
        return _with_active(state, replace(s, remove=s.remove + (site,)))
    return state


def set_sites(state: RoadmapState, add, remove=()) -> RoadmapState:
    return _with_active(state, replace(state.scenario, add=tuple(add), remove=tuple(remove)))


def rename(state: RoadmapState, name: str) -> RoadmapState:
    return _with_active(state, replace(state.scenario, name=(name or "")[:60]))


def new_scenario(state: RoadmapState) -> RoadmapState:
    """A new empty scenario to compare with the others (at most three; the last is reused)."""
    if len(state.scenarios) >= MAX_SCENARIOS:
        return replace(state, active=len(state.scenarios) - 1)
    return replace(state, scenarios=state.scenarios + (Scenario(),),
                   active=len(state.scenarios))


def clamp_minutes(value) -> int:
    try:
        return min(max(int(value), MINUTES_RANGE[0]), MINUTES_RANGE[1])
    except (TypeError, ValueError):
        return DEFAULT_MINUTES


# curve numbers of the coverage map's clickable traces (``figures/coverage.py``
# ``TRACE_ROLES``; a test checks that they agree): the rest are communes (choropleths)
CURVE_VENUES, CURVE_SUGGESTIONS, CURVE_SITES = 1, 2, 5


def click_site(state: RoadmapState, point: dict) -> RoadmapState:
    """A click on the coverage map: a commune (its choropleths) or a suggested site is
    added, or taken out again if it was; a venue of the network is removed, or put back;
    a scenario site is undone."""
    curve = point.get("curveNumber")
    site = point.get("customdata") if curve in (CURVE_VENUES, CURVE_SUGGESTIONS,
                                                 CURVE_SITES) else point.get("location")
    if not site:
        return state
    site = str(site)
    s = state.scenario
    if curve == CURVE_SITES or (curve != CURVE_VENUES and site in s.add):
        if site in s.add:
            return drop_site(state, site)
        return add_site(state, site)  # a removed venue, put back
    if curve == CURVE_VENUES:
        return add_site(state, site) if site in s.remove else drop_site(state, site)
    return add_site(state, site)


def read_site_list(content: bytes) -> list[str]:
    """Tokens of an uploaded list: one per line, or separated by commas / semicolons /
    tabs; the first cell of a CSV row is used when the row has several."""
    text = content.decode("utf-8-sig", errors="replace")
    tokens = []
    for line in text.splitlines():
        cells = [c.strip().strip('"') for c in line.replace(";", ",").replace("\t", ",")
                 .split(",")]
        cells = [c for c in cells if c]
        if not cells:
            continue
        if len(cells) > 1 and any(c[:2].lower() == "v:" or c.isdigit() for c in cells[1:]):
            tokens.extend(cells)  # a list on one line
        else:
            tokens.append(cells[0])
    return tokens

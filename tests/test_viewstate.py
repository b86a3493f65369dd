"""The view-state table: every conversion derived from it round-trips, for every field (the
cases are generated from ``FIELDS`` itself), the cache keys follow the declared flags, and a
new field is one table entry."""

from __future__ import annotations

import dataclasses
import json

import pandas as pd
import pytest
from dash import Input
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from callbacks.state import control_dependencies
from dashboard.filters import select_venues
from dashboard.viewstate import (
    FIELDS,
    VIEW,
    Choice,
    Codes,
    Domain,
    Field,
    Integer,
    ViewSpec,
    ViewState,
    YearRange,
)
from layouts import ids
from layouts.page import PageMeta, make_layout

DOMAIN = Domain(departements={"09", "31", "32", "81"}, calls={"label_2018", "fabregion_2016"},
                year_bounds=(2016, 2021))


def example(field: Field, domain: Domain):
    """A valid value of ``field`` other than its default."""
    kind = field.kind
    if isinstance(kind, Codes):
        return tuple(kind.allowed(domain)[:2])
    if isinstance(kind, Choice):
        return next(v for v in kind.allowed(domain) if v != field.default)
    if isinstance(kind, Integer):
        lo, hi = kind.limits(domain)
        return hi if field.default == lo else lo
    if isinstance(kind, YearRange):
        lo, _ = kind.limits(domain)
        return (lo, lo)
    raise NotImplementedError(f"no example for {type(kind).__name__}: add one here")


def values(field: Field, domain: Domain) -> st.SearchStrategy:
    """Any valid value of ``field``."""
    kind = field.kind
    if isinstance(kind, Codes):
        allowed = kind.allowed(domain)
        return st.sets(st.sampled_from(allowed)).map(
            lambda chosen: tuple(v for v in allowed if v in chosen))
    if isinstance(kind, Choice):
        return st.sampled_from(kind.allowed(domain))
    if isinstance(kind, Integer):
        return st.integers(*kind.limits(domain))
    if isinstance(kind, YearRange):
        lo, hi = kind.limits(domain)
        pairs = st.tuples(st.integers(lo, hi), st.integers(lo, hi)).map(tuple).map(sorted)
        return st.none() | pairs.map(tuple).filter(lambda p: p != (lo, hi))
    raise NotImplementedError(f"no strategy for {type(kind).__name__}: add one here")


def states(spec: ViewSpec = VIEW, domain: Domain = DOMAIN) -> st.SearchStrategy:
    """Valid states of ``spec``: every field drawn, the table's rules respected."""
    def build(drawn: dict):
        assume(all(f.rule is None or f.rule(drawn[f.name], drawn) for f in spec.fields))
        return spec.state_type(**drawn)
    return st.fixed_dictionaries({f.name: values(f, domain) for f in spec.fields}).map(build)


def assert_round_trips(spec: ViewSpec, state, domain: Domain = DOMAIN):
    query = spec.to_query(state)
    assert spec.parse_query(query, domain) == (state, [])  # query -> state -> query
    store = spec.to_store(state)
    assert spec.from_store(json.loads(json.dumps(store))) == state  # JSON store and back
    controls = spec.to_controls(state, domain)
    assert spec.from_controls(controls, domain, spec.state_type()) == (state, ())


# ----------------------------------------------------------------------------- the table


def test_the_state_class_is_the_table():
    fields = dataclasses.fields(ViewState)
    assert [f.name for f in fields] == [f.name for f in FIELDS]
    assert [f.default for f in fields] == [f.default for f in FIELDS]
    assert ViewState() == VIEW.parse_query("", DOMAIN)[0]


def test_every_control_binding_names_a_field_and_a_distinct_component():
    assert set(ids.CONTROLS) <= set(VIEW.field)
    assert len(set(ids.CONTROLS.values())) == len(ids.CONTROLS)
    assert list(ids.CONTROLS) == [f.name for f in FIELDS if f.name in ids.CONTROLS]


def test_the_page_opens_with_the_controls_of_the_default_state():
    """Before the link is read, every control shows the default state."""
    meta = PageMeta(departements=tuple((c, f"dep {c}") for c in DOMAIN.departements),
                    calls=tuple((c, c) for c in DOMAIN.calls), year_bounds=DOMAIN.year_bounds,
                    is_demo=True, source_label="demo.csv", n_communes=10)
    shown = {}
    for component in make_layout(meta)._traverse():
        for name, (component_id, prop) in ids.CONTROLS.items():
            if getattr(component, "id", None) == component_id:
                shown[name] = getattr(component, prop)
    assert shown == VIEW.to_controls(ViewState(), DOMAIN, ids.CONTROLS)


def test_a_table_with_two_fields_of_one_name_or_parameter_is_refused():
    with pytest.raises(ValueError, match="name"):
        ViewSpec(FIELDS + (Field("k", "kk", Integer((1, 2)), 1),))
    with pytest.raises(ValueError, match="param"):
        ViewSpec(FIELDS + (Field("k2", "k", Integer((1, 2)), 1),))


@pytest.mark.parametrize("field", FIELDS, ids=lambda f: f.name)
def test_each_field_round_trips_and_is_spelled_in_the_link(field):
    state = ViewState(**{field.name: example(field, DOMAIN)})
    assert_round_trips(VIEW, state)
    query = VIEW.to_query(state)
    assert query.startswith(f"?{field.param}=") and "&" not in query
    assert_round_trips(VIEW, ViewState())


@pytest.mark.parametrize("field", FIELDS, ids=lambda f: f.name)
def test_each_field_reports_a_value_it_cannot_read(field):
    state, ignored = VIEW.parse_query(f"?{field.param}=zzz-9999", DOMAIN)
    assert state == ViewState() and ignored == [(field.param, "zzz-9999")]


@settings(max_examples=200, deadline=None)
@given(states())
def test_random_states_round_trip(state):
    assert_round_trips(VIEW, state)


def test_permalink_parameters_keep_their_historical_order():
    """Existing links and bookmarks: the parameter names and their order are a contract."""
    assert [f.param for f in FIELDS] == [
        "departement", "usage", "mode", "label", "appel", "annees", "niveau", "indicateur",
        "couleur", "lang", "vue", "rayon", "k", "donnees"]


# ----------------------------------------------------------------------------- cache keys


@pytest.mark.parametrize("field", FIELDS, ids=lambda f: f.name)
def test_cache_keys_follow_the_declared_flags(field):
    state = ViewState(**{field.name: example(field, DOMAIN)})
    assert (state.filter_key() != ViewState().filter_key()) is field.selects_venues
    assert (state.reach_key() != ViewState().reach_key()) is field.selects_reach


@pytest.fixture(scope="module")
def venues():
    """Every combination the filters tell apart: departments, usages, labels, label years."""
    rows = []
    for i, (dep, usages, label, year) in enumerate([
        ("31", "coworking|fablab", "labellise", 2018), ("31", "fablab", "candidat", None),
        ("32", "coworking", "labellise", 2016), ("81", "", "inconnu", None),
        ("81", "culture|fablab", "labellise", 2021),
        ("09", "fablab|atelier_partage", "non_labellise", 2019)]):
        rows.append({"venue_id": f"v{i}", "dep_code": dep, "usages": usages,
                     "label_status": label, "label_year": year})
    frame = pd.DataFrame(rows)
    frame["label_year"] = frame["label_year"].astype("Int64")
    return frame


FUNDING = pd.DataFrame({"venue_id": ["v0", "v1", "v4"],
                        "call_id": ["fabregion_2016", "label_2018", "label_2018"],
                        "amount_eur": [1.0, 2.0, 3.0]})


@settings(max_examples=150, deadline=None)
@given(states(), states())
def test_fields_outside_the_keys_never_change_the_selection(venues, a, b):
    """What the keys leave out cannot change which venues are selected (else a cache would
    serve another state's venues): ``b`` with ``a``'s key fields selects like ``a``."""
    same_filters = dataclasses.replace(b, **{n: getattr(a, n) for n in VIEW.venue_fields})
    ids_of = lambda s: list(select_venues(venues, FUNDING, s)["venue_id"])  # noqa: E731
    assert ids_of(same_filters) == ids_of(a)
    # reachable venues: every filter but the territory
    reach_a = dataclasses.replace(a, departements=())
    reach_b = dataclasses.replace(b, **{**{n: getattr(a, n) for n in VIEW.reach_fields},
                                        "departements": ()})
    assert ids_of(reach_b) == ids_of(reach_a)


# ----------------------------------------------------------------------------- a new control


ANNEE = Field("annee", "annee", Integer(lambda d: d.year_bounds), None, selects_venues=True,
              selects_reach=True)
WITH_ANNEE = ViewSpec(FIELDS + (ANNEE,))


def test_a_new_control_is_one_table_entry():
    """Issue 14's « situation au 31/12/AAAA »: one ``Field`` gives the parameter, its parsing
    and report, the permalink, the store, the control values and the cache keys."""
    spec = WITH_ANNEE
    state, ignored = spec.parse_query("?departement=31&annee=2019&k=5", DOMAIN)
    assert ignored == [] and (state.departements, state.annee, state.k) == (("31",), 2019, 5)
    assert spec.to_query(state) == "?departement=31&k=5&annee=2019"
    assert spec.parse_query("?annee=1900", DOMAIN)[1] == [("annee", "1900")]
    assert spec.to_store(state)["annee"] == 2019 and spec.from_store(spec.to_store(state)) == state
    assert spec.to_controls(state, DOMAIN)["annee"] == 2019
    assert spec.from_controls({"annee": 2030}, DOMAIN, state)[0].annee == 2021  # clamped
    assert state.filter_key()[-1] == 2019 and state.reach_key()[-1] == 2019
    assert spec.state_type().annee is None and spec.to_query(spec.state_type()) == ""
    # the callback's named inputs and outputs come from the component binding
    binding = {**ids.CONTROLS, "annee": ("filter-annee", "value")}
    annee = control_dependencies(Input, binding)["annee"]
    assert (annee.component_id, annee.component_property) == ("filter-annee", "value")


@settings(max_examples=100, deadline=None)
@given(states(WITH_ANNEE))
def test_a_new_control_round_trips_like_the_others(state):
    assert_round_trips(WITH_ANNEE, state)

"""The dashboard's view state, declared once: one table of fields (``FIELDS``) from which the
permalink (query string), its parsing, the ``dcc.Store`` form, the control values and the
cache keys are all derived.

Query parameters (in permalink order): ``departement`` (comma-separated codes), ``usage``
(codes), ``mode`` (``tous`` = venues offering all the usages, ``un`` = at least one),
``label`` (statuses), ``appel`` (call id), ``annees`` (``2018-2021``), ``niveau``
(``commune``, ``epci``, ``departement``), ``indicateur``, ``couleur`` (``label``, ``usage``),
``lang`` (``fr``, ``en``), ``vue`` (``carte``, ``couverture``, ``hybridation``,
``financements``, ``lieux``, ``import``), ``rayon`` (coverage radius in km, 5–50), ``k``
(number of site suggestions, 1–20). Unknown values are dropped and reported, never fatal;
default values are left out of the permalink.

Where things live. This module is the domain half: what a field means, how it is spelled in
a link, which values it admits (fixed, or taken from the loaded data through ``Domain``),
and whether it selects venues. It names no component: ``dashboard/`` never imports Dash nor
``layouts/``. The other half, which component shows a field and through which property, is
``layouts/ids.py`` ``CONTROLS`` (field name → (component id, property)), beside the ids it
binds; ``callbacks/state.py`` builds its named inputs and outputs from it. A field that no
component shows (``lang``: the header button toggles it) is simply absent from ``CONTROLS``.

Adding a control: one ``Field`` below, one line in ``ids.CONTROLS`` and the component itself
in a layout (see docs/contributing-controls.md).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, make_dataclass
from dataclasses import field as dataclass_field
from typing import Any
from urllib.parse import parse_qsl, urlencode

from dashboard import schema
from dashboard.coverage import RADIUS_RANGE_KM
from dashboard.i18n import DEFAULT_LANG, LANGS
from dashboard.indicators import DEFAULT_INDICATOR, INDICATOR_IDS, applies_at

__all__ = ["Domain", "Codes", "Choice", "Integer", "YearRange", "Field", "ViewSpec", "FIELDS",
           "VIEW", "ViewState", "LEVELS", "COLOR_BY", "USAGE_MODES", "VIEWS", "parse_query",
           "to_query", "state_to_dict", "state_from_dict", "state_from_controls",
           "controls_of"]

LEVELS = ("commune", "epci", "departement")
COLOR_BY = ("label", "usage")
USAGE_MODES = ("any", "all")
# the dashboard's views (one tab each), as named in the ``vue`` parameter
VIEWS = ("carte", "couverture", "hybridation", "financements", "lieux", "import")


@dataclass(frozen=True)
class Domain:
    """Values admitted by the fields that depend on the loaded data (codes kept sorted)."""

    departements: Collection[str]
    calls: Collection[str]
    year_bounds: tuple[int, int]
    sources: Collection[str] = ("demo",)  # the published registries (``sources``), in order

    def __post_init__(self):
        object.__setattr__(self, "departements", tuple(sorted(self.departements)))
        object.__setattr__(self, "calls", tuple(sorted(self.calls)))
        object.__setattr__(self, "year_bounds", tuple(int(y) for y in self.year_bounds))
        object.__setattr__(self, "sources", tuple(self.sources))

    @classmethod
    def of(cls, data) -> Domain:
        """The domain of a loaded dataset (``dashboard.dataset.Dataset``) and of the
        installation's published registries."""
        from dashboard import config
        from dashboard.sources import published_sources

        return cls(departements=data.reference.departements["code"],
                   calls=data.registry.calls["call_id"], year_bounds=data.label_year_bounds,
                   sources=[s.key for s in published_sources(config.load_settings())])


# a field's admitted values: fixed, or read from the Domain
Values = Sequence | Callable[[Domain], Sequence]


def _resolve(values, domain: Domain):
    return values(domain) if callable(values) else values


# ----------------------------------------------------------------------------- kinds
# A kind says how one field's value is parsed from the link (reporting what it rejects),
# written to the link, read from and written to its control, and stored as JSON.


@dataclass(frozen=True)
class Codes:
    """A set of codes, as a tuple in the order of ``values`` (``keep_order``: as given)."""

    values: Values
    keep_order: bool = False
    annotation = tuple[str, ...]

    def allowed(self, domain: Domain) -> Sequence[str]:
        return _resolve(self.values, domain)

    def _normal(self, given, domain):
        allowed = self.allowed(domain)
        if self.keep_order:
            known = set(allowed)
            return tuple(dict.fromkeys(v for v in given if v in known))
        chosen = set(given)
        return tuple(v for v in allowed if v in chosen)

    def parse(self, text: str, domain: Domain, default):
        given = [v.strip() for v in text.split(",") if v.strip()]
        known = set(self.allowed(domain))
        return self._normal(given, domain), [v for v in given if v not in known]

    def format(self, value) -> str:
        return ",".join(value)

    def from_control(self, raw, domain: Domain, default):
        return self._normal(raw or (), domain)

    def to_control(self, value, domain: Domain):
        return list(value)

    def to_json(self, value):
        return list(value)

    def from_json(self, data):
        return tuple(data)


@dataclass(frozen=True)
class Choice:
    """One value among ``values``; ``spelled`` gives a value's word in links when it differs."""

    values: Values
    spelled: Mapping[str, str] = dataclass_field(default_factory=dict)
    annotation = str | None

    def allowed(self, domain: Domain) -> Sequence[str]:
        return _resolve(self.values, domain)

    def parse(self, text: str, domain: Domain, default):
        words = {self.spelled.get(v, v): v for v in self.allowed(domain)}
        return (words[text], []) if text in words else (default, [text])

    def format(self, value) -> str:
        return self.spelled.get(value, value)

    def from_control(self, raw, domain: Domain, default):
        return raw if raw in self.allowed(domain) else default

    def to_control(self, value, domain: Domain):
        return value

    def to_json(self, value):
        return value

    def from_json(self, data):
        return data


@dataclass(frozen=True)
class Integer:
    """A whole number within ``bounds``: out of range in a link is rejected, from a control
    it is clamped."""

    bounds: tuple[int, int] | Callable[[Domain], tuple[int, int]]
    annotation = int

    def limits(self, domain: Domain) -> tuple[int, int]:
        return tuple(_resolve(self.bounds, domain))

    def parse(self, text: str, domain: Domain, default):
        lo, hi = self.limits(domain)
        try:
            number = int(text)
        except ValueError:
            return default, [text]
        return (number, []) if lo <= number <= hi else (default, [text])

    def format(self, value) -> str:
        return str(value)

    def from_control(self, raw, domain: Domain, default):
        lo, hi = self.limits(domain)
        try:
            return min(max(int(raw), lo), hi)
        except (TypeError, ValueError):
            return default

    def to_control(self, value, domain: Domain):
        return value

    def to_json(self, value):
        return value

    def from_json(self, data):
        return int(data)


@dataclass(frozen=True)
class YearRange:
    """``(first, last)`` within ``bounds``, clamped to them; the whole range is no filter
    (``None``), which the control shows as the full slider."""

    bounds: tuple[int, int] | Callable[[Domain], tuple[int, int]]
    annotation = tuple[int, int] | None

    def limits(self, domain: Domain) -> tuple[int, int]:
        return tuple(_resolve(self.bounds, domain))

    def _normal(self, lo: int, hi: int, domain: Domain):
        bounds = self.limits(domain)
        lo, hi = max(lo, bounds[0]), min(hi, bounds[1])
        if lo > hi:
            return None, False
        return (None if (lo, hi) == bounds else (lo, hi)), True

    def parse(self, text: str, domain: Domain, default):
        try:
            lo, hi = (int(v) for v in text.split("-", 1))
        except ValueError:
            return default, [text]
        value, ok = self._normal(lo, hi, domain)
        return (value, []) if ok else (default, [text])

    def format(self, value) -> str:
        return f"{value[0]}-{value[1]}"

    def from_control(self, raw, domain: Domain, default):
        try:
            lo, hi = (int(y) for y in raw)
        except (TypeError, ValueError):
            return default
        return self._normal(lo, hi, domain)[0]

    def to_control(self, value, domain: Domain):
        return list(value or self.limits(domain))

    def to_json(self, value):
        return list(value) if value else None

    def from_json(self, data):
        return tuple(int(y) for y in data) if data else None


# ----------------------------------------------------------------------------- fields


@dataclass(frozen=True)
class Field:
    """One view-state field.

    ``name`` is the ViewState attribute and the store key, ``param`` the query parameter.
    ``selects_venues``: part of the venue selection (→ ``filter_key``); ``selects_reach``:
    also selects the venues that can serve a commune, i.e. every venue filter but the
    territory (→ ``reach_key``). ``rule(value, values)`` checks the value against the other
    fields' (``values``: name → value); a value it refuses is reported and replaced by the
    default. ``keep_on_reset``: the reset button leaves it as it is.
    """

    name: str
    param: str
    kind: Codes | Choice | Integer | YearRange
    default: Any = None
    selects_venues: bool = False
    selects_reach: bool = False
    rule: Callable[[Any, Mapping[str, Any]], bool] | None = None
    keep_on_reset: bool = False

    def __post_init__(self):
        if self.selects_reach and not self.selects_venues:
            raise ValueError(f"{self.name}: a field selecting reachable venues selects venues")


def _indicator_applies(indicator: str, values: Mapping[str, Any]) -> bool:
    return applies_at(indicator, values["level"])


_FILTER = {"selects_venues": True, "selects_reach": True}  # a venue filter but the territory

FIELDS: tuple[Field, ...] = (
    Field("departements", "departement", Codes(lambda d: d.departements), (),
          selects_venues=True),
    Field("usages", "usage", Codes(schema.USAGE_CODES), (), **_FILTER),
    Field("usage_mode", "mode", Choice(USAGE_MODES, {"any": "un", "all": "tous"}), "any",
          **_FILTER),
    Field("labels", "label", Codes(schema.LABEL_CODES), (), **_FILTER),
    Field("call", "appel", Choice(lambda d: d.calls), None, **_FILTER),
    Field("years", "annees", YearRange(lambda d: d.year_bounds), None, **_FILTER),
    Field("level", "niveau", Choice(LEVELS), "commune"),
    Field("indicator", "indicateur", Choice(INDICATOR_IDS), DEFAULT_INDICATOR,
          rule=_indicator_applies),
    Field("color_by", "couleur", Choice(COLOR_BY), "label"),
    Field("lang", "lang", Choice(LANGS), DEFAULT_LANG, keep_on_reset=True),
    Field("tab", "vue", Choice(VIEWS), "carte"),
    Field("radius_km", "rayon", Integer(RADIUS_RANGE_KM), 15),
    Field("k", "k", Integer((1, 20)), 10),
    # which published registry (``sources``): None is the installation's default one
    Field("source", "donnees", Choice(lambda d: d.sources), None, keep_on_reset=True),
)


# ----------------------------------------------------------------------------- derived


class ViewSpec:
    """Everything derived from a table of fields: the state class and its conversions."""

    def __init__(self, fields: Sequence[Field]):
        self.fields = tuple(fields)
        self.field = {f.name: f for f in self.fields}
        for attr in ("name", "param"):
            seen = [getattr(f, attr) for f in self.fields]
            if len(set(seen)) != len(seen):
                raise ValueError(f"two fields share a {attr}: {seen}")
        self.venue_fields = tuple(f.name for f in self.fields if f.selects_venues)
        self.reach_fields = tuple(f.name for f in self.fields if f.selects_reach)
        self.state_type = self._make_state_type()

    def _make_state_type(self) -> type:
        venue_fields, reach_fields = self.venue_fields, self.reach_fields

        def filter_key(self) -> tuple:
            """What selects venues (the map level, indicator and language do not)."""
            return tuple(getattr(self, name) for name in venue_fields)

        def reach_key(self) -> tuple:
            """What selects the venues that can serve a commune: every venue filter but the
            departments (a venue across a department border still serves)."""
            return tuple(getattr(self, name) for name in reach_fields)

        cls = make_dataclass(
            "ViewState",
            [(f.name, f.kind.annotation, dataclass_field(default=f.default))
             for f in self.fields],
            frozen=True,
            namespace={"filter_key": filter_key, "reach_key": reach_key,
                       "__doc__": "What the dashboard shows (fields: viewstate.FIELDS)."})
        cls.__module__ = __name__  # make_dataclass's ``module=`` needs Python 3.12
        return cls

    def _assemble(self, values: dict, refused: Callable[[Field, Any], None]):
        """The state of ``values`` once every field's rule is applied (a refused value is
        passed to ``refused`` and replaced by the field's default)."""
        for f in self.fields:
            if f.rule is not None and not f.rule(values[f.name], values):
                refused(f, values[f.name])
                values[f.name] = f.default
        return self.state_type(**values)

    def parse_query(self, search: str, domain: Domain):
        """State of ``?departement=31,32&…``, plus the (parameter, value) pairs ignored."""
        params: dict[str, str] = {}
        for key, value in parse_qsl((search or "").lstrip("?"), keep_blank_values=True):
            params[key] = f"{params[key]},{value}" if key in params else value
        ignored: list[tuple[str, str]] = []
        values = {}
        for f in self.fields:
            text = params.pop(f.param, "")
            values[f.name], bad = (f.kind.parse(text, domain, f.default) if text
                                   else (f.default, []))
            ignored.extend((f.param, v) for v in bad)
        state = self._assemble(values, lambda f, v: ignored.append((f.param, f.kind.format(v))))
        return state, ignored + list(params.items())

    def to_query(self, state) -> str:
        """The canonical query string of a state (default values left out)."""
        pairs = [(f.param, f.kind.format(getattr(state, f.name))) for f in self.fields
                 if getattr(state, f.name) != f.default]
        return "?" + urlencode(pairs, safe=",") if pairs else ""

    def to_store(self, state) -> dict:
        """JSON-friendly form (for a dcc.Store)."""
        return {f.name: f.kind.to_json(getattr(state, f.name)) for f in self.fields}

    def from_store(self, data: Mapping | None):
        """Inverse of ``to_store``; missing entries take their default."""
        data = data or {}
        return self.state_type(**{
            f.name: f.default if data.get(f.name) is None else f.kind.from_json(data[f.name])
            for f in self.fields})

    def from_controls(self, values: Mapping[str, Any], domain: Domain, base):
        """The state the controls show (``values``: field name → control value; None/[] mean
        « no filter »); fields without a value are those of ``base``. Also returns the names
        of the fields whose control shows a value a rule refused (to be written back)."""
        merged = {f.name: (f.kind.from_control(values[f.name], domain, f.default)
                           if f.name in values else getattr(base, f.name))
                  for f in self.fields}
        refused: list[str] = []
        state = self._assemble(merged, lambda f, v: refused.append(f.name))
        return state, tuple(refused)

    def to_controls(self, state, domain: Domain, names: Collection[str] | None = None) -> dict:
        """Control values that show ``state`` (inverse of ``from_controls``)."""
        return {f.name: f.kind.to_control(getattr(state, f.name), domain) for f in self.fields
                if names is None or f.name in names}

    def reset(self, state):
        """The default state, but for the fields kept on reset (the language)."""
        return self.state_type(**{f.name: getattr(state, f.name) for f in self.fields
                                  if f.keep_on_reset})


VIEW = ViewSpec(FIELDS)
ViewState = VIEW.state_type
parse_query = VIEW.parse_query
to_query = VIEW.to_query
state_to_dict = VIEW.to_store
state_from_dict = VIEW.from_store
state_from_controls = VIEW.from_controls
controls_of = VIEW.to_controls

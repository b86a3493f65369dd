"""The published registries a user can switch between (permalink ``donnees=``).

- ``demo``: the fictitious demo registry (``data/demo/``), said on screen everywhere;
- ``cget-2019``: the real CGET (ANCT) census of 2019, Licence Ouverte 2.0, converted once by
  the project's own importer into ``data/open/cget-2019/venues-<region>.csv``
  (``tierslieux data open``; see ``data/open/cget-2019/README.md``);
- ``config``: the registry named by ``TIERSLIEUX_VENUES`` / ``TIERSLIEUX_FUNDING``, when set;
  it then comes first and is the default.

A source lists what it does not record (label status, grants…): the panels say
« non renseigné » for those (``completeness``), and its note says why.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dashboard import config

__all__ = ["Source", "published_sources", "source_by_key", "CGET_DIR", "cget_input",
           "cget_output", "cget_report", "DEFAULT_SOURCE", "convert_cget", "CGET_SOURCE_TAG"]

CGET_DIR = config.DATA_DIR / "open" / "cget-2019"
CGET_SOURCE_TAG = "CGET (ANCT) 2019, Licence Ouverte 2.0"
DEFAULT_SOURCE = "demo"


@dataclass(frozen=True)
class Source:
    key: str  # the value of ``donnees=``
    label_key: str  # its name in the interface (i18n key), or a file name
    venues: Path
    funding: Path | None
    attribution_key: str = ""  # i18n key of the attribution the licence asks for
    note_key: str = ""  # i18n key: what this source does not record

    @property
    def label_is_text(self) -> bool:
        return self.key == "config"


def cget_input(region: str) -> Path:
    """The census file converted for a region: the Occitanie extract for 76, else France."""
    name = "occitanie" if region == "76" else "france"
    return CGET_DIR / f"cget_tierslieux_2019_{name}.csv"


def cget_output(region: str) -> Path:
    return CGET_DIR / f"venues-{region}.csv"


def cget_report(region: str) -> Path:
    return CGET_DIR / f"rapport-{region}.csv"


def convert_cget(reference, region: str):
    """(canonical venues, row report) of the census for a region, by the project's own
    importer with no mapping (``tierslieux data open`` writes them): every row accounted
    for; rows outside the region are rejected with their reason."""
    from dashboard.importing.venues import import_venues, report_table

    result = import_venues(cget_input(region), reference)
    venues = result.canonical().assign(source=CGET_SOURCE_TAG)
    return venues, report_table(result)


def published_sources(settings: config.Settings) -> tuple[Source, ...]:
    """The registries of this installation, the default first."""
    demo = Source("demo", "source.demo", config.DEMO_DIR / "venues.csv",
                  config.DEMO_DIR / "funding.csv")
    sources = []
    if Path(settings.venues_path).resolve() != demo.venues.resolve():
        sources.append(Source("config", Path(settings.venues_path).name, settings.venues_path,
                              settings.funding_path))
    sources.append(demo)
    if cget_output(settings.region).exists():
        sources.append(Source("cget-2019", "source.cget", cget_output(settings.region), None,
                              "source.cget.attribution", "source.cget.note"))
    return tuple(sources)


def source_by_key(settings: config.Settings, key: str | None) -> Source:
    """The source ``key`` names (the default one for None or an unknown key)."""
    sources = published_sources(settings)
    return next((s for s in sources if s.key == key), sources[0])

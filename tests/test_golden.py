"""Golden files: the venue pipeline gives, row for row, the reports, venues and funding it gave
before it was rebuilt (``tests/golden/``, written from ``tests/golden_cases.py``)."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest

from dashboard import registry
from dashboard.importing.funding import import_funding
from dashboard.importing.venues import import_venues
from tests import golden_cases as gc

REPORT = ["source_row", "status", "detail", "venue_id"]
PROBLEMS = ["source_row", "column", "status", "message", "venue_id"]


def _check_outputs(name, table, communes, departements, file):
    venues, report = registry.validate_venues(table, communes, departements, file=file)
    return {f"{name}.report.csv": report.row_status()[REPORT],
            f"{name}.problems.csv": report.problems_frame()[PROBLEMS],
            f"{name}.venues.csv": venues}


def _import_outputs(name, source, reference, file, **options):
    result = import_venues(source, reference, file=file, **options)
    out = {f"{name}.report.csv": result.report, f"{name}.venues.csv": result.venues}
    if len(result.aside.columns) > 1:
        out[f"{name}.aside.csv"] = result.aside
    return out


def produce_real(occitanie) -> dict[str, pd.DataFrame]:
    from tests.conftest import REAL_REGISTRY

    out = _import_outputs("real2017_import", REAL_REGISTRY, occitanie, None)
    out.update(_import_outputs("real2017_import_merged", REAL_REGISTRY, occitanie, None,
                               merge_duplicates=True))
    canonical = import_venues(REAL_REGISTRY, occitanie).canonical()
    table = pd.read_csv(io.StringIO(gc.csv_text(canonical)), dtype=str, keep_default_na=False)
    out.update(_check_outputs("real2017_canonical_check", table, occitanie.communes,
                              occitanie.departements, "real2017.csv"))
    return out


def produce_demo(occitanie) -> dict[str, pd.DataFrame]:
    from dashboard import config

    table = registry.read_table(config.DEMO_DIR / "venues.csv")
    out = _check_outputs("demo_check", table, occitanie.communes, occitanie.departements,
                         "venues.csv")
    venues = out["demo_check.venues.csv"]
    calls, _ = registry.validate_calls(registry.read_table(config.DATA_DIR / "calls.csv"))
    funding, report = registry.validate_funding(
        registry.read_table(config.DEMO_DIR / "funding.csv"), set(venues["venue_id"]),
        set(calls["call_id"]))
    out["demo_funding_check.report.csv"] = report.row_status()[REPORT]
    out["demo_funding_check.funding.csv"] = funding
    return out


def produce_built(occitanie, tiny) -> dict[str, pd.DataFrame]:
    out = _check_outputs("tiny_check", gc.bad_rows_table(), tiny.communes, tiny.departements,
                         "lieux.csv")
    out.update(_import_outputs("tiny_import", gc.csv_text(gc.bad_rows_table()).encode(), tiny,
                               "lieux.csv"))
    table = pd.read_csv(io.StringIO(gc.CLI_CHECK), dtype=str, keep_default_na=False)
    out.update(_check_outputs("cli_check", table, occitanie.communes, occitanie.departements,
                              "lieux.csv"))
    for name, make in gc.IMPORT_CASES.items():
        out.update(_import_outputs(name, make(occitanie), occitanie, f"{name}.bin"))
    result = import_funding(gc.FUNDING_IMPORT, gc.FUNDING_VENUES, gc.FUNDING_CALLS,
                            file="fin.csv")
    out["funding_import.report.csv"] = result.report
    out["funding_import.funding.csv"] = result.funding
    funding, report = registry.validate_funding(gc.FUNDING_CHECK, {"V1", "V2"}, {"c1", "c2"})
    out["funding_check.report.csv"] = report.row_status()[REPORT]
    out["funding_check.problems.csv"] = report.problems_frame()[PROBLEMS]
    out["funding_check.funding.csv"] = funding
    return out


@pytest.fixture(autouse=True)
def golden_year(monkeypatch):
    """The validators accept years up to the current one: pin it to the golden files' year."""
    import datetime as dt

    class FrozenDate(dt.date):
        @classmethod
        def today(cls):
            return cls(gc.GOLDEN_YEAR, 11, 29)

    monkeypatch.setattr(registry._dt, "date", FrozenDate)


def _compare(produced: dict[str, pd.DataFrame]):
    assert produced
    for name, frame in produced.items():
        expected = (gc.GOLDEN_DIR / name).read_text(encoding="utf-8")
        assert gc.csv_text(frame) == expected, name


def test_real_registry_import_and_check_match_the_golden_files(occitanie, real_registry_path):
    _compare(produce_real(occitanie))


def test_demo_check_matches_the_golden_files(occitanie):
    _compare(produce_demo(occitanie))


def test_built_files_match_the_golden_files(occitanie, tiny):
    _compare(produce_built(occitanie, tiny))


def write_golden(folder: Path = gc.GOLDEN_DIR) -> None:
    from dashboard import config
    from dashboard.reference import load_reference
    from tests.fixtures import tiny_reference

    occitanie = load_reference(config.load_settings().cache_dir, "76")
    folder.mkdir(exist_ok=True)
    produced = {**produce_real(occitanie), **produce_demo(occitanie),
                **produce_built(occitanie, tiny_reference())}
    for name, frame in produced.items():
        (folder / name).write_text(gc.csv_text(frame), encoding="utf-8")
    print(f"{len(produced)} golden files written to {folder}")


if __name__ == "__main__":
    write_golden()

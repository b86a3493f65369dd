"""Golden files: the venue pipeline gives, row for row, the reports, venues and funding it gave
before it was rebuilt (``tests/golden/``, written from ``tests/golden_cases.py``)."""

from __future__ import annotations

import hashlib
import io
import json
import re
from pathlib import Path

import pandas as pd
import pytest

from dashboard import canonical as registry
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
    from dashboard import pipeline

    monkeypatch.setattr(pipeline, "this_year", lambda: gc.GOLDEN_YEAR)


# Sentences that changed on purpose when problems became codes, applied to the golden text
# (regular expression → replacement). Nothing else may differ.
WORDING_CHANGES = [
    # one code for a 4-digit INSEE code, whichever way the file came in
    (r"code « (\d{4}) » complété en", r"code INSEE « \1 » complété en"),
    (r"(code INSEE « \d{4} » complété en « \d{5} »)(?! \()", r"\1 (zéro initial perdu)"),
    # imported funding goes through the canonical funding validation and says it as it does
    (r"lieu « ([^»]*) » introuvable dans le registre(?! \()",
     r"lieu « \1 » absent du registre des lieux (ou rejeté)"),
    (r"montant « ([^»]*) » illisible", r"montant « \1 » manquant ou illisible"),
    # (the one duplicate of funding_import: row 7 repeats row 3's venue V3 and call label_2018)
    (r"même lieu et même appel qu'une ligne précédente : doublon",
     "financement de « V3 » par « label_2018 » en double (déjà ligne 3)"),
]


def _expected(name: str) -> str:
    text = (gc.GOLDEN_DIR / name).read_text(encoding="utf-8")
    for pattern, replacement in WORDING_CHANGES:
        text = re.sub(pattern, replacement, text)
    return text


def _compare(produced: dict[str, pd.DataFrame]):
    assert produced
    for name, frame in produced.items():
        assert gc.csv_text(frame) == _expected(name), name


# The real 2017 registry's licence is unknown: its outputs are not copied into the repository,
# only their SHA-256 (taken when they matched the pre-rebuild golden files row for row).
REAL_DIGESTS = gc.GOLDEN_DIR / "real2017.sha256.json"
ARTIFACTS = Path(__file__).parent / "artifacts" / "golden"


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_real_registry_import_and_check_match_the_golden_files(occitanie, real_registry_path):
    expected = json.loads(REAL_DIGESTS.read_text(encoding="utf-8"))
    produced = {name: gc.csv_text(frame) for name, frame in produce_real(occitanie).items()}
    assert set(produced) == set(expected)
    changed = [name for name, text in produced.items() if _digest(text) != expected[name]]
    for name in changed:  # kept out of git (tests/artifacts/), for a diff by hand
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        (ARTIFACTS / name).write_text(produced[name], encoding="utf-8")
    assert not changed, f"outputs differ from the golden digests (see {ARTIFACTS})"


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
    produced = {**produce_demo(occitanie), **produce_built(occitanie, tiny_reference())}
    for name, frame in produced.items():
        (folder / name).write_text(gc.csv_text(frame), encoding="utf-8")
    digests = {name: _digest(gc.csv_text(frame))
               for name, frame in sorted(produce_real(occitanie).items())}
    REAL_DIGESTS.write_text(json.dumps(digests, indent=1) + "\n", encoding="utf-8")
    print(f"{len(produced)} golden files and {len(digests)} digests written to {folder}")


if __name__ == "__main__":
    write_golden()

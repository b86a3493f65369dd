"""Serving for many users: sessions shared through a real Redis by separate app processes,
kept across a restart, a lost key said out loud; ``serve`` refusing an unsafe setup."""

from __future__ import annotations

import pytest

from dashboard import cli
from dashboard.dataset import get_published_dataset
from dashboard.filters import ViewState, state_to_dict
from dashboard.i18n import format_int
from tests.servers import DashClient, app_server, csv_upload, redis_server

UPLOAD = ("Nom;Code postal;Ville;Typologie;Label\n"
          "La Forge;32000;Auch;FabLab;oui\n"
          "Le Hangar;12000;Rodez;Télécentre;non\n"
          "Nulle part;99999;Atlantide;;\n")


def upload(client: DashClient, text: str, name: str) -> str:
    status, out = client.call("dataset-key.data", {
        "import-venues-upload.contents": csv_upload(text),
        "import-venues-upload.filename": name, "lang.data": "fr"},
        trigger="import-venues-upload.contents")
    assert status == 200, status
    return out["dataset-key"]["data"]


def kpis(client: DashClient, key: str | None, **state):
    store = {**state_to_dict(ViewState(**state)), "dataset": key}
    return client.call("kpi-venues.children", {"view-state.data": store})


def badge(client: DashClient, key):
    return client.call("demo-badge.children", {"dataset-key.data": key, "lang.data": "fr"})


@pytest.fixture(scope="module")
def redis_url():
    with redis_server() as url:
        yield url


def test_two_app_processes_share_a_session_and_a_restart_keeps_it(redis_url, occitanie):
    env = {"TIERSLIEUX_REDIS_URL": redis_url}
    with app_server(env, offset=0) as a, app_server(env, offset=1) as b:
        ca, cb = DashClient(a), DashClient(b)
        key = upload(ca, UPLOAD, "mes_lieux.csv")
        for client in (ca, cb):  # the other process knows the key: same figures
            status, out = kpis(client, key)
            assert status == 200
            assert out["kpi-venues"]["children"] == "2"
            assert out["kpi-labelled"]["children"] == "1"
            assert badge(client, key)[1]["header-demo-badge"]["children"] == \
                "Vos données : mes_lieux.csv"
        _, other = kpis(cb, key, departements=("32",))
        assert other["kpi-venues"]["children"] == "1"
    with app_server(env, offset=2) as c:  # both stopped, a new one started: Redis lives on
        _, out = kpis(DashClient(c), key)
        assert out["kpi-venues"]["children"] == "2"


def test_an_unknown_key_shows_the_notice_and_the_published_data(redis_url, occitanie):
    with app_server({"TIERSLIEUX_REDIS_URL": redis_url}, offset=3) as base:
        client = DashClient(base)
        status, out = kpis(client, "x" * 32)
        assert status == 200
        assert out["session-notice"] == {"is_open": True}
        assert out["dataset-key"] == {"data": None}  # the key is forgotten
        assert "kpi-venues" not in out  # not the published figures under the user's name
        status, out = badge(client, "x" * 32)
        assert "header-demo-badge" not in out and out["session-notice"] == {"is_open": True}
        published = format_int(len(get_published_dataset().registry.venues))
        assert kpis(client, None)[1]["kpi-venues"]["children"] == published
        assert badge(client, None)[1]["header-demo-badge"]["children"] == "Données de démonstration"


def test_serve_refuses_several_workers_without_redis(capsys, monkeypatch):
    monkeypatch.delenv("TIERSLIEUX_REDIS_URL", raising=False)
    assert cli.main(["serve", "--workers", "2"]) == cli.EXIT_UNUSABLE
    err = capsys.readouterr().err
    assert "TIERSLIEUX_REDIS_URL" in err and "2 processus sans magasin de sessions" in err


def test_serve_refuses_an_unreachable_redis(capsys, monkeypatch):
    from tests.servers import free_port

    monkeypatch.setenv("TIERSLIEUX_REDIS_URL", f"redis://127.0.0.1:{free_port()}/0")
    assert cli.main(["serve", "--workers", "2"]) == cli.EXIT_UNUSABLE
    assert "Redis injoignable" in capsys.readouterr().err


def test_gunicorn_command_line():
    from dashboard import config

    settings = config.load_settings({"HOST": "127.0.0.1", "PORT": "8123"})
    argv = cli.gunicorn_argv(settings, 3)
    assert argv[1:4] == ["-m", "gunicorn", "app:server"]
    assert argv[argv.index("--workers") + 1] == "3"
    assert argv[argv.index("--bind") + 1] == "127.0.0.1:8123"
    assert int(argv[argv.index("--timeout") + 1]) >= 120


def _python_lines(code: str, *, without: str) -> list[str]:
    """The lines ``code`` prints in a fresh interpreter at the project's root, the
    environment variable ``without`` unset (it must succeed)."""
    import os
    import subprocess
    import sys

    from dashboard import config

    env = {k: v for k, v in os.environ.items() if k != without}
    out = subprocess.run([sys.executable, "-c", code], cwd=config.PROJECT_DIR, env=env,
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    return out.stdout.strip().splitlines()


def test_the_command_line_never_imports_dash_or_the_app(tmp_path):
    """coverage, suggest and serve's checks run on dashboard/ alone (serve execs gunicorn)."""
    code = ("import sys, contextlib, io\n"
            "from dashboard import cli\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    assert cli.main(['coverage', '--radius-km', '10']) == 0\n"
            "    assert cli.main(['suggest', '--k', '2', '--format', 'csv']) == 0\n"
            "    assert cli.main(['serve', '--workers', '3']) == 2\n"
            "bad = sorted(m for m in sys.modules if m == 'app' or m.split('.')[0] == 'dash')\n"
            "print(bad)\n")
    assert _python_lines(code, without="TIERSLIEUX_REDIS_URL")[-1] == "[]"


def test_the_first_page_needs_neither_scipy_nor_openpyxl_and_preload_freezes_the_data():
    """Cold start (issue 12): the k-d tree, the map classes and the workbook writer are
    imported when first used, not to serve the first page and map; a preloading master
    imports scipy and mapclassify once for its workers, answers the coverage tab's default
    state (its pairs measured once for all), and freezes what it loaded (no full garbage
    collection walks it again)."""
    code = ("import sys\n"
            "import app\n"
            "assert app.server.test_client().get('/').status_code == 200\n"
            "from callbacks.map import update_map\n"
            "from dashboard.filters import ViewState, state_to_dict\n"
            "update_map(state_to_dict(ViewState()), None)\n"
            "print(sorted({m.split('.')[0] for m in sys.modules}\n"
            "             & {'scipy', 'openpyxl', 'mapclassify'}))\n"
            "app.preload()\n"
            "import gc\n"
            "print('scipy.spatial' in sys.modules and 'mapclassify' in sys.modules,\n"
            "      gc.get_freeze_count() > 10_000)\n"
            "from dashboard import coverage\n"
            "measured = []\n"
            "real = coverage.points_pairs\n"
            "coverage.points_pairs = lambda *a: measured.append(1) or real(*a)\n"
            "from callbacks.coverage import update_coverage_map, update_coverage_tables\n"
            "default = state_to_dict(ViewState(tab='couverture'))\n"
            "update_coverage_map(default, 'couverture', None)\n"
            "update_coverage_tables(default)\n"
            "update_coverage_map({**default, 'radius_km': 31}, 'couverture', None)\n"
            "print(len(measured))\n")
    # the coverage tab's default answer was preloaded: no pair measured again, until a new
    # radius (31 km) is asked for
    assert _python_lines(code, without="TIERSLIEUX_PRELOAD")[-3:] == ["[]", "True True", "1"]

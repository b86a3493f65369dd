"""Uploads that cannot hurt the server, headers, payloads with wrong types, and CSV files
written by the command line that neither run formulas nor change when read back."""

from __future__ import annotations

import io
import time
import zipfile

import pytest

from dashboard import canonical, cli, limits
from dashboard.i18n import t
from dashboard.importing.reading import ImportFileError, read_table_any
from dashboard.importing.venues import import_venues
from tests.servers import DashClient


@pytest.fixture(scope="module")
def flask_client():
    import app as app_module

    return app_module.server.test_client()


# ------------------------------------------------------------------ limits

def test_one_upload_limit_in_the_browser_the_server_and_the_messages(flask_client):
    import app as app_module

    layout = flask_client.get("/_dash-layout").get_json()
    sizes = []

    def walk(node):
        if isinstance(node, dict):
            props = node.get("props", {})
            if node.get("type") == "Upload":
                sizes.append(props.get("max_size"))
            for v in props.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)
    walk(layout)
    # the two import drop zones and the roadmap's two (travel times, list of sites)
    assert len(sizes) == 4 and set(sizes) == {limits.UPLOAD_MAX_BYTES}
    assert f"{limits.UPLOAD_MAX_MB} Mo" in t("import.drop", "fr")
    assert f"{limits.UPLOAD_MAX_MB} MB" in t("import.drop", "en")
    # the request carries both drop zones, base64-encoded
    assert app_module.server.config["MAX_CONTENT_LENGTH"] == limits.REQUEST_MAX_BYTES
    assert limits.REQUEST_MAX_BYTES >= 2 * limits.UPLOAD_MAX_BYTES * 4 / 3


def test_an_oversized_request_is_refused_before_it_is_read(flask_client):
    body = b"x" * (limits.REQUEST_MAX_BYTES + 1)
    r = flask_client.post("/_dash-update-component", data=body,
                          content_type="application/json")
    assert r.status_code == 413


def _workbook(sheet_bytes: int = 0, dimension: str = "A1:C10") -> bytes:
    """A minimal xlsx-looking zip whose sheet inflates to ``sheet_bytes`` (spaces)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(f'<worksheet><dimension ref="{dimension}"/><sheetData>'.encode())
            chunk = b" " * (1 << 20)
            for _ in range(sheet_bytes >> 20):
                sheet.write(chunk)
            sheet.write(b"</sheetData></worksheet>")
    return buffer.getvalue()


def test_a_workbook_bomb_is_refused_before_decompressing():
    bomb = _workbook(sheet_bytes=limits.WORKBOOK_MAX_UNCOMPRESSED + (8 << 20))
    assert len(bomb) < 1_000_000  # under a megabyte on the wire
    start = time.perf_counter()
    with pytest.raises(ImportFileError, match="trop volumineux une fois décompressé"):
        read_table_any(bomb, file="bombe.xlsx")
    assert time.perf_counter() - start < 2  # the central directory only, nothing inflated


def test_a_workbook_declaring_too_many_rows_is_refused():
    with pytest.raises(ImportFileError, match="trop de lignes"):
        read_table_any(_workbook(dimension=f"A1:K{limits.MAX_ROWS + 10}"), file="gros.xlsx")
    assert limits.file_problem(_workbook(dimension="A1:K5000"), "ok.xlsx") is None


def test_a_csv_with_too_many_rows_is_refused():
    data = b"Nom;Ville\n" + b"a;b\n" * (limits.MAX_ROWS + 5)
    assert "trop de lignes" in limits.file_problem(data, "long.csv")


def test_the_upload_callback_says_why_a_bomb_is_refused(flask_client, occitanie):
    import base64

    client = DashClient(flask_client=flask_client)
    bomb = _workbook(sheet_bytes=limits.WORKBOOK_MAX_UNCOMPRESSED + (8 << 20))
    status, out = client.call("dataset-key.data", {
        "import-venues-upload.contents": "data:application/octet-stream;base64,"
                                         + base64.b64encode(bomb).decode(),
        "import-venues-upload.filename": "bombe.xlsx", "lang.data": "fr"},
        trigger="import-venues-upload.contents")
    assert status == 200 and "dataset-key" not in out
    assert "bombe.xlsx" in out["import-message"]["children"]
    assert out["import-message"]["is_open"] is True


# ------------------------------------------------------------------ headers and payloads

def test_security_headers(flask_client):
    for path in ("/", "/_dash-layout", "/geo/76/departement.geojson"):
        r = flask_client.get(path)
        assert r.headers["X-Content-Type-Options"] == "nosniff"
        assert r.headers["X-Frame-Options"] == "DENY"
        csp = r.headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in csp and "default-src 'self'" in csp
        assert "object-src 'none'" in csp and "https:" not in csp and "*" not in csp
        assert "unsafe-eval" not in csp
    embed = flask_client.get("/embed/carte")  # the future embeddable route may be framed
    assert "X-Frame-Options" not in embed.headers
    assert "frame-ancestors *" in embed.headers["Content-Security-Policy"]


@pytest.mark.parametrize("state", [
    "pas un dictionnaire", ["31"], 42, {"departements": 5}, {"radius_km": "loin"},
    {"years": "2018"}, {"dataset": ["liste"]}, {"usages": [{"a": 1}]}])
def test_hand_made_payloads_with_wrong_types_get_no_update_not_a_500(flask_client, state,
                                                                    occitanie):
    client = DashClient(flask_client=flask_client)
    for output in ("kpi-venues.children", "map-graph.figure", "coverage-map.figure"):
        status, _ = client.call(output, {"view-state.data": state})
        assert status in (200, 204), (output, state, status)
    status, _ = client.call("dataset-key.data", {
        "import-venues-upload.contents": 12, "import-venues-upload.filename": ["x"],
        "lang.data": {"x": 1}}, trigger="import-venues-upload.contents")
    assert status in (200, 204)


def test_a_wellformed_call_still_answers(flask_client, occitanie):
    client = DashClient(flask_client=flask_client)
    status, out = client.call("kpi-venues.children", {"view-state.data": None})
    assert status == 200 and out["kpi-venues"]["children"] == "400"


# ------------------------------------------------------------------ CSV from the command line

NAMES = ['=HYPERLINK("http://exemple.invalid","clic")', "+33 Lieu", "-Tiret", "@Arobase",
         "Lieu ordinaire"]


def test_cli_csv_neutralises_formulas_and_reads_back_unchanged(tmp_path, capsys, occitanie):
    source = tmp_path / "lieux.csv"
    rows = "".join(f'"{n.replace(chr(34), chr(34) * 2)}";32000;Auch;FabLab;oui\n'
                   for n in NAMES)
    source.write_text("Nom;Code postal;Ville;Typologie;Label\n" + rows, encoding="utf-8")
    out, report = tmp_path / "canonique.csv", tmp_path / "rapport.csv"
    assert cli.main(["import", "venues", str(source), "--out", str(out),
                     "--report", str(report)]) == cli.EXIT_OK
    capsys.readouterr()
    written = out.read_text(encoding="utf-8")
    assert "'=HYPERLINK" in written and "'+33 Lieu" in written and "'@Arobase" in written
    assert "\n=" not in written and ",=" not in written  # no cell starts a formula
    # read back by the importer and by the canonical reader: the original names
    again = import_venues(out, occitanie, file="canonique.csv")
    assert sorted(again.venues["name"]) == sorted(NAMES)
    assert sorted(canonical.read_table(out)["name"]) == sorted(NAMES)
    # and once more through the command line: byte for byte the same file
    out2 = tmp_path / "canonique2.csv"
    assert cli.main(["import", "venues", str(out), "--out", str(out2)]) == cli.EXIT_OK
    capsys.readouterr()
    assert sorted(out2.read_text(encoding="utf-8").splitlines()) == \
        sorted(written.splitlines())

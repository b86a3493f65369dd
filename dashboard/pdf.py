"""Print an HTML file to PDF with Debian's headless Chromium (``apt-get install chromium``).

The flags are those of the browser tests (``tests/conftest.py``): offline, no background
requests, software WebGL. ``--virtual-time-budget`` lets the page's scripts draw every chart
before printing; ``--no-pdf-header-footer`` leaves out the browser's own header and footer
(each page carries its source and date itself).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

__all__ = ["CHROMIUM", "PdfError", "chromium_path", "chromium_command", "print_pdf"]

CHROMIUM = "/usr/bin/chromium"
_FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
          "--no-first-run", "--disable-background-networking", "--disable-component-update",
          "--disable-sync", "--enable-unsafe-swiftshader", "--hide-scrollbars",
          "--no-pdf-header-footer", "--run-all-compositor-stages-before-draw")


class PdfError(RuntimeError):
    """Chromium is missing or did not write the PDF; ``code`` names the problem
    (``no_chromium``, ``failed``), ``detail`` says more."""

    def __init__(self, code: str, detail: str):
        super().__init__(f"{code}: {detail}")
        self.code, self.detail = code, detail


def chromium_path() -> str:
    """``TIERSLIEUX_CHROMIUM``, else Debian's ``/usr/bin/chromium``, else ``chromium`` on the
    PATH."""
    configured = os.environ.get("TIERSLIEUX_CHROMIUM")
    if configured:
        return configured
    if Path(CHROMIUM).exists():
        return CHROMIUM
    return shutil.which("chromium") or CHROMIUM


def chromium_command(html_path: Path, pdf_path: Path, profile: Path,
                     budget_ms: int = 60_000) -> list[str]:
    return [chromium_path(), *_FLAGS, f"--user-data-dir={profile}",
            f"--virtual-time-budget={budget_ms}", f"--print-to-pdf={pdf_path}",
            Path(html_path).resolve().as_uri()]


def print_pdf(html_path: Path, pdf_path: Path, *, timeout_s: float = 240,
              budget_ms: int = 60_000) -> Path:
    """Write ``pdf_path`` from ``html_path``; raise ``PdfError`` when that fails."""
    pdf_path = Path(pdf_path).resolve()
    if not Path(chromium_path()).exists() and not shutil.which(chromium_path()):
        raise PdfError("no_chromium", chromium_path())
    pdf_path.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="tierslieux-pdf-") as profile:
        try:
            done = subprocess.run(chromium_command(html_path, pdf_path, Path(profile),
                                                   budget_ms),
                                  capture_output=True, text=True, timeout=timeout_s)
        except subprocess.TimeoutExpired as exc:
            raise PdfError("failed", f"timeout after {timeout_s:.0f} s") from exc
    if not pdf_path.exists() or pdf_path.stat().st_size == 0:
        raise PdfError("failed", (done.stderr or "").strip()[-500:] or f"exit {done.returncode}")
    return pdf_path

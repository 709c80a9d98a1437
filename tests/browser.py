"""One Chromium (Playwright's sync API) for the whole test run: the browser tier and the deployment tier share it.

Two sync Playwright instances in one process fail ("Sync API inside the asyncio loop"), and each tier's
session-scoped fixture would start its own; so both take this one, closed when the run ends (tests/conftest.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

_STATE: dict = {}


def shared_browser(executable: str, args: list[str]):
    if "browser" not in _STATE:
        from playwright.sync_api import sync_playwright

        if not Path(executable).exists():
            pytest.fail(f"Chromium not found at {executable}: install Debian's chromium (apt-get install -y chromium)")
        _STATE["playwright"] = sync_playwright().start()
        _STATE["browser"] = _STATE["playwright"].chromium.launch(executable_path=executable, args=args)
    return _STATE["browser"]


def close_shared_browser() -> None:
    if "browser" in _STATE:
        _STATE.pop("browser").close()
        _STATE.pop("playwright").stop()

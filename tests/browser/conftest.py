"""Browser fixtures: Debian's Chromium driven by Playwright, against pytest-django's live server.

Chromium is never downloaded by Playwright here: the tests use the system one
(`apt-get install -y chromium`, done by scripts/system_deps.sh). A missing browser fails the
run; it is never a skip.
"""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}


def corpus_dir() -> Path:
    """The shared corpus (CORPUS_DIR, relative paths from the repository root)."""
    default = settings.BASE_DIR.parent / "shared" / "corpus"
    configured = Path(os.environ.get("CORPUS_DIR") or default)
    return configured if configured.is_absolute() else (settings.BASE_DIR / configured).resolve()


@pytest.fixture
def library(live_server):
    """The demo library from the shared corpus (seeds, full-text laws, gazette records)."""
    from regulations.demo import load_demo

    report = load_demo(corpus_dir())
    assert not report.errors, report.errors
    return live_server


def _launch() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.fail(
            f"Chromium is missing at {CHROMIUM}: install it with `apt-get install -y chromium` "
            "(scripts/system_deps.sh) or set CHROMIUM_PATH.",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def chromium(library) -> Iterator[object]:
    """Chromium for one test, started after the database fixtures and stopped before them.

    Playwright's sync API keeps an asyncio event loop running on this thread while it is open.
    Django's database connections are context-local (asgiref), so inside that loop the test
    sees another connection object, one without the rows that serialized_rollback restores:
    the data would vanish after the first test. So the browser only lives while the test body
    runs, and the database is touched only by fixtures, outside it.
    """
    yield from _launch()


@pytest.fixture
def bare_chromium(live_server) -> Iterator[object]:
    """Chromium without the demo library, for pages that need only what their test's fixtures
    make (accounts, a consultation). The same rule: fixtures that write come before it."""
    yield from _launch()


def _tab(chromium, viewport: dict[str, int]) -> Iterator[object]:
    context = chromium.new_context(viewport=viewport, locale="vi-VN", reduced_motion="reduce")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def desktop(chromium) -> Iterator[object]:
    """A fresh desktop tab (1280×900, own cookies)."""
    yield from _tab(chromium, DESKTOP)


@pytest.fixture
def phone(chromium) -> Iterator[object]:
    """A fresh tab the size of a phone (375×812)."""
    yield from _tab(chromium, PHONE)


@pytest.fixture
def bare_desktop(bare_chromium) -> Iterator[object]:
    """A desktop tab of `bare_chromium`."""
    yield from _tab(bare_chromium, DESKTOP)


@pytest.fixture
def bare_phone(bare_chromium) -> Iterator[object]:
    """A phone-sized tab of `bare_chromium`."""
    yield from _tab(bare_chromium, PHONE)

"""`quotes serve` in a real browser: headless Chromium (Debian's `chromium` and
`chromium-driver`, through Selenium) against a real uvicorn server on a free port.

It types a query, applies a filter, opens a quote page, downloads the CSV, corrects a
speaker in review mode, and saves one screenshot per page under build/browser/ (looked
at by a person; kept by CI as artifacts). Without Chromium the test is skipped with a
reason, unless QUOTES_REQUIRE_BROWSER=1 (set by .ci/run): then it fails, so CI never
skips it silently.
"""

from __future__ import annotations

import csv
import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_serve import build

from quotes.serve.app import make_app

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
SHOTS = Path(__file__).resolve().parent.parent / "build" / "browser"

if not (CHROMIUM and DRIVER):
    if os.environ.get("QUOTES_REQUIRE_BROWSER") == "1":
        raise RuntimeError("QUOTES_REQUIRE_BROWSER=1 but chromium / chromedriver are missing")
    pytest.skip(
        "no chromium + chromedriver (apt-get install chromium chromium-driver)",
        allow_module_level=True,
    )

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture()
def server(tmp_path: Path) -> Iterator[str]:
    import uvicorn

    port = free_port()
    config = uvicorn.Config(
        make_app(build(tmp_path), review=True), host="127.0.0.1", port=port, log_level="warning"
    )
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert srv.started, "the server did not start"
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture()
def browser(tmp_path: Path) -> Iterator[object]:
    os.environ.setdefault("SE_OFFLINE", "true")  # Selenium Manager must not download
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--window-size=1200,900",
    ):
        options.add_argument(arg)
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    options.add_experimental_option(
        "prefs",
        {"download.default_directory": str(downloads), "download.prompt_for_download": False},
    )
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.implicitly_wait(5)
    driver.downloads = downloads  # type: ignore[attr-defined]
    yield driver
    driver.quit()


def shot(driver: object, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(SHOTS / f"{name}.png"))  # type: ignore[attr-defined]


def click_through(driver, element) -> None:  # type: ignore[no-untyped-def]
    """Click what loads a new page, and wait until the new page has loaded: reading the page
    right after the click may read the old one (a loaded machine is slow)."""
    page = driver.find_element(By.TAG_NAME, "html")
    element.click()
    WebDriverWait(driver, 20).until(expected_conditions.staleness_of(page))
    WebDriverWait(driver, 20).until(
        lambda d: d.execute_script("return document.readyState") == "complete"
    )


def wait_for_file(folder: Path, suffix: str, seconds: float = 15) -> Path:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        done = [p for p in folder.iterdir() if p.suffix == suffix]
        if done:
            return done[0]
        time.sleep(0.1)
    raise AssertionError(f"no {suffix} file downloaded into {folder}")


def test_search_quote_download_and_review(server: str, browser) -> None:  # type: ignore[no-untyped-def]
    b = browser
    b.get(server + "/")
    assert len(b.find_elements(By.CSS_SELECTOR, "td.quote")) == 6
    shot(b, "1-search-home")

    box = b.find_element(By.ID, "q")
    box.send_keys("maternité")
    click_through(b, b.find_element(By.CSS_SELECTOR, "form#search button[type=submit]"))
    assert "q=maternit" in b.current_url  # the URL holds the search
    assert len(b.find_elements(By.CSS_SELECTOR, "td.quote")) == 3
    assert b.find_element(By.CSS_SELECTOR, "td.quote mark").text.lower() == "maternité"

    Select(b.find_element(By.ID, "source")).select_by_visible_text("La Gazette")
    click_through(b, b.find_element(By.CSS_SELECTOR, "form#search button[type=submit]"))
    rows = b.find_elements(By.CSS_SELECTOR, "td.quote")
    assert len(rows) == 1 and "source=La+Gazette" in b.current_url
    shot(b, "2-search-filtered")

    b.find_element(By.ID, "csv").click()
    table = wait_for_file(b.downloads, ".csv")
    with table.open(encoding="utf-8") as f:
        got = list(csv.DictReader(f))
    assert [r["source"] for r in got] == ["La Gazette"]

    click_through(b, b.find_element(By.CSS_SELECTOR, "td.quote a"))
    assert "/quote/" in b.current_url
    assert "maternité" in b.find_element(By.ID, "context").text
    assert len(b.find_elements(By.CSS_SELECTOR, "#repeats tbody tr")) == 3
    shot(b, "3-quote")

    speaker = b.find_element(By.ID, "new-speaker")
    speaker.clear()
    speaker.send_keys("Édouard Philippe")
    click_through(b, b.find_element(By.ID, "set-speaker"))
    assert "Speaker corrected" in b.find_element(By.ID, "state").text
    assert "Édouard Philippe" in b.find_element(By.ID, "speaker").text
    shot(b, "4-quote-corrected")

    click_through(b, b.find_element(By.CSS_SELECTOR, "#speaker a"))
    assert b.find_element(By.ID, "name").text == "Édouard Philippe"
    assert b.find_elements(By.CSS_SELECTOR, "svg.chart rect.bar")
    shot(b, "5-speaker")

    b.get(server + "/sources")
    assert b.find_elements(By.CSS_SELECTOR, "#genders tbody tr")
    shot(b, "6-sources")

    b.get(server + "/?since=not-a-date")
    assert "since" in b.find_element(By.ID, "message").text
    shot(b, "7-bad-parameter")

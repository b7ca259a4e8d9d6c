"""Shared fixtures for the browser suite: a headless Chromium driven by Selenium, on the built
site opened from file:// (no server), with the performance log on so tests can see every
request the page makes."""
import json
import os
import pathlib

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.support.ui import WebDriverWait

ROOT = pathlib.Path(__file__).resolve().parents[2]
SITE = pathlib.Path(os.environ.get("SITEMARK_SITE", ROOT / "_site")).resolve()
SCREENSHOTS = pathlib.Path(os.environ.get("SITEMARK_SCREENSHOTS", ROOT / ".build" / "screenshots"))

# Selenium must never try to download a driver: it is given Debian's chromedriver.
os.environ.setdefault("SE_OFFLINE", "true")


def site_url(path="index.html"):
    """file:// URL of a page of the built site."""
    relative, _, rest = path.partition("?")
    url = (SITE / relative).as_uri()
    return url + ("?" + rest if rest else "")


def all_pages():
    return sorted(p.relative_to(SITE).as_posix() for p in SITE.rglob("*.html"))


def chromium_binary():
    for candidate in ("/usr/bin/chromium", "/usr/lib/chromium/chromium", "/usr/bin/chromium-browser"):
        if os.path.exists(candidate):
            return candidate
    pytest.exit("Chromium is not installed (Debian package 'chromium'); run `make test-deps`", returncode=2)


def make_driver(width=1280, height=900):
    options = Options()
    options.binary_location = chromium_binary()
    # CI runs as root, where Chromium refuses to start with its sandbox.
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     f"--window-size={width},{height}", "--lang=en-GB", "--hide-scrollbars",
                     "--force-color-profile=srgb", "--no-first-run", "--disable-extensions",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     ):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    service = Service(executable_path="/usr/bin/chromedriver")
    driver = webdriver.Chrome(options=options, service=service)
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(60)
    return driver


@pytest.fixture(scope="session", autouse=True)
def built_site():
    if not (SITE / "index.html").exists():
        pytest.exit(f"no built site at {SITE}; run `make site` first", returncode=2)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SITE


@pytest.fixture(scope="session")
def session_driver():
    driver = make_driver()
    yield driver
    driver.quit()


@pytest.fixture
def driver(session_driver):
    """The shared desktop browser, reset to light colours and screen media for each test."""
    session_driver.set_window_size(1280, 900)
    session_driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "", "features": []})
    session_driver.get_log("performance")  # drop entries of earlier tests
    return session_driver


@pytest.fixture
def phone():
    """A separate browser with a 390-pixel-wide viewport (a common phone width)."""
    driver = make_driver(390, 844)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True})
    yield driver
    driver.quit()


def wait(driver, condition, timeout=10, message=""):
    return WebDriverWait(driver, timeout).until(condition, message)


def requested_urls(driver):
    """Every URL the page asked for since the log was last read (CDP Network events)."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
        elif message.get("method") == "Network.webSocketCreated":
            urls.append(message["params"]["url"])
    return urls


def screenshot(driver, name, full_page=True):
    """Saves a PNG of the page (the whole page when full_page) under .build/screenshots/."""
    path = SCREENSHOTS / f"{name}.png"
    if full_page:
        metrics = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
        size = metrics["cssContentSize"]
        width, height = int(size["width"]), min(int(size["height"]), 6000)
        data = driver.execute_cdp_cmd("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}})
        import base64
        path.write_bytes(base64.b64decode(data["data"]))
    else:
        driver.save_screenshot(str(path))
    return path

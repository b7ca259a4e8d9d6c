"""The preview's reload script (`sitemark serve`) in the browser: a save reloads the page, a
stylesheet save swaps the stylesheet without a reload, a failing build lays its errors over
the page as text, a page opened while the build fails shows them too, the fix clears them,
and an open page catches up after the server restarts. Loopback only; waits are bounded."""
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time

import pytest
from selenium.webdriver.common.by import By

from conftest import ROOT, make_driver, wait

SITEMARK = os.environ.get("SITEMARK", str(ROOT / ".build" / "release" / "sitemark"))
FRONT = "---\ntitle: First\ndescription: The first page.\n---\n\n"
PAGES = {
    "site.yml": "title: Preview Test\nbase_url: https://example.org/\nlanguage: en\nsections: [guide]\n",
    "index.md": "---\ntitle: Home\n---\n\nWelcome. Read the [first page](guide/first.md).\n",
    "guide/index.md": "---\ntitle: Guide\n---\n\nThe guide.\n",
    "guide/first.md": FRONT + "Original text.\n",
}
OVERLAY = "sitemark-build-errors"


class Preview:
    """`sitemark serve` on a small project in a temporary folder; restartable on its port."""

    def __init__(self):
        self.folder = tempfile.mkdtemp(prefix="sitemark-preview-browser-")
        for name in ("Templates", "Public"):
            shutil.copytree(ROOT / name, os.path.join(self.folder, name))
        for path, text in PAGES.items():
            self.save(f"Pages/{path}", text)
        self.process, self.port = None, "0"

    def save(self, path, text):
        """As editors save: a temporary file renamed over the real one."""
        target = os.path.join(self.folder, path)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        temporary = os.path.join(os.path.dirname(target), ".preview-test.tmp")
        with open(temporary, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(temporary, target)

    def read(self, path):
        with open(os.path.join(self.folder, path), encoding="utf-8") as f:
            return f.read()

    def start(self):
        self.process = subprocess.Popen([SITEMARK, "serve", "--root", self.folder, "--port", self.port],
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        deadline = time.time() + 120
        while time.time() < deadline:
            line = self.process.stdout.readline()
            if not line:
                break
            match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
            if match:
                self.port = match.group(1)
                return
        self.stop()
        pytest.fail("the preview server did not start")

    def url(self, path=""):
        return f"http://127.0.0.1:{self.port}/{path}"

    def stop(self):
        """As Ctrl-C does."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@pytest.fixture(scope="module")
def preview():
    if not os.path.exists(SITEMARK):
        pytest.fail(f"no sitemark binary at {SITEMARK}; run `make build` first")
    server = Preview()
    server.start()
    yield server
    server.stop()
    shutil.rmtree(server.folder, ignore_errors=True)


@pytest.fixture(scope="module")
def browser():
    driver = make_driver()
    yield driver
    driver.quit()


def open_live(driver, url):
    """Opens a page and waits until its script is listening for changes."""
    driver.get(url)
    wait(driver, lambda d: d.execute_script("return document.documentElement.dataset.sitemarkBuild"),
         timeout=15, message="the reload script never connected")


def reloaded_with(driver, text, timeout=20):
    """Waits for a reload (the marker set before is gone) that shows `text`."""
    wait(driver, lambda d: d.execute_script(
        "return window.__sitemarkTest === undefined && document.body.innerText.includes(arguments[0])", text),
        timeout=timeout, message=f"no reload showing {text!r}")


def script_errors(driver):
    return [entry["message"] for entry in driver.get_log("browser")
            if entry["level"] == "SEVERE" and "Uncaught" in entry["message"]]


def test_a_save_reloads_the_page(preview, browser):
    open_live(browser, preview.url("guide/first.html"))
    assert not browser.find_elements(By.ID, OVERLAY)
    browser.execute_script("window.__sitemarkTest = 'before'")
    preview.save("Pages/guide/first.md", FRONT + "Edited text.\n")
    reloaded_with(browser, "Edited text.")
    assert not script_errors(browser)


def test_a_stylesheet_save_swaps_it_without_a_reload(preview, browser):
    open_live(browser, preview.url("guide/first.html"))
    browser.execute_script("window.__sitemarkTest = 'kept'")
    preview.save("Public/assets/style.css", preview.read("Public/assets/style.css")
                 + "\nbody { outline: 7px solid rgb(255, 0, 0); }\n")
    wait(browser, lambda d: d.execute_script("return getComputedStyle(document.body).outlineWidth") == "7px",
         timeout=20, message="the new stylesheet never applied")
    assert browser.execute_script("return window.__sitemarkTest") == "kept", "the page reloaded"
    assert len(browser.find_elements(By.CSS_SELECTOR, "link[rel=stylesheet]")) == 1, "the old stylesheet stayed"


def test_a_failing_build_shows_its_errors_until_fixed(preview, browser):
    open_live(browser, preview.url("guide/first.html"))
    preview.save("Pages/guide/first.md",
                 FRONT + "See [x](missing<b>bold</b><img/src=x/onerror=window.__pwned=1>.md).\n")
    overlay = wait(browser, lambda d: d.find_elements(By.ID, OVERLAY), timeout=20, message="no overlay")[0]
    text = overlay.text
    assert re.search(r"Pages/guide/first\.md:6:\d+: error: link target", text), text
    # Markup quoted in a message stays text.
    assert "<b>bold</b>" in text
    assert not overlay.find_elements(By.CSS_SELECTOR, "b, img")
    assert browser.execute_script("return window.__pwned") is None
    # The last good page is still there underneath, and still served.
    assert "Edited text." in browser.find_element(By.TAG_NAME, "main").text

    # A page opened now shows the errors too.
    first_tab = browser.current_window_handle
    browser.switch_to.new_window("tab")
    browser.get(preview.url())
    wait(browser, lambda d: d.find_elements(By.ID, OVERLAY), timeout=15, message="no overlay on a fresh page")
    second_tab = browser.current_window_handle

    browser.switch_to.window(first_tab)
    browser.execute_script("window.__sitemarkTest = 'before'")
    preview.save("Pages/guide/first.md", FRONT + "Fixed text.\n")
    reloaded_with(browser, "Fixed text.")
    assert not browser.find_elements(By.ID, OVERLAY)
    browser.switch_to.window(second_tab)
    wait(browser, lambda d: not d.find_elements(By.ID, OVERLAY), timeout=15, message="the other page kept the errors")
    browser.close()
    browser.switch_to.window(first_tab)
    assert not script_errors(browser)


def test_an_open_page_catches_up_after_a_restart(preview, browser):
    open_live(browser, preview.url("guide/first.html"))
    browser.execute_script("window.__sitemarkTest = 'before'")
    preview.stop()
    preview.save("Pages/guide/first.md", FRONT + "Saved while the preview was stopped.\n")
    preview.start()
    reloaded_with(browser, "Saved while the preview was stopped.", timeout=30)

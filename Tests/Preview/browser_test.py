#!/usr/bin/env python3
"""The preview's browser side in a real (headless) Chromium: a save reloads the page, a CSS
save swaps the stylesheet without a reload, a failing build lays its errors over the page as
text (markup in a message stays text), a page opened while the build fails shows them too, the
fix clears them, and a page reconnects and catches up after the server restarts.
Loopback only; every wait is bounded.
Usage: browser_test.py --sitemark BIN --root PROJECT [--chromium /usr/bin/chromium]"""
import argparse, os, re, shutil, signal, subprocess, sys, tempfile, time

from playwright.sync_api import sync_playwright

PAGES = {
    "site.yml": "title: Browser Test\nbase_url: https://example.org/\nlanguage: en\nsections: [guide]\n",
    "index.md": "---\ntitle: Home\n---\n\nWelcome. Read the [first page](guide/first.md).\n",
    "guide/index.md": "---\ntitle: Guide\n---\n\nThe guide.\n",
    "guide/first.md": "---\ntitle: First\ndescription: The first page.\n---\n\nOriginal text.\n",
}
FRONT = "---\ntitle: First\ndescription: The first page.\n---\n\n"
results = []


def check(condition, message):
    results.append(condition)
    print(("ok   " if condition else "FAIL ") + message, flush=True)


def save(path, text):
    """As editors save: a temporary file renamed over the real one."""
    temporary = os.path.join(os.path.dirname(path), ".browser-test.tmp")
    with open(temporary, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(temporary, path)


class Preview:
    """`sitemark serve` on the test project; restartable on the same port."""

    def __init__(self, binary, project):
        self.binary, self.project, self.process, self.port = binary, project, None, "0"

    def start(self):
        self.process = subprocess.Popen([self.binary, "serve", "--root", self.project, "--port", self.port],
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        deadline = time.time() + 120
        while time.time() < deadline:
            line = self.process.stdout.readline()
            if not line:
                break
            match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
            if match:
                self.port = match.group(1)
                return f"http://127.0.0.1:{self.port}/"
        self.stop()
        sys.exit("the preview server did not start")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sitemark", required=True)
    parser.add_argument("--root", default=".")
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="sitemark-browser-")
    preview = Preview(os.path.abspath(args.sitemark), work)
    try:
        for folder in ("Templates", "Public"):
            shutil.copytree(os.path.join(args.root, folder), os.path.join(work, folder))
        for path, text in PAGES.items():
            os.makedirs(os.path.dirname(os.path.join(work, "Pages", path)), exist_ok=True)
            with open(os.path.join(work, "Pages", path), "w", encoding="utf-8") as f:
                f.write(text)
        run(args.chromium, preview, work)
    finally:
        preview.stop()
        shutil.rmtree(work, ignore_errors=True)
    if not all(results):
        sys.exit(f"browser test: {results.count(False)} failure(s)")
    print("browser test: all checks passed")


def run(chromium, preview, work):
    url = preview.start()
    page_md = os.path.join(work, "Pages/guide/first.md")
    css = os.path.join(work, "Public/assets/style.css")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-dev-shm-usage"])
        errors = []
        page = browser.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.set_default_timeout(15000)
        page.goto(url + "guide/first.html")
        page.wait_for_timeout(300)  # the event stream connects
        check(page.locator("#sitemark-build-errors").count() == 0, "no overlay while the build is good")

        page.evaluate("window.__sitemarkTest = 'before'")
        started = time.time()
        with page.expect_navigation():
            save(page_md, FRONT + "Edited text.\n")
        check("Edited text." in page.content() and page.evaluate("window.__sitemarkTest") is None,
              f"a save reloads the page with the new text ({(time.time() - started) * 1000:.0f} ms)")

        page.wait_for_timeout(300)
        page.evaluate("window.__sitemarkTest = 'kept'")
        with open(css, encoding="utf-8") as f:
            save(css, f.read() + "\nbody { outline: 7px solid rgb(255, 0, 0); }\n")
        page.wait_for_function("getComputedStyle(document.body).outlineWidth === '7px'")
        check(page.evaluate("window.__sitemarkTest") == "kept" and page.locator("link[rel=stylesheet]").count() == 1,
              "a stylesheet save is swapped in without a reload")

        save(page_md, FRONT + "See [x](missing<b>bold</b><img/src=x/onerror=window.__pwned=1>.md).\n")
        text = page.wait_for_selector("#sitemark-build-errors").inner_text()
        check(re.search(r"Pages/guide/first\.md:6:\d+: error: link target", text) is not None,
              "a failing build shows file:line:column and the message over the page")
        check("<b>bold</b>" in text and page.locator("#sitemark-build-errors b, #sitemark-build-errors img").count() == 0
              and page.evaluate("window.__pwned") is None, "markup quoted in a message stays text")
        check("Edited text." in page.content(), "the last good page stays underneath")

        other = browser.new_page()
        other.set_default_timeout(15000)
        other.goto(url)
        other.wait_for_selector("#sitemark-build-errors")
        check(True, "a page opened while the build fails shows the errors")

        with page.expect_navigation():
            save(page_md, FRONT + "Fixed text.\n")
        page.wait_for_timeout(300)
        check(page.locator("#sitemark-build-errors").count() == 0 and "Fixed text." in page.content(),
              "the fix reloads the page and clears the errors")
        other.wait_for_timeout(300)
        check(other.locator("#sitemark-build-errors").count() == 0, "other open pages clear too")

        # A restart: the page's EventSource reconnects, sees it missed a build, and reloads.
        preview.stop()
        save(page_md, FRONT + "Saved while the server was down.\n")
        preview.start()
        page.wait_for_function("document.body.innerText.includes('Saved while the server was down.')")
        check(True, "after a restart the page reconnects and reloads")
        check(not errors, f"no script errors {errors[:3]}")
        browser.close()


if __name__ == "__main__":
    main()

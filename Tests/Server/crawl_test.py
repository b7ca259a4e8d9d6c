#!/usr/bin/env python3
"""Serves a built site with a real nginx under a sub-path and crawls it like a visitor would.

The site is built with `--base-url http://127.0.0.1:PORT/knowledge/` into a temporary folder,
served by nginx (a non-daemon child with its own prefix, config and temp paths, bound to
127.0.0.1 only), and checked over HTTP:

- every page reachable from the home page answers 200, and so does every asset it uses;
- every internal link resolves, fragment included; internal <a> links are relative;
- a missing address at any depth answers 404 with the custom 404 page, whose links work;
- sitemap.xml parses and lists exactly the published pages; robots.txt points at it;
- feed.xml parses as Atom and lists every article, newest review first;
- every article's JSON-LD parses and has the properties the review report implies.

Standard library only. Usage: crawl_test.py [--sitemark PATH] [--root DIR]
"""

import argparse
import atexit
import html.parser
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

SUB_PATH = "/knowledge/"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
OPTIONS = argparse.Namespace(sitemark=".build/release/sitemark", root=".")


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def find_nginx():
    for candidate in (shutil.which("nginx"), "/usr/sbin/nginx", "/usr/local/sbin/nginx"):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    # A failure, not a skip: a suite that skips still exits 0, and CI would pass untested.
    raise RuntimeError("nginx is not installed (make test-deps installs it)")


class Page(html.parser.HTMLParser):
    """What the crawler needs from an HTML page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links = []        # (tag, attribute, value, rel)
        self.ids = set()
        self.json_ld = []
        self.canonical = None
        self.noindex = False
        self.classes = set()
        self._in_json_ld = False
        self._buffer = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids.add(attributes["id"])
        for name in (attributes.get("class") or "").split():
            self.classes.add(name)
        rel = attributes.get("rel") or ""
        if tag == "meta" and attributes.get("name") == "robots" and "noindex" in (attributes.get("content") or ""):
            self.noindex = True
        if tag == "link" and rel == "canonical":
            self.canonical = attributes.get("href")
        elif tag in ("a", "link") and attributes.get("href") is not None:
            self.links.append((tag, "href", attributes["href"], rel))
        elif tag in ("img", "script") and attributes.get("src"):
            self.links.append((tag, "src", attributes["src"], rel))
        if tag == "script" and attributes.get("type") == "application/ld+json":
            self._in_json_ld = True
            self._buffer = []

    def handle_data(self, data):
        if self._in_json_ld:
            self._buffer.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._in_json_ld:
            self.json_ld.append("".join(self._buffer))
            self._in_json_ld = False


def fetch(url):
    """(status, content type, body text); 4xx/5xx answers are returned, not raised."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read().decode("utf-8", "replace")


def page_key(url):
    """A page's identity: no fragment, and `dir/index.html` is `dir/` (as in the sitemap)."""
    url = urllib.parse.urldefrag(url)[0]
    return url[: -len("index.html")] if url.endswith("/index.html") else url


class ServedSite(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.nginx_binary = find_nginx()
        cls.temp = tempfile.mkdtemp(prefix="sitemark-nginx-")
        cls.process = None
        try:
            cls.start()
            cls.crawl()
        except BaseException:
            cls.tearDownClass()
            raise

    @classmethod
    def tearDownClass(cls):
        cls.stop()
        if not os.environ.get("SITEMARK_KEEP_TEMP"):
            shutil.rmtree(cls.temp, ignore_errors=True)

    @classmethod
    def start(cls):
        root = os.path.abspath(OPTIONS.root)
        sitemark = os.path.abspath(OPTIONS.sitemark)
        www = os.path.join(cls.temp, "www")
        output = os.path.join(www, SUB_PATH.strip("/"))
        os.makedirs(www)
        # The port is chosen before nginx binds it; another process could take it in between,
        # so a failed start is retried on a new port.
        for attempt in range(3):
            cls.port = free_port()
            cls.base = f"http://127.0.0.1:{cls.port}{SUB_PATH}"
            shutil.rmtree(output, ignore_errors=True)
            subprocess.run([sitemark, "build", "--root", root, "--output", output, "--base-url", cls.base],
                           check=True, timeout=300, stdout=subprocess.DEVNULL)
            if cls.launch(www):
                break
        else:
            raise RuntimeError("nginx did not start; see " + os.path.join(cls.temp, "error.log"))
        check = subprocess.run([sitemark, "check", "--root", root, "--format", "json"],
                               timeout=300, capture_output=True, text=True)
        cls.check_report = json.loads(check.stdout)
        cls.output = output

    @classmethod
    def launch(cls, www):
        temp = cls.temp
        # As root, nginx would hand requests to workers running as `nobody`, who cannot read a
        # private temp folder; run the workers as the current (root) user instead.
        user = "user root root;\n" if os.geteuid() == 0 else ""
        temp_paths = "".join(f"    {kind}_temp_path {temp}/{kind};\n"
                             for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        config = f"""daemon off;
master_process on;
worker_processes 1;
{user}pid {temp}/nginx.pid;
error_log {temp}/error.log warn;
events {{ worker_connections 64; }}
http {{
    types {{
        text/html html; text/css css; text/javascript js; application/json json;
        application/xml xml; image/svg+xml svg; text/plain txt; image/png png; image/jpeg jpg jpeg;
    }}
    default_type application/octet-stream;
    access_log off;
{temp_paths}    server {{
        listen 127.0.0.1:{cls.port};
        server_name localhost;
        root {www};
        location {SUB_PATH} {{
            index index.html;
            error_page 404 {SUB_PATH}404.html;
        }}
    }}
}}
"""
        config_path = os.path.join(temp, "nginx.conf")
        with open(config_path, "w") as handle:
            handle.write(config)
        cls.process = subprocess.Popen(
            [cls.nginx_binary, "-p", temp, "-c", config_path, "-e", os.path.join(temp, "error.log")],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if cls.process.poll() is not None:
                sys.stderr.write(cls.process.stderr.read().decode("utf-8", "replace"))
                cls.process = None
                return False
            try:
                with socket.create_connection(("127.0.0.1", cls.port), timeout=0.5):
                    return True
            except OSError:
                time.sleep(0.1)
        cls.stop()
        return False

    process = None

    @classmethod
    def stop(cls):
        process, cls.process = cls.process, None
        if process is not None and process.poll() is None:
            os.killpg(process.pid, signal.SIGQUIT)  # graceful: master and its worker
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=5)
        if process is not None and process.stderr:
            process.stderr.close()

    @classmethod
    def crawl(cls):
        """Breadth-first from the home page, following every same-origin reference."""
        cls.pages = {}       # page key -> Page
        cls.responses = {}   # url (no fragment) -> (status, content type)
        cls.references = []  # (from page key, tag, absolute url, as written)
        queue = [cls.base]
        seen = {cls.base}
        origin = f"http://127.0.0.1:{cls.port}"
        while queue:
            url = queue.pop(0)
            status, content_type, body = fetch(url)
            cls.responses[url] = (status, content_type)
            if status != 200 or not content_type.startswith("text/html"):
                continue
            page = Page()
            page.feed(body)
            cls.pages[page_key(url)] = page
            for tag, _, value, rel in page.links:
                absolute = urllib.parse.urljoin(url, value)
                if not absolute.startswith(origin):
                    continue
                cls.references.append((page_key(url), tag, absolute, value, rel))
                target = urllib.parse.urldefrag(absolute)[0]
                if target not in seen:
                    seen.add(target)
                    queue.append(target)

    # --- the tests -----------------------------------------------------------------------------

    def test_every_reference_answers_200(self):
        failures = [(url, status) for url, (status, _) in self.responses.items() if status != 200]
        self.assertEqual(failures, [])
        sys.stderr.write(f"\ncrawled {len(self.pages)} pages and {len(self.responses)} URLs "
                         f"({len(self.references)} internal references) under {self.base} ... ")
        self.assertGreater(len(self.pages), 30, "the crawl should reach every page of the knowledge base")

    def test_every_fragment_exists(self):
        missing = []
        for source, tag, absolute, written, _ in self.references:
            target, fragment = urllib.parse.urldefrag(absolute)
            if fragment and page_key(target) in self.pages:
                if urllib.parse.unquote(fragment) not in self.pages[page_key(target)].ids:
                    missing.append((source, written))
        self.assertEqual(missing, [])

    def test_internal_links_are_relative(self):
        absolute = [(source, written) for source, tag, _, written, rel in self.references
                    if tag == "a" and (written.startswith("http") or written.startswith("/"))]
        self.assertEqual(absolute, [])

    def test_canonical_links_are_absolute_under_the_sub_path(self):
        for key, page in self.pages.items():
            with self.subTest(page=key):
                self.assertEqual(page.canonical, key)

    def test_missing_addresses_get_the_custom_404_page(self):
        for path in ("no-such-page.html", "conditions/no-such-page.html", "a/b/c/deep/missing/"):
            with self.subTest(path=path):
                status, content_type, body = fetch(self.base + path)
                self.assertEqual(status, 404)
                self.assertTrue(content_type.startswith("text/html"))
                page = Page()
                page.feed(body)
                self.assertIn("page-not-found", page.classes)
                self.assertIn("Page not found", body)
                # Its links are absolute, so they work whatever depth the 404 was served at.
                stylesheets = [value for tag, _, value, rel in page.links if rel == "stylesheet"]
                self.assertEqual(stylesheets, [self.base + "assets/style.css"])
                for tag, _, value, rel in page.links:
                    if value.startswith("#"):
                        self.assertIn(value[1:], page.ids)  # the skip link, on the page itself
                        continue
                    target = urllib.parse.urldefrag(urllib.parse.urljoin(self.base + path, value))[0]
                    if target.startswith(self.base):
                        self.assertEqual(fetch(target)[0], 200, value)

    def test_sitemap_lists_every_page(self):
        status, _, body = fetch(self.base + "sitemap.xml")
        self.assertEqual(status, 200)
        root = ET.fromstring(body)
        self.assertEqual(root.tag, SITEMAP + "urlset")
        locations = [url.findtext(SITEMAP + "loc") for url in root.findall(SITEMAP + "url")]
        self.assertEqual(len(locations), len(set(locations)))
        # Pages that ask not to be indexed (the search results page) stay out of the sitemap.
        crawled = {key for key, page in self.pages.items() if not page.noindex}
        self.assertEqual(set(locations), crawled)
        for location in locations:
            self.assertEqual(fetch(location)[0], 200, location)
        # Every HTML file written, except the 404 page and noindex pages, is in the sitemap.
        written = set()
        unindexed = {key for key, page in self.pages.items() if page.noindex}
        for folder, _, files in os.walk(self.output):
            for name in files:
                if name.endswith(".html") and name != "404.html":
                    relative = os.path.relpath(os.path.join(folder, name), self.output)
                    key = page_key(self.base + relative.replace(os.sep, "/"))
                    if key not in unindexed:
                        written.add(key)
        self.assertEqual(written, set(locations))
        reviewed = {self.base + entry["url"]: entry["reviewed"] for entry in self.check_report["review"]}
        for url in root.findall(SITEMAP + "url"):
            location = url.findtext(SITEMAP + "loc")
            if location in reviewed:
                self.assertEqual(url.findtext(SITEMAP + "lastmod"), reviewed[location])

    def test_robots_txt_points_at_the_sitemap(self):
        status, _, body = fetch(self.base + "robots.txt")
        self.assertEqual(status, 200)
        self.assertIn(f"Sitemap: {self.base}sitemap.xml", body.splitlines())

    def test_feed_is_atom_with_every_article(self):
        status, _, body = fetch(self.base + "feed.xml")
        self.assertEqual(status, 200)
        root = ET.fromstring(body)
        self.assertEqual(root.tag, ATOM + "feed")
        for required in ("title", "id", "updated", "author"):
            self.assertIsNotNone(root.find(ATOM + required), required)
        entries = root.findall(ATOM + "entry")
        articles = [entry for entry in self.check_report["review"] if not entry["draft"]]
        self.assertEqual(len(entries), len(articles))
        ids = [entry.findtext(ATOM + "id") for entry in entries]
        self.assertEqual(len(ids), len(set(ids)))
        updated = [entry.findtext(ATOM + "updated") for entry in entries]
        self.assertEqual(updated, sorted(updated, reverse=True))
        for entry in entries:
            link = entry.find(ATOM + "link").get("href")
            self.assertTrue(link.startswith(self.base))
            self.assertEqual(fetch(link)[0], 200, link)

    def test_every_article_has_medical_json_ld(self):
        articles = self.check_report["review"]
        self.assertGreater(len(articles), 0)
        for entry in articles:
            url = self.base + entry["url"]
            with self.subTest(article=entry["page"]):
                page = self.pages[page_key(url)]
                self.assertEqual(len(page.json_ld), 1)
                data = json.loads(page.json_ld[0])
                self.assertEqual(data["@context"], "https://schema.org")
                self.assertEqual(data["@type"], "MedicalWebPage")
                self.assertEqual(data["url"], url)
                self.assertEqual(data["name"], entry["title"])
                self.assertTrue(data["description"])
                self.assertEqual(data["lastReviewed"], entry["reviewed"])
                self.assertEqual(data["reviewedBy"]["name"], entry["reviewedBy"])
                self.assertIn(data["reviewedBy"]["@type"], ("Person", "Organization"))
                self.assertEqual(len(data["citation"]), entry["sources"])
                self.assertEqual(data["publisher"]["@type"], "Organization")
                self.assertTrue(data["publisher"]["name"])
                expected_about = {"conditions": "MedicalCondition", "procedures": "MedicalProcedure"}
                self.assertEqual(data["about"]["@type"], expected_about.get(entry["section"].split("/")[0], "Thing"))
                self.assertEqual(data["about"]["name"], entry["title"])
                crumbs = data["breadcrumb"]["itemListElement"]
                self.assertEqual(data["breadcrumb"]["@type"], "BreadcrumbList")
                self.assertEqual([crumb["position"] for crumb in crumbs], list(range(1, len(crumbs) + 1)))
                self.assertEqual(crumbs[0]["item"], self.base)
                self.assertEqual(crumbs[-1]["item"], url)
                for crumb in crumbs:
                    self.assertEqual(fetch(crumb["item"])[0], 200)

    def test_every_json_ld_block_parses(self):
        blocks = 0
        for key, page in self.pages.items():
            for block in page.json_ld:
                with self.subTest(page=key):
                    self.assertIn("@type", json.loads(block))
                    blocks += 1
        self.assertGreater(blocks, len(self.check_report["review"]))  # articles + the home page


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sitemark", default=OPTIONS.sitemark)
    parser.add_argument("--root", default=OPTIONS.root)
    options, rest = parser.parse_known_args()
    OPTIONS.sitemark, OPTIONS.root = options.sitemark, options.root
    # A hung server or crawl fails the run instead of blocking CI; raising (rather than dying
    # on the signal) lets tearDownClass stop nginx. atexit covers any other way out.
    def time_out(signum, frame):
        raise TimeoutError("the server test took longer than 600 s")
    signal.signal(signal.SIGALRM, time_out)
    signal.signal(signal.SIGTERM, time_out)
    signal.alarm(600)
    atexit.register(ServedSite.stop)
    unittest.main(argv=[sys.argv[0]] + rest, verbosity=2)


if __name__ == "__main__":
    main()

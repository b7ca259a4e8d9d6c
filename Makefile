# Sitemark: the README's commands. Every system package the build or the tests need is
# installed here (Debian/Ubuntu, apt-get), so a brand-new machine needs only the Swift toolchain.

SHELL := /bin/bash
SWIFT ?= swift
RELEASE_BIN := .build/release/sitemark
SHARED ?= ../shared
APT_STAMP := .build/.apt-
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps test-deps bench-deps build site check serve test unit-tests conformance linkcheck server-test venv browser-tests preview-test load-test preview-latency bench clean

all: site

# --- system packages -------------------------------------------------------------------------
# apt_install PACKAGES: installs what is missing, once per checkout (stamp file), with a clear
# message when neither root nor sudo is available.
define apt_install
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" != 0 ] && ! command -v sudo >/dev/null; then \
	    echo "error: missing system packages:$$missing. Install them as root: apt-get install$$missing" >&2; exit 1; fi; \
	  echo "Installing system packages:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null || exit 1; \
	fi
endef

deps:
	@pkg-config --exists libcmark 2>/dev/null || { \
	  echo "libcmark not found by pkg-config; installing libcmark-dev"; true; }
	$(call apt_install,libcmark-dev pkg-config)

# Chromium and its driver for the browser suite; Java for the Nu HTML checker (vnu.jar);
# python3-venv so the suite's packages go into .venv/ and not the system.
JAVA_PACKAGE := $(shell command -v java >/dev/null 2>&1 || echo default-jre-headless)
test-deps: deps
	$(call apt_install,linkchecker python3 nginx python3-venv chromium chromium-driver $(JAVA_PACKAGE))

# /usr/bin/time gives peak memory; Hugo is the speed bar the benchmark compares with.
bench-deps: deps
	$(call apt_install,time hugo)

# --- build -----------------------------------------------------------------------------------
build: deps
	$(SWIFT) build -c release --product sitemark

site: build
	$(RELEASE_BIN) build

check: build
	$(RELEASE_BIN) check

serve: build
	$(RELEASE_BIN) serve

# --- tests: everything CI runs ---------------------------------------------------------------
test: test-deps unit-tests conformance site linkcheck server-test browser-tests preview-test
	@echo "make test: all suites passed"

unit-tests: deps
	$(SWIFT) test

# The GFM table examples; then again with raw HTML passed through, which one more example needs.
conformance: build
	python3 $(SHARED)/conformance/check-tables -- $(RELEASE_BIN) render
	python3 $(SHARED)/conformance/check-tables --with unsafe -- $(RELEASE_BIN) render --raw-html

# An independent checker over the built site: every internal link and #anchor must resolve.
# linkchecker reports a missing anchor as a warning, so any warning fails this target too.
linkcheck: site
	@mkdir -p .build
	@linkchecker -f Tests/linkcheckerrc --ignore-url='^https?:' --ignore-url='^mailto:' _site/index.html \
	  > .build/linkcheck.log 2>&1; status=$$?; \
	  grep -vE '^WARNING linkcheck' .build/linkcheck.log | tail -n 4; \
	  if [ $$status -ne 0 ] || ! grep -q ' 0 warnings found' .build/linkcheck.log; then \
	    echo "linkcheck failed: see .build/linkcheck.log" >&2; exit 1; fi

# The built site served by a real nginx under /knowledge/ on a loopback port, and crawled:
# pages, links, the 404 page, sitemap, feed and JSON-LD (Tests/Server/crawl_test.py).
server-test: build
	python3 Tests/Server/crawl_test.py --sitemark $(RELEASE_BIN) --root .

# --- browser suite: headless Chromium + Selenium on _site/ opened from file:// ----------------
# The virtual environment is rebuilt when the requirement files change (stamp file).
VENV := .venv
BROWSER_REQUIREMENTS := Tests/browser/requirements.txt Tests/browser/requirements-nodeps.txt

$(VENV)/.installed: $(BROWSER_REQUIREMENTS)
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r Tests/browser/requirements.txt
	$(VENV)/bin/pip install --quiet --disable-pip-version-check --no-deps -r Tests/browser/requirements-nodeps.txt
	touch $@

venv: $(VENV)/.installed

# Screenshots go to .build/screenshots/ (ignored by git). pytest's exit code is make's.
browser-tests: test-deps venv site
	$(VENV)/bin/python -m pytest Tests/browser -q -rs

# The real `sitemark serve` binary: startup line, one preview per project, non-loopback
# warning, Ctrl-C with an open event stream, and `build` staying free of drafts and the script.
preview-test: build
	python3 Tests/Preview/serve_smoke.py --sitemark $(RELEASE_BIN) --root .

# --- preview performance (loopback only; figures depend on the machine, so not in `test`) ----
# wrk against the preview while a page is saved every 0.5 s; fails below MIN_RPS (2000) or on
# any error. PROJECT=DIR to load another project.
load-test: build
	$(call apt_install,wrk curl)
	Tests/Scripts/preview-load-test.sh $(or $(PROJECT),.)

# Save-to-reload latency (file saved -> reload event -> new text served). PROJECT=DIR for a
# generated site, e.g. 10,000 pages.
preview-latency: build
	python3 Tests/Scripts/preview-latency.py $(or $(PROJECT),.) $(if $(RUNS),--runs $(RUNS))

# --- benchmark: generated corpora of 1,000 and 10,000 articles, cold / no-change / one-page-edit
# builds, stage times, peak memory, and Hugo on the same content (see Sources/sitemark-bench);
# then `sitemark serve`'s save-to-reload latency on Pages/ and on a LATENCY_PAGES-article corpus,
# with saves 4 s apart there so that each lands while the previous one's catch-up build runs;
# last, a table-heavy 1,000-page site against the same cells written as lists (issue 5).
BENCH_SIZES ?= 1000,10000
BENCH_RUNS ?= 3
LATENCY_PAGES ?= 10000
LATENCY_RUNS ?= 7
TABLE_BENCH_RUNS ?= 9
bench: bench-deps
	$(SWIFT) build -c release --product sitemark
	$(SWIFT) build -c release --product sitemark-bench
	.build/release/sitemark-bench run --sizes $(BENCH_SIZES) --runs $(BENCH_RUNS) --sitemark $(RELEASE_BIN) --work bench-out
	python3 Tests/Scripts/preview-latency.py . --runs $(LATENCY_RUNS) --label Pages --binary $(RELEASE_BIN)
	.build/release/sitemark-bench corpus --pages $(LATENCY_PAGES) --output bench-out/latency-$(LATENCY_PAGES)
	python3 Tests/Scripts/preview-latency.py bench-out/latency-$(LATENCY_PAGES) --runs $(LATENCY_RUNS) --pause 4 \
		--label "$(LATENCY_PAGES) generated articles" --binary $(RELEASE_BIN)
	rm -rf bench-out/latency-$(LATENCY_PAGES)
	python3 Tests/Scripts/bench-tables.py --runs $(TABLE_BENCH_RUNS) --dir bench-out/tables --binary $(RELEASE_BIN)

clean:
	rm -rf .build _site .sitemark-cache $(VENV) bench-out

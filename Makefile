# Sitemark: the README's commands. Every system package the build or the tests need is
# installed here (Debian, apt-get), so a brand-new machine needs only the Swift toolchain.

SHELL := /bin/bash
SWIFT ?= swift
RELEASE_BIN := .build/release/sitemark
SHARED ?= ../shared
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps test-deps bench-deps build site check serve test unit-tests conformance linkcheck server-test venv browser-tests preview-test load-test preview-latency bench clean

all: site

# --- system packages -------------------------------------------------------------------------
# apt_install PACKAGES: installs the packages that are not installed (a package removed but
# not purged counts as missing), with a clear message when neither root nor sudo is available.
# The environment goes through `env` because sudo drops it; apt waits for a lock held by a
# new machine's unattended upgrades instead of failing at once.
APT_GET := $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600
define apt_install
	@missing=""; for p in $(1); do \
	  [ "$$(dpkg-query -W -f='$${db:Status-Status}' $$p 2>/dev/null)" = installed ] || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" != 0 ] && ! command -v sudo >/dev/null; then \
	    echo "error: missing system packages:$$missing. Install them as root: apt-get install$$missing" >&2; exit 1; fi; \
	  echo "Installing system packages:$$missing"; \
	  $(APT_GET) update -qq && $(APT_GET) install -y -qq $$missing >/dev/null || exit 1; \
	fi
endef

deps:
	$(call apt_install,libcmark-dev pkg-config)

# Chromium and its driver for the browser suite; Java for the Nu HTML checker (vnu.jar);
# python3-venv so the suite's packages go into .venv/ and not the system.
JAVA_PACKAGE := $(shell command -v java >/dev/null 2>&1 || echo default-jre-headless)
test-deps: deps
	$(call apt_install,linkchecker python3 nginx python3-venv chromium chromium-driver $(JAVA_PACKAGE))

# /usr/bin/time gives peak memory; Hugo is the speed bar the benchmark compares with; the
# latency and table benchmarks are Python scripts.
bench-deps: deps
	$(call apt_install,time hugo python3)

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
# Each suite also works alone (`make linkcheck`): the ones that use a system package install
# it first (`| test-deps`: needed, but not a reason to rerun).
test: test-deps unit-tests conformance site linkcheck server-test browser-tests preview-test
	@echo "make test: all suites passed"

unit-tests: deps
	$(SWIFT) test

# The GFM table examples; then again with raw HTML passed through, which one more example needs.
# The checker and the examples are the workplace's, beside this checkout (SHARED=DIR elsewhere).
conformance: build | test-deps
	@[ -f $(SHARED)/conformance/check-tables ] || { echo "error: $(SHARED)/conformance/check-tables not found;" \
	  "the GFM table checker lives beside this checkout in shared/. Pass SHARED=DIR to use another copy." >&2; exit 1; }
	python3 $(SHARED)/conformance/check-tables -- $(RELEASE_BIN) render
	python3 $(SHARED)/conformance/check-tables --with unsafe -- $(RELEASE_BIN) render --raw-html

# An independent checker over the built site: every internal link and #anchor must resolve.
# linkchecker reports a missing anchor as a warning, so any warning fails this target too.
# Run as root, linkchecker switches to the user nobody, who may not be able to read this
# checkout (under /root, say): it checks a world-readable copy of the site.
linkcheck: site | test-deps
	@mkdir -p .build
	@copy=$$(mktemp -d /tmp/sitemark-linkcheck.XXXXXX) && trap 'rm -rf "$$copy"' EXIT && \
	  cp -R _site "$$copy/site" && chmod -R a+rX "$$copy" && \
	  linkchecker -f Tests/linkcheckerrc --ignore-url='^https?:' --ignore-url='^mailto:' "$$copy/site/index.html" \
	  > .build/linkcheck.log 2>&1; status=$$?; \
	  grep -vE '^WARNING linkcheck' .build/linkcheck.log | tail -n 4; \
	  if [ $$status -ne 0 ] || ! grep -q ' 0 warnings found' .build/linkcheck.log; then \
	    echo "linkcheck failed: see .build/linkcheck.log" >&2; exit 1; fi

# The built site served by a real nginx under /knowledge/ on a loopback port, and crawled:
# pages, links, the 404 page, sitemap, feed and JSON-LD (Tests/Server/crawl_test.py).
server-test: build | test-deps
	python3 Tests/Server/crawl_test.py --sitemark $(RELEASE_BIN) --root .

# --- browser suite: headless Chromium + Selenium on _site/ opened from file:// ----------------
# The virtual environment is rebuilt when the requirement files change (stamp file).
VENV := .venv
BROWSER_REQUIREMENTS := Tests/browser/requirements.txt Tests/browser/requirements-nodeps.txt

$(VENV)/.installed: $(BROWSER_REQUIREMENTS) | test-deps
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r Tests/browser/requirements.txt
	$(VENV)/bin/pip install --quiet --disable-pip-version-check --no-deps -r Tests/browser/requirements-nodeps.txt
	touch $@

# A venv whose Python has gone (upgraded, or a pyenv version removed) is made again.
venv: | test-deps
	@[ ! -e $(VENV) ] || $(VENV)/bin/python -c '' 2>/dev/null || { echo "$(VENV) is broken; making it again"; rm -rf $(VENV); }
	@$(MAKE) --no-print-directory $(VENV)/.installed

# Screenshots go to .build/screenshots/ (ignored by git). pytest's exit code is make's.
browser-tests: test-deps venv site
	$(VENV)/bin/python -m pytest Tests/browser -q -rs

# The real `sitemark` binary: serve's startup line, loopback-only default, one preview per
# project, non-loopback warning, Ctrl-C with an open event stream; `build` staying free of
# drafts and the script, and its exit codes (1 on errors, keeping the last site; 64 on a bad flag).
preview-test: build | test-deps
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
	$(call apt_install,python3)
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

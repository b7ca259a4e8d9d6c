"""axe-core audits: no serious or critical violation on the pages that matter.

axe-selenium-python injects and runs axe. Its bundled axe-core is 3.1.1 (2018); every page is
also audited with axe-core 4.12.1, taken from the axe-playwright-python wheel (installed
with --no-deps, never imported: only its axe.min.js is used). Both run offline: the script is
read from site-packages and injected into the page.
"""
import importlib.util
import pathlib

import pytest
from axe_selenium_python import Axe
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By

from conftest import SITE, site_url, wait

BUNDLED = pathlib.Path(importlib.util.find_spec("axe_selenium_python").origin).parent / "node_modules/axe-core/axe.min.js"
_current = importlib.util.find_spec("axe_playwright_python")
CURRENT = pathlib.Path(_current.origin).parent / "axe.min.js" if _current else None
ENGINES = [("axe-core 3.1.1 (bundled)", BUNDLED)] + ([("axe-core 4.12.1", CURRENT)] if CURRENT else [])


def open_dropdown(driver):
    ActionChains(driver).send_keys("/").send_keys("herniated disc").perform()
    wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#search-results .search-result"))


PAGES = {
    "home": ("index.html", None),
    "article": ("conditions/sciatica.html", None),
    "comparison": ("comparisons/ozone-vs-surgical-discectomy.html", None),
    "glossary": ("glossary/index.html", None),
    "search drop-down": ("index.html", open_dropdown),
    "search results page": ("search.html?q=ozone", None),
    "A–Z index": ("az.html", None),
    "review status (a data table)": ("editorial.html", None),
}


@pytest.mark.parametrize("engine", ENGINES, ids=[e[0] for e in ENGINES])
@pytest.mark.parametrize("name", list(PAGES))
def test_no_serious_or_critical_violations(driver, name, engine):
    page, prepare = PAGES[name]
    if not (SITE / page.split("?")[0]).exists():
        pytest.skip(f"{page} is not in this build")
    label, script = engine
    driver.get(site_url(page))
    if prepare:
        prepare(driver)
    if "search.html" in page:
        wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#search-page-results .search-result"))
    axe = Axe(driver, script_url=str(script))
    axe.inject()
    results = axe.run(options="{resultTypes: ['violations']}")
    violations = results["violations"]
    bad = [v for v in violations if v.get("impact") in ("serious", "critical")]
    minor = [f"{v['id']} ({v.get('impact')})" for v in violations if v not in bad]
    print(f"\n{label} on {page}: {len(results.get('passes', []))} rules passed, "
          f"{len(violations)} violations ({len(bad)} serious/critical){'; minor: ' + ', '.join(minor) if minor else ''}")
    assert not bad, axe.report(bad)

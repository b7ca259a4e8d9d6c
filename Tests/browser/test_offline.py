"""Nothing leaves the machine: every request a page makes, search included, is file: or data:."""
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By

from conftest import requested_urls, site_url, wait

PAGES = ["index.html", "conditions/index.html", "conditions/sciatica.html",
         "comparisons/ozone-vs-surgical-discectomy.html", "az.html", "search.html?q=ozone"]


def test_every_request_stays_on_the_machine(driver):
    seen = []
    for page in PAGES:
        driver.get(site_url(page))
        ActionChains(driver).send_keys("/").send_keys("disc").perform()
        wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, ".search-result"), message=f"search did not run on {page}")
        seen += requested_urls(driver)
    for glossary in ("glossary/index.html",):
        driver.get(site_url(glossary))
        seen += requested_urls(driver)
    outside = sorted({url for url in seen if not url.startswith(("file://", "data:"))})
    assert not outside, f"requests that would leave the machine: {outside}"
    # The check saw real traffic: the pages, the style sheet, the search script and its index.
    names = {url.rsplit("/", 1)[-1].split("?")[0] for url in seen}
    assert {"style.css", "search.js", "search-index.js", "sciatica.html"} <= names, names

"""Screenshots for a person to look at (.build/screenshots/): the home page, an article, a
comparison table on a 390-pixel-wide phone, the glossary, the search drop-down, the A–Z index,
dark mode and the print rendering. Each test also checks the shot is not blank."""
import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By

from conftest import SCREENSHOTS, SITE, screenshot, site_url, wait


def check(path):
    assert path.exists() and path.stat().st_size > 5_000, f"{path} looks empty"


def test_home(driver):
    driver.get(site_url("index.html"))
    check(screenshot(driver, "home"))


def test_article(driver):
    driver.get(site_url("conditions/sciatica.html"))
    check(screenshot(driver, "article"))


def test_comparison_table_on_a_phone(phone):
    phone.get(site_url("comparisons/ozone-vs-surgical-discectomy.html"))
    assert phone.execute_script("return window.innerWidth") == 390
    check(screenshot(phone, "comparison-phone-390-full"))
    tables = phone.find_elements(By.TAG_NAME, "table")
    if not tables:
        pytest.skip("the comparison page has no <table> in this build (pipe tables not rendered)")
    phone.execute_script("arguments[0].scrollIntoView({block: 'start'})", tables[0])
    check(screenshot(phone, "comparison-phone-390", full_page=False))
    # The table scrolls inside its box; the page itself does not get wider.
    assert phone.execute_script("return document.documentElement.scrollWidth") <= 390


def test_glossary(driver):
    if not (SITE / "glossary/index.html").exists():
        pytest.skip("glossary/index.html is not in this build")
    driver.get(site_url("glossary/index.html"))
    check(screenshot(driver, "glossary"))
    check(screenshot(driver, "glossary-top", full_page=False))


def test_glossary_tooltip(driver):
    driver.get(site_url("conditions/sciatica.html"))
    terms = driver.find_elements(By.CSS_SELECTOR, ".content a.term")
    if not terms:
        pytest.skip("no glossary term links in this build")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].focus()", terms[0])
    check(screenshot(driver, "glossary-tooltip", full_page=False))


def test_search_dropdown(driver, phone):
    for browser, name in ((driver, "search-desktop"), (phone, "search-phone-390")):
        browser.get(site_url("index.html"))
        ActionChains(browser).send_keys("/").send_keys("disc herniation").perform()
        wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#search-results .search-result"))
        check(screenshot(browser, name, full_page=False))


def test_a_to_z_and_dark_mode(driver):
    driver.get(site_url("az.html"))
    check(screenshot(driver, "a-to-z"))
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "dark"}]})
    driver.get(site_url("conditions/sciatica.html"))
    check(screenshot(driver, "article-dark", full_page=False))


def test_print_rendering(driver):
    driver.get(site_url("conditions/sciatica.html"))
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    check(screenshot(driver, "article-print"))
    import base64
    pdf = driver.execute_cdp_cmd("Page.printToPDF", {"printBackground": False})
    (SCREENSHOTS / "article-print.pdf").write_bytes(base64.b64decode(pdf["data"]))

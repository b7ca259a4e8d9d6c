"""Reading: navigation across sections and back, skip link, glossary tooltips by keyboard,
the print stylesheet, dark mode, and no horizontal scrolling on a phone."""
import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import all_pages, site_url, wait


def click_link(driver, text=None, css=None):
    link = driver.find_element(By.LINK_TEXT, text) if text else driver.find_element(By.CSS_SELECTOR, css)
    href = link.get_attribute("href")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", link)
    link.click()
    wait(driver, lambda d: d.current_url == href, message=f"did not reach {href}")
    return href


def test_follows_links_across_sections_and_back(driver):
    driver.get(site_url("index.html"))
    home = driver.current_url
    click_link(driver, css=".site-menu a[href='conditions/index.html']")
    assert driver.find_element(By.CSS_SELECTOR, ".site-menu a[aria-current='page']").text == "Conditions"
    section = driver.current_url
    click_link(driver, css=".listing a[href='sciatica.html']")
    assert driver.find_element(By.TAG_NAME, "h1").text == "Sciatica"
    breadcrumbs = [a.text for a in driver.find_elements(By.CSS_SELECTOR, ".breadcrumbs a")]
    assert breadcrumbs[-1] == "Conditions"
    article = driver.current_url
    # A link in the text to another section.
    other = click_link(driver, css=".content a[href^='../procedures/']")
    assert "/procedures/" in other
    for expected in (article, section, home):
        driver.back()
        wait(driver, lambda d: d.current_url == expected, message=f"Back did not return to {expected}")
    driver.forward()
    wait(driver, lambda d: d.current_url == section)


def test_previous_and_next_stay_in_the_section(driver):
    driver.get(site_url("conditions/sciatica.html"))
    nxt = driver.find_element(By.CSS_SELECTOR, ".pagenav a[rel='next']")
    click_link(driver, css=".pagenav a[rel='next']")
    assert "/conditions/" in driver.current_url
    back = driver.find_element(By.CSS_SELECTOR, ".pagenav a[rel='prev']")
    assert back.get_attribute("href").endswith("sciatica.html")
    assert nxt


def test_table_of_contents_links_reach_their_headings(driver):
    driver.get(site_url("conditions/sciatica.html"))
    entries = driver.find_elements(By.CSS_SELECTOR, ".sidebar .toc-list a")
    assert len(entries) >= 3
    for entry in entries:
        target = entry.get_attribute("href").split("#", 1)[1]
        assert driver.find_elements(By.ID, target), f"table of contents points at missing #{target}"


def test_skip_link_is_first_and_moves_focus_to_main(driver):
    driver.get(site_url("conditions/sciatica.html"))
    ActionChains(driver).send_keys(Keys.TAB).perform()
    skip = driver.switch_to.active_element
    assert skip.get_attribute("class") == "skip-link" and skip.is_displayed()
    skip.send_keys(Keys.ENTER)
    wait(driver, lambda d: d.switch_to.active_element.get_attribute("id") == "main")


def test_keyboard_focus_is_always_visible(driver):
    """WCAG 2.4.7: each of the first stops of the Tab key shows a focus ring."""
    driver.get(site_url("conditions/sciatica.html"))
    for _ in range(8):
        ActionChains(driver).send_keys(Keys.TAB).perform()
        style = driver.execute_script("""
            const e = document.activeElement, s = getComputedStyle(e);
            return [e.tagName + '.' + e.className, s.outlineStyle, parseFloat(s.outlineWidth)];""")
        assert style[1] != "none" and style[2] >= 2, f"no visible focus on {style[0]}: {style}"


def test_glossary_tooltip_opens_by_keyboard(driver):
    """Tab to the first glossary term link of an article; its definition must become visible."""
    for page in ("conditions/sciatica.html", "conditions/lumbar-disc-herniation.html", "procedures/intradiscal-ozone-discectomy.html"):
        driver.get(site_url(page))
        if driver.find_elements(By.CSS_SELECTOR, "a.term"):
            break
    else:
        pytest.skip("no page has an a.term glossary link (glossary linking is not in this build)")
    first = driver.find_element(By.CSS_SELECTOR, "a.term")
    body = driver.find_element(By.TAG_NAME, "body")
    body.click()
    for _ in range(300):
        ActionChains(driver).send_keys(Keys.TAB).perform()
        if driver.switch_to.active_element == first:
            break
    else:
        pytest.fail("Tab never reached the first glossary term link")
    described = first.get_attribute("aria-describedby")
    candidates = [driver.find_element(By.ID, i) for i in (described or "").split() if driver.find_elements(By.ID, i)]
    candidates += driver.find_elements(By.CSS_SELECTOR, "[role='tooltip']")
    visible = [c for c in candidates if c.is_displayed() and c.text.strip()]
    assert visible, "focusing the term showed no tooltip"
    ActionChains(driver).send_keys(Keys.ESCAPE).perform()


def test_print_stylesheet_drops_navigation_and_prints_link_targets(driver):
    driver.get(site_url("conditions/sciatica.html"))
    hidden = [".site-header", ".site-menu", ".search", ".breadcrumbs", ".sidebar", ".pagenav", ".skip-link", ".connections"]
    assert driver.find_element(By.CSS_SELECTOR, ".site-header").is_displayed()
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        for selector in hidden:
            for element in driver.find_elements(By.CSS_SELECTOR, selector):
                assert not element.is_displayed(), f"{selector} is shown in print"
        after = driver.execute_script("""
            // Glossary term links keep their text only (the glossary is printed on its own).
            const a = document.querySelector('.content a[href$=".html"]:not(.term), .content a[href*=".html#"]:not(.term)');
            return [a.getAttribute('href'), getComputedStyle(a, '::after').content];""")
        assert after[0] in after[1], f"link target not printed: {after}"
        # An address outside the site (the showcase has none in its text) is printed too.
        external = driver.execute_script("""
            document.querySelector('.content').insertAdjacentHTML('beforeend', '<p><a id="ext" href="https://example.org/study">a study</a></p>');
            return getComputedStyle(document.getElementById('ext'), '::after').content;""")
        assert "https://example.org/study" in external, f"external address not printed: {external}"
        term = driver.execute_script("""
            const a = document.querySelector('.content a.term');
            return a && [getComputedStyle(a, '::after').content, getComputedStyle(a.parentElement.querySelector('.term-tip') || a).display];""")
        if term:
            assert term[0] == "none" and term[1] == "none", f"glossary links in print: {term}"
        assert driver.execute_script("return getComputedStyle(document.body).fontSize") == "14.6667px"  # 11pt
        assert driver.find_element(By.CSS_SELECTOR, ".sources").is_displayed()
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def test_dark_mode_follows_the_system(driver):
    driver.get(site_url("index.html"))
    light = driver.execute_script("return getComputedStyle(document.body).backgroundColor")
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "dark"}]})
    dark = driver.execute_script("return getComputedStyle(document.body).backgroundColor")
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})
    assert light == "rgb(255, 255, 255)" and dark == "rgb(17, 22, 27)"


def test_a_wide_table_scrolls_in_its_box_by_keyboard_on_a_phone(phone):
    phone.get(site_url("comparisons/ozone-vs-surgical-discectomy.html"))
    boxes = phone.find_elements(By.CSS_SELECTOR, ".table-scroll")
    if not boxes:
        pytest.skip("no table in this build")
    box = boxes[0]
    assert phone.execute_script("return arguments[0].scrollWidth > arguments[0].clientWidth", box), \
        "the comparison table fits a phone; this test needs a wider one"
    phone.execute_script("arguments[0].focus()", box)
    ActionChains(phone).send_keys(Keys.ARROW_RIGHT * 5).perform()
    wait(phone, lambda d: d.execute_script("return arguments[0].scrollLeft", box) > 0,
         message="the table box did not scroll with the arrow keys")
    caption = box.find_elements(By.TAG_NAME, "caption")
    if caption:  # the caption stays readable inside the box
        assert caption[0].size["width"] <= box.size["width"]


def test_no_page_scrolls_sideways_on_a_phone(phone):
    wide = []
    for page in all_pages():
        phone.get(site_url(page))
        width = phone.execute_script("return document.documentElement.scrollWidth")
        if width > 390:
            wide.append((page, width))
    assert not wide, f"pages wider than a 390-px screen: {wide}"


def test_a_tooltip_stays_on_a_phone_screen_wherever_its_term_sits(phone):
    """Under its term, a definition ran off the screen for any term right of centre."""
    phone.get(site_url("comparisons/ozone-vs-surgical-discectomy.html"))
    terms = [t for t in phone.find_elements(By.CSS_SELECTOR, ".content .term-ref")
             if not phone.execute_script("return !!arguments[0].closest('.table-scroll')", t)]
    assert len(terms) >= 5, "this test needs a page with several glossary links in its text"
    outside = []
    for term in terms:
        link = term.find_element(By.CSS_SELECTOR, "a.term")
        phone.execute_script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].focus()", link)
        tip = term.find_element(By.CSS_SELECTOR, ".term-tip")
        box = phone.execute_script(
            "const r = arguments[0].getBoundingClientRect();"
            "return [r.left, r.right, r.top, r.bottom, innerWidth, innerHeight,"
            " document.documentElement.scrollWidth]", tip)
        left, right, top, bottom, width, height, page_width = box
        # Against the phone's 390 pixels: a widened page widens the layout viewport with it.
        if left < 0 or right > 390 or top < 0 or bottom > height or page_width > 390:
            outside.append((link.text, [round(v) for v in box]))
    assert not outside, f"tooltips off the screen (left, right, top, bottom, screen w/h, page width): {outside}"


def test_a_long_address_breaks_instead_of_widening_the_page_on_a_phone(phone):
    """A reference's URL in the text or the sources has no spaces to wrap at."""
    phone.get(site_url("comparisons/ozone-vs-surgical-discectomy.html"))
    address = "https://www.example.org/pmc/articles/PMC1234567/pdf/nihms-123456-supplementary-material.pdf"
    phone.execute_script(
        "const p = document.createElement('p'); p.innerHTML = 'See <a href=\"' + arguments[0] + '\">' + arguments[0]"
        " + '</a> and <code>' + arguments[0] + '</code>.'; document.querySelector('.content').append(p);"
        "const h = document.createElement('h2'); h.textContent = 'Pneumonoultramicroscopicsilicovolcanoconiosis-like';"
        "document.querySelector('.content').append(h);", address)
    assert phone.execute_script("return document.documentElement.scrollWidth") <= 390
    # Table cells keep their words whole: a wide table scrolls in its own box instead.
    cell = phone.find_element(By.CSS_SELECTOR, ".table-scroll td")
    assert phone.execute_script("return getComputedStyle(arguments[0]).overflowWrap", cell) == "normal"

"""Search, as a reader uses it: from file://, by keyboard, as they type."""
import html.parser
import json
import re

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import SITE, all_pages, site_url, wait

# Pages the build makes that search does not list: itself, the A–Z index, the 404 page.
GENERATED = {"search.html", "az.html", "404.html"}


def open_search(driver, page="index.html"):
    driver.get(site_url(page))
    # "/" from anywhere on the page focuses the search box.
    ActionChains(driver).send_keys("/").perform()
    box = driver.switch_to.active_element
    assert box.get_attribute("id") == "site-search", "'/' did not focus the search box"
    return box


def type_query(driver, box, text):
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys(Keys.BACKSPACE)
    box.send_keys(text)
    wait(driver, lambda d: d.find_element(By.ID, "search-results").is_displayed()
         and d.find_elements(By.CSS_SELECTOR, "#search-results .search-result"),
         message=f"no results shown for {text!r}")
    return driver.find_elements(By.CSS_SELECTOR, "#search-results .search-result-link")


def titles(links):
    return [link.find_element(By.CSS_SELECTOR, ".search-result-title").text for link in links]


def test_keyboard_search_reaches_the_condition_page(driver):
    box = open_search(driver)
    links = type_query(driver, box, "sciatica")
    assert titles(links)[0] == "Sciatica"
    box.send_keys(Keys.ARROW_DOWN)
    assert driver.switch_to.active_element == links[0]
    driver.switch_to.active_element.send_keys(Keys.ENTER)
    wait(driver, lambda d: d.current_url.endswith("conditions/sciatica.html"), message="Enter did not open the result")
    assert driver.find_element(By.TAG_NAME, "h1").text == "Sciatica"


def test_arrows_move_through_results_and_escape_returns(driver):
    box = open_search(driver)
    links = type_query(driver, box, "disc")
    assert len(links) >= 3
    box.send_keys(Keys.ARROW_DOWN)
    driver.switch_to.active_element.send_keys(Keys.ARROW_DOWN)
    assert driver.switch_to.active_element == links[1]
    driver.switch_to.active_element.send_keys(Keys.ARROW_UP)
    assert driver.switch_to.active_element == links[0]
    driver.switch_to.active_element.send_keys(Keys.ARROW_UP)
    assert driver.switch_to.active_element.get_attribute("id") == "site-search"
    box.send_keys(Keys.ARROW_DOWN)
    driver.switch_to.active_element.send_keys(Keys.ESCAPE)
    assert driver.switch_to.active_element.get_attribute("id") == "site-search"
    assert not driver.find_element(By.ID, "search-results").is_displayed()


def test_a_slash_typed_in_the_box_is_text_not_the_shortcut(driver):
    box = open_search(driver)
    box.send_keys("L4/L5 and/or")
    assert box.get_attribute("value") == "L4/L5 and/or"


def test_more_results_than_the_dropdown_shows_lead_to_the_results_page(driver):
    box = open_search(driver)
    links = type_query(driver, box, "disc")
    more = driver.find_element(By.CSS_SELECTOR, "#search-results .search-more")
    wait(driver, lambda d: more.is_displayed(), message="no 'Show all' link although the dropdown is full")
    link = more.find_element(By.TAG_NAME, "a")
    total = int(re.fullmatch(r"Show all (\d+) results", link.text).group(1))
    assert total > len(links), (total, len(links))
    assert link.get_attribute("href").endswith("search.html?q=disc")
    # A query with few results has no such link.
    type_query(driver, box, "fibromyalgia")
    assert not more.is_displayed()


def test_prefix_matching_as_you_type(driver):
    box = open_search(driver)
    links = type_query(driver, box, "fibrom")
    assert titles(links)[0] == "Fibromyalgia"
    marks = [m.text for m in links[0].find_elements(By.TAG_NAME, "mark")]
    assert marks and all(m.lower() == "fibrom" for m in marks), marks


def test_accents_and_case_do_not_matter(driver):
    box = open_search(driver)
    plain = titles(type_query(driver, box, "sciatica"))
    accented = titles(type_query(driver, box, "SCIÁTÏCA"))
    assert accented == plain
    # And the other way round: the index normalises too ("anaesthesia" is written without accents,
    # the query has them).
    assert titles(type_query(driver, box, "anaesthésia"))


def test_title_ranks_above_body_and_headings_deep_link(driver):
    box = open_search(driver)
    links = type_query(driver, box, "osteoarthritis")
    assert titles(links)[0] == "Osteoarthritis", "the page titled with the word should come first"
    # A word found in a heading (not the title) leads to that heading's anchor.
    links = type_query(driver, box, "alternatives")
    deep = [link.get_attribute("href") for link in links if "#" in link.get_attribute("href")]
    assert deep, "no result linked to a heading"
    section = links[0].find_elements(By.CSS_SELECTOR, ".search-result-heading")
    assert section and "Alternatives" in section[0].text
    # The index leaves most heading ids out and search.js derives them: they must exist.
    for href in deep[:5]:
        page, anchor = href.split("#", 1)
        driver.get(page)
        assert driver.find_elements(By.ID, anchor), f"{href}: no element with id {anchor}"


def test_snippet_highlights_the_match(driver):
    box = open_search(driver)
    links = type_query(driver, box, "meta-analysis")
    snippet = links[0].find_element(By.CSS_SELECTOR, ".search-result-snippet, .search-result-title")
    assert links[0].find_elements(By.TAG_NAME, "mark"), "no highlighted match"
    assert snippet.text


def test_live_region_announces_the_count(driver):
    box = open_search(driver)
    type_query(driver, box, "ozone")
    status = driver.find_element(By.ID, "search-status")
    assert status.get_attribute("role") == "status"
    wait(driver, lambda d: re.match(r"\d+ results? for “ozone”", status.get_attribute("textContent")),
         message="the live region never announced the result count")


def test_query_is_shown_as_text_never_as_markup(driver):
    box = open_search(driver)
    box.send_keys('<img src=x onerror="window.pwned=1">ozone')
    wait(driver, lambda d: d.find_element(By.ID, "search-status").get_attribute("textContent"))
    assert not driver.find_elements(By.CSS_SELECTOR, "#search-results img")
    assert driver.execute_script("return window.pwned") is None


def test_results_page_works_from_file_url(driver):
    driver.get(site_url("search.html?q=herniated%20disc"))
    wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#search-page-results .search-result"),
         message="the results page showed nothing")
    status = driver.find_element(By.ID, "search-page-status").text
    assert "herniated disc" in status
    assert driver.find_element(By.ID, "site-search").get_attribute("value") == "herniated disc"
    assert "Lumbar disc herniation" in titles(driver.find_elements(By.CSS_SELECTOR, "#search-page-results .search-result-link"))


def test_enter_in_the_box_opens_the_results_page(driver):
    box = open_search(driver)
    box.send_keys("injection", Keys.ENTER)
    wait(driver, lambda d: "search.html?q=injection" in d.current_url)
    wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#search-page-results .search-result"))


def test_glossary_terms_and_aliases_are_found(driver):
    index = read_index()
    terms = [doc for doc in index["docs"] if doc[0] == "term"]
    if not terms:
        pytest.skip("the built site has no glossary terms in its search index")
    with_alias = next((doc for doc in terms if doc[6]), None)
    assert with_alias, "no glossary term has an alias"
    box = open_search(driver)
    alias = with_alias[6][0]
    links = type_query(driver, box, alias)
    found = titles(links)
    assert with_alias[2] in found[:5], found
    result = links[found.index(with_alias[2])]
    assert result.get_attribute("href").endswith(with_alias[1])
    assert "Also called " + alias in result.find_element(By.CSS_SELECTOR, ".search-result-alias").text
    assert result.find_element(By.CSS_SELECTOR, ".search-result-context").text == "Glossary"


class _Forms(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms, self.links = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append(attrs)
        if tag == "a" and "href" in attrs:
            self.links.append(attrs["href"])


def parse(path):
    parser = _Forms()
    parser.feed((SITE / path).read_text(encoding="utf-8"))
    return parser


def read_index():
    text = (SITE / "search-index.js").read_text(encoding="utf-8")
    body = text[text.index("=") + 1:].rstrip().rstrip(";")
    return json.loads(body)


def test_without_javascript_the_search_form_leads_to_the_a_to_z_index():
    for page in ("index.html", "conditions/sciatica.html"):
        form = next(f for f in parse(page).forms if f.get("role") == "search")
        assert form["action"].endswith("az.html")
    listed = {href.split("#")[0] for href in parse("az.html").links}
    pages = [p for p in all_pages() if p not in GENERATED]
    missing = [p for p in pages if p not in listed]
    assert not missing, f"pages missing from the A–Z index: {missing}"


def test_index_lists_every_page_once():
    """Pages are indexed once each; glossary entries once each, as terms, at their own page
    (the glossary's A–Z page is not a document of its own)."""
    docs = read_index()["docs"]
    urls = [doc[1] for doc in docs if doc[0] != "term"]
    terms = [doc[1] for doc in docs if doc[0] == "term"]
    glossary = [p for p in all_pages() if p.startswith("glossary/") and p != "glossary/index.html"]
    assert sorted(urls) == sorted(p for p in all_pages() if p not in GENERATED and not p.startswith("glossary/"))
    assert sorted(terms) == sorted(glossary)


def test_browser_and_build_split_and_normalise_words_alike(driver):
    """search.js must cut and normalise text exactly as SearchText.swift did when it built the
    index, or typed words would miss indexed ones. Every word the browser finds in every
    title, heading, alias and description must be in the index, and indexed words must come
    back unchanged through the browser's normalisation."""
    driver.get(site_url("index.html"))
    ActionChains(driver).send_keys("/").send_keys("ozone").perform()
    wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, ".search-result"))
    problems = driver.execute_script("""
        const raw = window.sitemarkSearchIndex, words = new Set(raw.words), s = window.sitemarkSearch;
        const problems = [];
        for (const w of raw.words) {
          const again = s.words(w);
          if (again.length !== 1 || again[0] !== w) problems.push('index word ' + w + ' -> ' + again.join('|'));
        }
        for (const d of raw.docs) {
          const texts = [d[2], d[4]].concat(d[6]).concat(d[5].filter((_, i) => i % 2 === 0));
          for (const t of texts) for (const w of s.words(t)) if (!words.has(w)) problems.push(d[1] + ': ' + w);
        }
        return problems;""")
    assert not problems, problems[:20]
    # The same sample as SearchTextTests.browserParitySample in the Swift suite.
    sample = driver.execute_script("return window.sitemarkSearch.words(arguments[0])", PARITY_SAMPLE)
    assert sample == PARITY_WORDS


PARITY_SAMPLE = "Thérapie À L'OZONE: naïve Œdème, İstanbul C5/C6 type 2 cafe\u0301 ﬁbre"
PARITY_WORDS = ["therapie", "ozone", "naive", "œdeme", "istanbul", "c5", "c6", "type", "2", "cafe", "ﬁbre"]

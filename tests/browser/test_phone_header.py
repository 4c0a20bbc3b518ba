"""The header on a phone (390×844): at most a quarter of the first screen at
every text size, the menu folded behind a disclosure that opens without
script and by keyboard, no sideways scroll, axe at zero."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from news.demo import CONFERENCE_SLUG

PHONE = {"width": 390, "height": 844}
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PAGES = ["/", f"/tin-tuc/{CONFERENCE_SLUG}/", "/en/"]
SIDEWAYS = "() => document.documentElement.scrollWidth - window.innerWidth"
HEADER_HEIGHT = (
    "() => document.querySelector('header.site-header').getBoundingClientRect().height"
)


def larger(page, times):
    for _ in range(times):
        page.get_by_role("button", name=re.compile("chữ lớn hơn|larger text")).click()


@pytest.mark.parametrize("path", PAGES)
def test_header_takes_at_most_a_quarter_of_a_phone_screen(site, page, path):
    page.set_viewport_size(PHONE)
    page.goto(site + path)
    assert page.evaluate(HEADER_HEIGHT) <= PHONE["height"] / 4
    assert page.evaluate(SIDEWAYS) <= 0
    expect(page.locator("nav.main-nav")).to_be_hidden()
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert results.violations_count == 0, results.generate_report()
    larger(page, 2)
    assert page.evaluate(HEADER_HEIGHT) <= PHONE["height"] / 4
    assert page.evaluate(SIDEWAYS) <= 0


def test_larger_text_cuts_nothing_off_and_never_scrolls_sideways(site, page):
    page.set_viewport_size(PHONE)
    page.goto(site + "/")
    larger(page, 3)  # the largest size
    for path in PAGES + ["/bang-vang/"]:
        page.goto(site + path)
        assert page.evaluate(SIDEWAYS) <= 0, path
        page.locator("summary.site-menu-toggle").click()
        assert page.evaluate(SIDEWAYS) <= 0, path
        clipped = page.evaluate(
            """() => [...document.querySelectorAll('header *')].filter(el => {
                const box = el.getBoundingClientRect();
                if (box.width <= 1) return false;  // visually hidden text
                const s = getComputedStyle(el);
                return box.right > window.innerWidth + 1 || box.left < -1
                    || (s.overflow === 'hidden' && el.scrollWidth > el.clientWidth + 1);
            }).map(el => el.tagName + '.' + el.className)"""
        )
        assert clipped == [], path


def test_menu_opens_by_keyboard_and_its_links_work(site, page):
    page.set_viewport_size(PHONE)
    page.goto(site + "/")
    toggle = page.locator("summary.site-menu-toggle")
    toggle.focus()
    page.keyboard.press("Enter")
    menu = page.get_by_role("navigation", name="Menu chính")
    expect(menu).to_be_visible()
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert results.violations_count == 0, results.generate_report()
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Trang chủ")
    menu.get_by_role("link", name="Quốc phòng - An ninh").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Quốc phòng - An ninh")
    page.keyboard.press("Escape")


def test_menu_opens_without_javascript(site, browser):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(site + "/")
    menu = page.get_by_role("navigation", name="Menu chính")
    expect(menu).to_be_hidden()
    page.get_by_text("Danh mục", exact=True).click()
    expect(menu).to_be_visible()
    context.close()


def test_desktop_shows_the_menu_without_its_toggle(site, page):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site + "/")
    expect(page.get_by_role("navigation", name="Menu chính")).to_be_visible()
    expect(page.locator("summary.site-menu-toggle")).to_be_hidden()
    page.get_by_role("navigation", name="Menu chính").get_by_role(
        "link", name="Quốc phòng - An ninh"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Quốc phòng - An ninh")

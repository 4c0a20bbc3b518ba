"""WCAG 2.1 A/AA with axe-core in Chromium, and what axe cannot check alone."""

from urllib.parse import urlencode

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils.translation import override
from playwright.sync_api import expect

from awards.models import Decision
from news.demo import CONFERENCE_SLUG
from tests.browser.conftest import WIDTHS


def reverse_in(name, language):
    with override(language):
        return reverse(name)


def search_path(language, query):
    with override(language):
        return f"{reverse('search')}?{urlencode({'q': query})}"


WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PAGES = {
    "home": {"vi": "/", "en": "/en/"},
    "category": {
        "vi": "/chuyen-muc/quoc-phong-an-ninh/",
        "en": "/en/category/quoc-phong-an-ninh/",
    },
    "article": {
        "vi": f"/tin-tuc/{CONFERENCE_SLUG}/",
        "en": f"/en/news/{CONFERENCE_SLUG}/",
    },
    "not-found": {"vi": "/khong-co-trang-nay/", "en": "/en/no-such-page/"},
    "glossary": {
        "vi": reverse_in("glossary", "vi"),
        "en": reverse_in("glossary", "en"),
    },
    "search": {lang: search_path(lang, "Hồng Lĩnh") for lang in ("vi", "en")},
    "search-nothing-found": {lang: search_path(lang, "xyzzy") for lang in ("vi", "en")},
    "town-map": {lang: reverse_in("town-map", lang) for lang in ("vi", "en")},
    "songs": {lang: reverse_in("songs", lang) for lang in ("vi", "en")},
}
axe = Axe()


@pytest.mark.parametrize("page_type", PAGES)
def test_public_pages_have_no_wcag_violations(site, page, page_type):
    for width in WIDTHS.values():
        page.set_viewport_size({"width": width, "height": 900})
        for language, path in PAGES[page_type].items():
            page.goto(site + path)
            results = axe.run(
                page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}}
            )
            assert results.violations_count == 0, (
                f"{path} at {width}px:\n{results.generate_report()}"
            )
            expect(page.locator("html")).to_have_attribute("lang", language)


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_the_content(site, page):
    page.goto(site + "/")
    page.keyboard.press("Tab")
    focused = page.locator(":focus")
    expect(focused).to_have_text("Bỏ qua, đến nội dung chính")
    expect(focused).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator(":focus")).to_have_id("main")


def test_focus_is_visible_on_links(site, page):
    page.goto(site + "/")
    for _ in range(4):
        page.keyboard.press("Tab")
        outline = page.evaluate(
            "() => { const s = getComputedStyle(document.activeElement);"
            " return [s.outlineStyle, parseFloat(s.outlineWidth)]; }"
        )
        assert outline[0] != "none" and outline[1] >= 2, outline


def test_menu_is_usable_with_the_keyboard_alone(site, page):
    page.goto(site + "/")
    for _ in range(30):
        page.keyboard.press("Tab")
        if (
            page.evaluate("() => document.activeElement.textContent.trim()")
            == "Quốc phòng - An ninh"
        ):
            break
    else:
        pytest.fail("The menu link was never reached with Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Quốc phòng - An ninh")


def test_every_photo_has_alt_text_and_other_language_text_is_marked(site, page):
    page.goto(site + f"/tin-tuc/{CONFERENCE_SLUG}/")
    for image in page.locator("main img").all():
        assert image.get_attribute("alt"), image.evaluate("i => i.outerHTML")
    expect(page.get_by_role("link", name="English")).to_have_attribute("lang", "en")
    page.goto(site + "/en/")
    expect(page.get_by_role("link", name="Tiếng Việt")).to_have_attribute("lang", "vi")


def test_commendation_pages_have_no_wcag_violations(site, page):
    decision = Decision.objects.public().get()
    recipient = decision.awards.first().recipient
    paths = []
    for language in ("vi", "en"):
        with override(language):
            paths += [
                (language, reverse("awards:decision-list")),
                (language, decision.get_absolute_url()),
                (language, recipient.get_absolute_url()),
                (language, reverse("awards:decision-print", args=[decision.pk])),
            ]
    for width in WIDTHS.values():
        page.set_viewport_size({"width": width, "height": 900})
        for language, path in paths:
            page.goto(site + path)
            results = axe.run(
                page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}}
            )
            assert results.violations_count == 0, (
                f"{path} at {width}px:\n{results.generate_report()}"
            )
            expect(page.locator("html")).to_have_attribute("lang", language)

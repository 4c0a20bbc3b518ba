"""Article page in Chromium: print button, print stylesheet, JSON-LD under the
Content-Security-Policy, abbreviations."""

import json

from playwright.sync_api import expect

from news.demo import CONFERENCE_SLUG

ARTICLE = f"/tin-tuc/{CONFERENCE_SLUG}/"


def test_print_button_appears_with_javascript_and_print_shows_only_the_article(
    site, page
):
    errors = []
    page.on(
        "console",
        lambda message: (
            errors.append(message.text) if message.type == "error" else None
        ),
    )
    page.goto(site + ARTICLE)
    button = page.locator("button[data-print]")
    expect(button).to_be_visible()
    # The JSON-LD block is data: it is there, parses, and raises no CSP error.
    json_ld = page.locator('script[type="application/ld+json"]').text_content()
    assert json.loads(json_ld)["@type"] == "NewsArticle"
    assert [e for e in errors if "Content Security Policy" in e] == []
    expect(page.locator(".print-only")).to_be_hidden()

    page.emulate_media(media="print")
    for chrome in ("header.site-header", "nav.main-nav", "footer.site-footer"):
        expect(page.locator(chrome)).to_be_hidden()
    expect(button).to_be_hidden()
    expect(page.locator("article h1")).to_be_visible()
    figures = page.locator("article figure")
    assert figures.count() > 0
    for index in range(figures.count()):
        expect(figures.nth(index)).to_be_visible()
        expect(figures.nth(index).locator("img")).to_be_visible()
    expect(page.locator(".print-only")).to_be_visible()
    expect(page.locator(".print-only")).to_contain_text(site + ARTICLE)


def test_print_button_stays_hidden_without_javascript(site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + ARTICLE)
    expect(page.locator("article h1")).to_be_visible()
    expect(page.locator("button[data-print]")).to_be_hidden()
    context.close()


def test_print_button_opens_the_print_dialog(site, page):
    page.goto(site + ARTICLE)
    page.evaluate(
        "() => { window.__printed = 0; window.print = () => { window.__printed++; }; }"
    )
    page.locator("button[data-print]").click()
    assert page.evaluate("() => window.__printed") == 1

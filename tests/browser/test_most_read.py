"""The most-read block in a real browser: counted from a reader's visits,
shown on the home and article pages, accessible and narrow-screen safe."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from news import most_read
from news.demo import CONFERENCE_SLUG
from news.models import ArticleViews
from tests.browser.conftest import WIDTHS

# Headless Chromium says "HeadlessChrome" and is not counted, like other bots.
READER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0 Safari/537.36"
)
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
ARTICLE_PATH = f"/tin-tuc/{CONFERENCE_SLUG}/"


@pytest.fixture(autouse=True)
def no_views_yet(site):
    """Start from no views: the demo seeds a week of them."""
    ArticleViews.objects.all().delete()
    most_read.forget_block()


@pytest.fixture
def reader(browser):
    context = browser.new_context(user_agent=READER_AGENT)
    yield context.new_page()
    context.close()


def read_article(site, browser, readers=1):
    """Readers, each in their own browser: one keeps a page for 5 seconds
    (Cache-Control) and would not ask again."""
    for _ in range(readers):
        context = browser.new_context(user_agent=READER_AGENT)
        context.new_page().goto(site + ARTICLE_PATH)
        context.close()


def test_readers_visits_put_the_article_in_the_most_read_block(
    site, browser, reader, page
):
    read_article(site, browser, readers=3)
    page.goto(site + ARTICLE_PATH)  # headless: not counted
    most_read.flush_views()

    reader.goto(site + "/")
    block = reader.get_by_role("region", name="Đọc nhiều nhất")
    expect(block).to_be_visible()
    first = block.get_by_role("listitem").first
    expect(first).to_contain_text("3 lượt xem")
    reader.get_by_role("link", name="Hồng Lĩnh tổng kết 10 năm").first.click()
    assert reader.url == site + ARTICLE_PATH
    # Until the next flush the block shows the counts it had.
    expect(reader.get_by_role("region", name="Đọc nhiều nhất")).to_contain_text(
        "3 lượt xem"
    )


@pytest.mark.parametrize("path", ["/", ARTICLE_PATH, "/en/"])
def test_pages_with_the_block_are_accessible_and_fit_a_phone(
    site, browser, reader, path
):
    read_article(site, browser)
    most_read.flush_views()
    axe = Axe()
    for width in WIDTHS.values():
        reader.set_viewport_size({"width": width, "height": 900})
        reader.goto(site + path)
        expect(reader.locator(".most-read")).to_be_visible()
        results = axe.run(
            reader, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}}
        )
        assert results.violations_count == 0, results.generate_report()
        assert reader.evaluate(
            "document.documentElement.scrollWidth <= window.innerWidth"
        ), f"{path} scrolls sideways at {width}px"


def test_the_block_is_reached_with_the_keyboard(site, browser, reader):
    read_article(site, browser)
    most_read.flush_views()
    reader.goto(site + "/")
    link = reader.locator(".most-read a").first
    for _ in range(200):
        reader.keyboard.press("Tab")
        if link.evaluate("a => a === document.activeElement"):
            break
    else:
        pytest.fail("The most-read link is not reachable with Tab")
    reader.keyboard.press("Enter")
    reader.wait_for_url(site + ARTICLE_PATH)

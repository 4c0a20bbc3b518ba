"""Ratings, text size and search as a keyboard-only citizen uses them."""

import re

from playwright.sync_api import expect

from news.demo import CONFERENCE_SLUG

ARTICLE_PATH = f"/tin-tuc/{CONFERENCE_SLUG}/"


def tab_until(page, predicate, limit=80):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(predicate):
            return
    raise AssertionError(f"never reached: {predicate}")


def test_rating_with_the_keyboard_alone_updates_count_and_average(site, page):
    page.goto(site + ARTICLE_PATH)
    summary = page.locator("[data-rating-summary]")
    expect(summary).to_have_text(
        "Chưa có lượt đánh giá nào. Hãy là người đầu tiên đánh giá bài viết này."
    )
    tab_until(page, "() => document.activeElement.name === 'stars'")
    page.keyboard.press("ArrowRight")  # radio group: arrows move and select
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(page.locator("#stars-4")).to_be_checked()
    page.keyboard.press("Enter")  # submits the form
    expect(summary).to_have_text("1 lượt đánh giá, trung bình 4,0")
    expect(page.locator("[data-rating-status]")).to_have_text(
        "Cảm ơn bạn: đánh giá đã được ghi nhận."
    )

    page.locator("label[for=stars-2]").click()
    page.get_by_role("button", name=re.compile("Gửi đánh giá|Đổi đánh giá")).click()
    expect(summary).to_have_text(
        "1 lượt đánh giá, trung bình 2,0"
    )  # replaced, not added


def test_rating_works_without_javascript(site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + ARTICLE_PATH)
    page.locator("label[for=stars-5]").click()
    page.get_by_role("button", name="Gửi đánh giá").click()
    expect(page.locator(".messages")).to_contain_text("Cảm ơn bạn")
    expect(page.locator("[data-rating-summary]")).to_have_text(
        "1 lượt đánh giá, trung bình 5,0"
    )
    expect(
        page.locator("[data-text-size-controls]")
    ).to_be_hidden()  # needs JS: not shown
    context.close()


def test_text_size_is_kept_across_pages(site, page):
    page.goto(site + "/")
    body_size = "() => parseFloat(getComputedStyle(document.body).fontSize)"
    normal = page.evaluate(body_size)
    page.get_by_role("button", name=re.compile("chữ lớn hơn")).click()
    page.get_by_role("button", name=re.compile("chữ lớn hơn")).click()
    larger = page.evaluate(body_size)
    assert larger > normal * 1.2
    page.goto(site + ARTICLE_PATH)
    assert page.evaluate(body_size) == larger
    page.get_by_role("button", name=re.compile("cỡ chữ mặc định")).click()
    assert page.evaluate(body_size) == normal


def test_search_from_the_header_with_the_keyboard_without_diacritics(site, page):
    page.goto(site + "/")
    tab_until(page, "() => document.activeElement.id === 'site-search-q'")
    page.keyboard.type("quoc phong toan dan")
    page.keyboard.press("Enter")
    expect(
        page.get_by_role(
            "link", name=re.compile("tổng kết 10 năm xây dựng nền quốc phòng")
        ).first
    ).to_be_visible()
    expect(page.locator("mark").first).to_be_visible()

"""About pages and the work schedule in Chromium: axe at zero on every page in
both languages at phone and desktop widths, the organisation chart read in
English with the keyboard alone, and week navigation of the schedule."""

import datetime

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override
from playwright.sync_api import expect

from organisation.models import Person
from tests.browser.conftest import WIDTHS

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
axe = Axe()


def paths():
    this_week = timezone.localdate().isocalendar()
    person = Person.objects.public().order_by("pk").first()
    found = []
    for language in ("vi", "en"):
        with override(language):
            found += [
                (language, reverse("organisation:about-index")),
                (language, reverse("organisation:about-page", args=["lich-su"])),
                (language, reverse("organisation:about-page", args=["dia-ly"])),
                (language, reverse("organisation:organisation-chart")),
                (language, reverse("organisation:functions")),
                (language, reverse("organisation:leaders")),
                (
                    language,
                    reverse("organisation:unit-detail", args=["ubnd-thi-xa-hong-linh"]),
                ),
                (language, reverse("organisation:unit-detail", args=["phong-noi-vu"])),
                (language, reverse("schedule:week-current")),
                (
                    language,
                    reverse("schedule:week-print", args=[this_week[0], this_week[1]]),
                ),
            ]
    assert person is not None
    return found


def test_about_and_schedule_pages_have_no_wcag_violations_and_fit_a_phone(site, page):
    for width in WIDTHS.values():
        page.set_viewport_size({"width": width, "height": 900})
        for language, path in paths():
            page.goto(site + path)
            results = axe.run(
                page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}}
            )
            assert results.violations_count == 0, (
                f"{path} at {width}px:\n{results.generate_report()}"
            )
            expect(page.locator("html")).to_have_attribute("lang", language)
            overflow = page.evaluate(
                "() => document.documentElement.scrollWidth"
                " - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{path} scrolls sideways at {width}px"


def tab_to(page, text, limit=80):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.textContent.trim()") == text:
            return
    pytest.fail(f"“{text}” was never reached with Tab")


@pytest.mark.parametrize("width", WIDTHS.values())
def test_a_citizen_reads_the_organisation_chart_in_english_by_keyboard(
    site, page, width
):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site + "/en/")
    if page.locator("summary.site-menu-toggle").is_visible():
        # On a phone the menu is folded: open it from the keyboard first.
        tab_to(page, "Menu")
        page.keyboard.press("Enter")
    tab_to(page, "About")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("About Hong Linh town")
    tab_to(page, "Organisation chart")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Organisation chart")
    chart = page.locator(".org-chart")
    # A nested list: the committee, then its offices and wards as list items.
    expect(
        chart.get_by_role(
            "heading", level=2, name="People's Committee of Hong Linh town"
        )
    ).to_be_visible()
    expect(
        chart.locator(".org-children > li.org-node").filter(
            has_text="Office of Home Affairs"
        )
    ).to_have_count(1)
    expect(
        chart.get_by_text("Chairman of the town People's Committee:", exact=True)
    ).to_be_visible()
    groups = chart.locator(".org-roots > li > .org-groups")
    display = groups.evaluate("e => getComputedStyle(e).display")
    assert display == ("flex" if width >= 992 else "block"), display
    tab_to(page, "Office of Home Affairs")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Office of Home Affairs")
    expect(page.get_by_role("link", name="0239 3000 122")).to_have_attribute(
        "href", "tel:+842393000122"
    )
    card = page.get_by_role("link", name="Contact card of Hoàng Văn Minh (vCard)")
    with page.expect_download() as download:
        card.click()
    with open(download.value.path(), encoding="utf-8", newline="") as file:
        text = file.read()
    assert "FN:Hoàng Văn Minh\r\n" in text and "TITLE:Head of Office\r\n" in text


def test_schedule_moves_by_week_marks_today_and_prints(site, page):
    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    page.goto(site + "/")
    tab_to(page, "Lịch công tác")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"{monday:%d/%m/%Y}")
    today_section = page.locator('.schedule-day[aria-current="date"]')
    expect(today_section).to_have_count(1)
    expect(today_section).to_contain_text("(hôm nay)")
    expect(page.get_by_text("Giao ban Thường trực UBND thị xã")).to_be_visible()
    tab_to(page, "← Tuần trước")
    page.keyboard.press("Enter")
    previous = monday - datetime.timedelta(days=7)
    year, week, _ = previous.isocalendar()
    expect(page).to_have_url(f"{site}/lich-cong-tac/{year}/{week}/")
    expect(page.locator('.schedule-day[aria-current="date"]')).to_have_count(0)
    expect(page.get_by_text("Giao ban Thường trực UBND thị xã")).to_be_visible()
    page.get_by_role("link", name="Tuần sau →").click()
    this_year, this_week, _ = monday.isocalendar()
    expect(page).to_have_url(f"{site}/lich-cong-tac/{this_year}/{this_week}/")
    expect(page.locator('.schedule-day[aria-current="date"]')).to_have_count(1)
    page.emulate_media(media="print")
    expect(page.locator(".week-nav")).to_be_hidden()
    expect(page.locator("header.site-header")).to_be_hidden()
    page.emulate_media(media="screen")
    page.get_by_role("link", name="Bản in").click()
    expect(page.locator("table.schedule-table")).to_be_visible()
    expect(page.get_by_role("button", name="In")).to_be_visible()

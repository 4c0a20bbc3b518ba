import datetime

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from .models import Item, week_monday

FIRST_YEAR, LAST_YEAR = 2000, 2100
WEEK = datetime.timedelta(days=7)


def today() -> datetime.date:
    return timezone.localdate()


def today_marker(request, argument: str) -> str:
    """Page-cache hole: marks the day that is today when the page is served,
    whenever it was stored."""
    return ' aria-current="date"' if argument == today().isoformat() else ""


def today_label(request, argument: str) -> str:
    if argument != today().isoformat():
        return ""
    label = _("(today)")
    return f' <span class="today-badge">{label}</span>'


def week_page(request, monday: datetime.date, *, template="schedule/week.html"):
    items = list(Item.objects.for_week(monday))
    days = []
    for offset in range(7):
        day = monday + datetime.timedelta(days=offset)
        days.append((day, [item for item in items if item.date == day]))
    year, week, _weekday = monday.isocalendar()
    previous, following = monday - WEEK, monday + WEEK
    context = {
        "days": days,
        "year": year,
        "week": week,
        "monday": monday,
        "sunday": monday + datetime.timedelta(days=6),
        "previous": previous.isocalendar()[:2] if previous.year >= FIRST_YEAR else None,
        "next": following.isocalendar()[:2] if following.year <= LAST_YEAR else None,
        "this_week": today() - datetime.timedelta(days=today().weekday()) == monday,
    }
    return render(request, template, context)


def current_week(request):
    """This week: not stored by the page cache (it becomes another week on
    Monday), and kept by browsers and proxies for a minute at most."""
    monday = today() - datetime.timedelta(days=today().weekday())
    response = week_page(request, monday)
    patch_cache_control(response, max_age=60)
    return response


def parse_week(year: int, week: int) -> datetime.date:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404(_("There is no schedule for that year."))
    try:
        return week_monday(year, week)
    except (ValueError, OverflowError) as exc:
        raise Http404(_("That year has no such week.")) from exc


def week(request, year: int, week: int):
    return week_page(request, parse_week(year, week))


def week_print(request, year: int, week: int):
    return week_page(
        request, parse_week(year, week), template="schedule/week_print.html"
    )

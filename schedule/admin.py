import datetime

from django import forms
from django.contrib import admin, messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin

from organisation.admin import has_english, missing_english

from .models import Item, week_monday
from .services import items_copy, items_copy_week


class CopyWeekForm(forms.Form):
    year = forms.IntegerField(label=_("year"), min_value=2000, max_value=2100)
    week = forms.IntegerField(label=_("week"), min_value=1, max_value=53)

    def clean(self):
        data = super().clean()
        if "year" in data and "week" in data:
            try:
                data["monday"] = week_monday(data["year"], data["week"])
            except ValueError:
                raise forms.ValidationError(
                    _("Year %(year)s has no week %(week)s."),
                    params={"year": data["year"], "week": data["week"]},
                ) from None
        return data


@admin.register(Item)
class ItemAdmin(TabbedTranslationAdmin):
    list_display = (
        "date",
        "start",
        "end",
        "content",
        "chair_display",
        "place",
        "is_published",
        "english",
    )
    list_display_links = ("date", "start", "content")
    list_filter = (
        "is_published",
        ("chair", admin.RelatedOnlyFieldListFilter),
        missing_english("content"),
    )
    search_fields = ("content_vi", "content_en", "chair_text_vi", "chair__name")
    date_hierarchy = "date"
    list_select_related = ("chair",)
    ordering = ("-date", "start")
    autocomplete_fields = ("chair",)
    actions = ("publish", "unpublish", "copy_to_next_week")
    fields = (
        ("date", "start", "end"),
        "content",
        ("chair", "chair_text"),
        "attendees",
        "place",
        "is_published",
    )
    english = staticmethod(has_english("content"))
    change_list_template = "admin/schedule/item/change_list.html"

    @admin.display(description=_("chaired by"), ordering="chair__name")
    def chair_display(self, obj):
        return obj.chair_name

    @admin.action(description=_("Publish the selected items"))
    def publish(self, request, queryset):
        for item in queryset:
            item.is_published = True
            item.save(update_fields=["is_published", "updated_at"])

    @admin.action(description=_("Unpublish the selected items"))
    def unpublish(self, request, queryset):
        for item in queryset:
            item.is_published = False
            item.save(update_fields=["is_published", "updated_at"])

    @admin.action(description=_("Copy the selected items to the next week (as drafts)"))
    def copy_to_next_week(self, request, queryset):
        copies, skipped = items_copy(items=list(queryset))
        self.report_copy(request, copies, skipped)

    def report_copy(self, request, copies, skipped):
        messages.success(
            request,
            ngettext(
                "%(count)d item copied as an unpublished draft.",
                "%(count)d items copied as unpublished drafts.",
                len(copies),
            )
            % {"count": len(copies)},
        )
        if skipped:
            messages.warning(
                request,
                ngettext(
                    "%(count)d item was not copied: it would clash with an item "
                    "already there for the same chair.",
                    "%(count)d items were not copied: they would clash with items "
                    "already there for the same chair.",
                    len(skipped),
                )
                % {"count": len(skipped)},
            )

    def get_urls(self):
        return [
            path(
                "copy-week/",
                self.admin_site.admin_view(self.copy_week_view),
                name="schedule_item_copy_week",
            ),
            *super().get_urls(),
        ]

    def copy_week_view(self, request):
        """Copy last week's items into a week (this week by default)."""
        if not self.has_add_permission(request):
            return redirect("admin:schedule_item_changelist")
        year, week, _weekday = timezone.localdate().isocalendar()
        form = CopyWeekForm(
            request.POST if request.method == "POST" else None,
            initial={"year": year, "week": week},
        )
        if request.method == "POST" and form.is_valid():
            copies, skipped = items_copy_week(monday=form.cleaned_data["monday"])
            self.report_copy(request, copies, skipped)
            url = reverse("admin:schedule_item_changelist")
            monday = form.cleaned_data["monday"]
            sunday = monday + datetime.timedelta(days=6)
            return redirect(
                f"{url}?date__gte={monday:%Y-%m-%d}&date__lte={sunday:%Y-%m-%d}"
            )
        return TemplateResponse(
            request,
            "admin/schedule/item/copy_week.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "form": form,
                "title": _("Copy last week"),
            },
        )

import json

from django.contrib import admin
from django.core.exceptions import FieldDoesNotExist
from django.http import HttpResponse
from django.utils.formats import date_format
from django.utils.html import format_html_join
from django.utils.text import capfirst
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from .exports import XLSX, entries_csv, entries_xlsx
from .models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only for everyone, superusers included: entries are never added,
    changed or deleted by hand."""

    list_display = (
        "at",
        "username",
        "action",
        "content_type",
        "object_repr",
        "ip_address",
    )
    list_filter = (
        "action",
        ("content_type", admin.RelatedOnlyFieldListFilter),
        ("user", admin.RelatedOnlyFieldListFilter),
        "at",
    )
    list_select_related = ("content_type",)
    search_fields = ("username", "object_repr", "object_id")
    date_hierarchy = "at"
    actions = ("export_xlsx", "export_csv")
    fields = (
        "at",
        "user",
        "username",
        "action",
        "content_type",
        "object_id",
        "object_repr",
        "changes_table",
        "ip_address",
    )
    readonly_fields = fields
    list_per_page = 50

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("changes"))
    def changes_table(self, entry):
        if not entry.changes:
            return "—"
        model = entry.content_type.model_class() if entry.content_type else None
        return format_html_join(
            "\n",
            "<div><strong>{}</strong>: {}</div>",
            (
                (_field_label(model, name), json.dumps(value, ensure_ascii=False))
                for name, value in entry.changes.items()
            ),
        )

    def _download(self, content, content_type, extension):
        response = HttpResponse(content, content_type=content_type)
        stamp = date_format(localtime(), "Ymd-Hi")
        response["Content-Disposition"] = (
            f'attachment; filename="nhat-ky-{stamp}.{extension}"'
        )
        return response

    @admin.action(description=_("Export the selected entries (Excel)"))
    def export_xlsx(self, request, queryset):
        return self._download(entries_xlsx(entries=queryset), XLSX, "xlsx")

    @admin.action(description=_("Export the selected entries (CSV)"))
    def export_csv(self, request, queryset):
        return self._download(
            entries_csv(entries=queryset), "text/csv; charset=utf-8", "csv"
        )


def _field_label(model, name):
    """A field's label as staff know it ("tiêu đề [vi]"), else its name."""
    try:
        return capfirst(model._meta.get_field(name).verbose_name)
    except (AttributeError, FieldDoesNotExist):
        return name

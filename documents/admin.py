from django.contrib import admin, messages
from django.http import HttpResponse
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin

from core.text import search_key

from .admin_import import DocumentImportMixin
from .models import (
    Comment,
    Document,
    DocumentField,
    DocumentFile,
    DocumentRelation,
    DocumentType,
    Draft,
    normalise_number,
)
from .services import comments_export_xlsx, document_relations_apply

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class FoldedSearchMixin:
    """Search the folded columns: “ke hoach phong chong bao” and
    “1234/QD-UBND” find their documents, as on the public list."""

    def get_search_results(self, request, queryset, search_term):
        search_term = search_term.replace("\x00", "")  # PostgreSQL refuses NUL
        if not search_term.strip():
            return queryset, False
        key = search_key(normalise_number(search_term))
        return queryset.search(search_term) | queryset.filter(
            number_key__contains=key
        ), False


@admin.register(DocumentType)
class DocumentTypeAdmin(TabbedTranslationAdmin):
    list_display = ("name", "code", "order")
    search_fields = ("name_vi", "name_en", "aliases", "code")
    fields = ("name", "code", "aliases", "slug", "order")


@admin.register(DocumentField)
class DocumentFieldAdmin(TabbedTranslationAdmin):
    list_display = ("name", "order")
    search_fields = ("name_vi", "name_en", "aliases")
    fields = ("name", "aliases", "slug", "order")


class FileInline(admin.TabularInline):
    model = DocumentFile
    extra = 1
    fields = ("file", "original_name", "kind", "size", "order")
    readonly_fields = ("original_name", "kind", "size")


class DocumentFileInline(FileInline):
    fk_name = "document"
    exclude = ("draft",)


class DraftFileInline(FileInline):
    fk_name = "draft"
    exclude = ("document",)


class RelationInline(admin.TabularInline):
    model = DocumentRelation
    fk_name = "source"
    extra = 1
    autocomplete_fields = ("target",)
    verbose_name = _("document this one replaces, amends or guides")
    verbose_name_plural = _("documents this one replaces, amends or guides")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("target")


@admin.register(Document)
class DocumentAdmin(DocumentImportMixin, FoldedSearchMixin, TabbedTranslationAdmin):
    list_display = (
        "number",
        "document_type",
        "issued_on",
        "issuer",
        "status",
        "is_public",
    )
    list_filter = ("status", "document_type", "field", "year", "issuer", "is_public")
    list_select_related = ("document_type", "issuer")
    search_fields = ("number_key",)
    date_hierarchy = "issued_on"
    inlines = (DocumentFileInline, RelationInline)
    readonly_fields = ("created_at", "updated_at", "referred_by")
    fieldsets = (
        (
            None,
            {
                "fields": (
                    ("document_type", "number"),
                    "issuer",
                    "field",
                    "status",
                    "referred_by",
                )
            },
        ),
        (_("Signature"), {"fields": (("signer_name", "signer_title"),)}),
        (_("Dates"), {"fields": (("issued_on", "effective_on", "expires_on"),)}),
        (_("Content"), {"fields": ("excerpt", "body")}),
        (
            _("Publication"),
            {"fields": (("is_public", "published_at"), ("created_at", "updated_at"))},
        ),
    )

    @admin.display(description=_("replaced, amended or guided by"))
    def referred_by(self, document):
        relations = (
            document.relations_in.select_related("source") if document.pk else []
        )
        return (
            format_html_join(
                mark_safe("<br>"),
                '{}: <a href="{}">{}</a>',
                (
                    (
                        relation.reverse_label,
                        reverse(
                            "admin:documents_document_change", args=[relation.source_id]
                        ),
                        relation.source,
                    )
                    for relation in relations
                ),
            )
            or "–"
        )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if obj.dates_out_of_order:
            self.message_user(
                request,
                _(
                    "Check the dates of %(number)s: it comes into force "
                    "(%(effective)s) before it was issued (%(issued)s)."
                )
                % {
                    "number": obj.number,
                    "effective": obj.effective_on.strftime("%d/%m/%Y"),
                    "issued": obj.issued_on.strftime("%d/%m/%Y"),
                },
                messages.WARNING,
            )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        for target in document_relations_apply(document=form.instance):
            self.message_user(
                request,
                _("%(number)s is now marked “%(status)s”.")
                % {"number": target.number, "status": target.get_status_display()},
                messages.INFO,
            )


class CommentInline(admin.TabularInline):
    model = Comment
    extra = 0
    fields = ("name", "email", "phone", "body", "status", "created_at")
    readonly_fields = ("name", "email", "phone", "body", "created_at")
    can_delete = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Draft)
class DraftAdmin(TabbedTranslationAdmin):
    list_display = ("title", "document_type", "opens_on", "closes_on", "is_public")
    list_filter = ("document_type", "issuer", "is_public")
    search_fields = ("title_vi", "title_en")
    date_hierarchy = "closes_on"
    inlines = (DraftFileInline, CommentInline)
    actions = ("export_comments",)
    fieldsets = (
        (None, {"fields": ("title", "document_type", "issuer", "field")}),
        (_("Consultation period"), {"fields": (("opens_on", "closes_on"),)}),
        (_("Content"), {"fields": ("excerpt", "body")}),
        (_("After the period"), {"fields": ("report",)}),
        (_("Publication"), {"fields": ("is_public",)}),
    )

    @admin.action(description=_("Export the comments on the selected drafts (Excel)"))
    def export_comments(self, request, queryset):
        return xlsx_response(
            comments_export_xlsx(
                comments=Comment.objects.filter(draft__in=queryset.values("pk"))
            )
        )


def xlsx_response(data: bytes) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="y-kien-du-thao.xlsx"'
    return response


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ("name", "draft", "status", "created_at")
    list_filter = ("status", "draft")
    list_select_related = ("draft",)
    search_fields = ("name", "body")
    readonly_fields = (
        "draft",
        "name",
        "email",
        "phone",
        "body",
        "consent_at",
        "created_at",
    )
    fields = readonly_fields[:5] + ("status", "consent_at", "created_at")
    actions = ("approve", "reject", "export_xlsx")

    def has_add_permission(self, request):
        return False

    def _moderate(self, request, queryset, status):
        count = queryset.update(status=status)
        self.message_user(
            request,
            ngettext("%(count)d comment updated.", "%(count)d comments updated.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(
        description=_("Approve the selected comments"), permissions=["change"]
    )
    def approve(self, request, queryset):
        self._moderate(request, queryset, Comment.Status.APPROVED)

    @admin.action(description=_("Reject the selected comments"), permissions=["change"])
    def reject(self, request, queryset):
        self._moderate(request, queryset, Comment.Status.REJECTED)

    @admin.action(description=_("Export the selected comments (Excel)"))
    def export_xlsx(self, request, queryset):
        return xlsx_response(comments_export_xlsx(comments=queryset))

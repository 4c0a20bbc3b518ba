from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline

from core.text import search_key
from core.uploads import KEEP_UPLOADS, KeepUploadsModelForm

from .models import Award, AwardForm, Decision, Recipient
from .services import (
    AwardsImportError,
    awards_export_csv,
    awards_export_xlsx,
    awards_import,
    awards_import_plan,
    awards_parse,
    awards_template_xlsx,
    form_allowed,
    import_upload_claim,
    import_upload_store,
    recipients_merge,
)

# Rows shown by the import preview; every decision of the file is listed.
PREVIEW_ROWS = 100
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class NormalisedSearchMixin:
    """Search fields hold keys without diacritics: fold the term the same way,
    so “nguyen van a” and “Nguyễn Văn A” both find Nguyễn Văn A."""

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(
            request, queryset, search_key(search_term or "")
        )


@admin.register(AwardForm)
class AwardFormAdmin(TabbedTranslationAdmin):
    list_display = ("name", "kind", "has_classes", "order")
    list_filter = ("kind", "allowed_levels")
    search_fields = ("name_vi", "name_en", "aliases")
    filter_horizontal = ("allowed_levels",)
    prepopulated_fields = {"slug": ("name_en",)}


@admin.register(Recipient)
class RecipientAdmin(NormalisedSearchMixin, admin.ModelAdmin):
    list_display = ("name", "kind", "unit", "award_total")
    list_filter = ("kind",)
    search_fields = ("name_key", "match_key")
    actions = ("merge",)
    readonly_fields = ("certificates",)

    @admin.display(description=_("certificates"))
    def certificates(self, recipient):
        awards = (
            recipient.awards.select_related("decision", "form") if recipient.pk else []
        )
        return (
            format_html_join(
                "",
                "<p>{} ({}): {}</p>",
                (
                    (award.award_name, award.decision, certificate_link(award))
                    for award in awards
                ),
            )
            or "—"
        )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(award_total=Count("awards"))

    @admin.display(description=_("commendations"), ordering="award_total")
    def award_total(self, recipient):
        return recipient.award_total

    @admin.action(
        description=_("Merge the selected recipients (same person or collective)"),
        permissions=["change"],
    )
    def merge(self, request, queryset):
        recipients = list(queryset.order_by("pk"))
        if len(recipients) < 2:
            self.message_user(
                request, _("Select at least two recipients to merge."), messages.ERROR
            )
            return
        target, others = recipients[0], recipients[1:]
        count = recipients_merge(target=target, others=others)
        self.message_user(
            request,
            ngettext(
                "%(count)d recipient merged into “%(target)s”.",
                "%(count)d recipients merged into “%(target)s”.",
                count,
            )
            % {"count": count, "target": target},
            messages.SUCCESS,
        )


def certificate_link(award):
    return format_html(
        '<a href="{}" target="_blank">{}</a>',
        reverse("awards:certificate", args=[award.pk]),
        _("Print the certificate"),
    )


class AwardInline(TranslationStackedInline):
    """A recipient row on three short lines and the achievement, so that a
    decision fits a 1280 px screen without sideways scrolling."""

    model = Award
    extra = 1
    ordering = ("order", "pk")
    classes = ("award-rows",)
    fields = (
        ("order", "kind", "name"),
        ("position", "unit"),
        ("form", "award_class", "posthumous"),
        "achievement",
        ("bonus_coefficient", "bonus_amount", "certificate"),
    )
    readonly_fields = ("certificate",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("form")

    @admin.display(description=_("certificate"))
    def certificate(self, award):
        return certificate_link(award) if award.pk else "—"


@admin.register(Decision)
class DecisionAdmin(NormalisedSearchMixin, TabbedTranslationAdmin):
    list_display = (
        "number",
        "date",
        "issuer",
        "status",
        "collectives",
        "individuals",
    )
    list_filter = (
        "status",
        "year",
        "issuer__level",
        "awards__form",
        "awards__kind",
        "issuer",
    )
    list_select_related = ("issuer",)
    search_fields = ("number_key", "awards__recipient__name_key")
    date_hierarchy = "date"
    autocomplete_fields = ("article", "revoked_by")
    inlines = (AwardInline,)
    # A scan that passed its checks is kept when the decision is refused.
    form = KeepUploadsModelForm
    formfield_overrides = KEEP_UPLOADS
    actions = ("export_xlsx", "export_csv")
    readonly_fields = ("created_at", "updated_at")
    fieldsets = (
        (None, {"fields": (("number", "date", "year"), "issuer", "status")}),
        (_("Signature"), {"fields": (("signer_name", "signer_title"),)}),
        (
            _("Content"),
            {"fields": ("excerpt", "achievement", ("period_start", "period_end"))},
        ),
        (
            _("Links"),
            {"fields": ("article", "revoked_by", "scan", "created_at", "updated_at")},
        ),
    )

    def get_queryset(self, request):
        return (
            super().get_queryset(request).with_counts().select_related("issuer__level")
        )

    @admin.display(description=_("collectives"), ordering="collective_count")
    def collectives(self, decision):
        return decision.collective_count + decision.household_count

    @admin.display(description=_("individuals"), ordering="individual_count")
    def individuals(self, decision):
        return decision.individual_count

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        decision = form.instance
        issuer = decision.issuer
        outside = sorted(
            {
                award.form.name
                for award in decision.awards.select_related("form").prefetch_related(
                    "form__allowed_levels"
                )
                if not form_allowed(form=award.form, issuer=issuer)
            }
        )
        if outside:
            self.message_user(
                request,
                _(
                    "Check the decision: %(issuer)s (level %(level)s) does not "
                    "usually award %(forms)s."
                )
                % {
                    "issuer": issuer.name,
                    "level": issuer.level.name,
                    "forms": ", ".join(outside),
                },
                messages.WARNING,
            )

    # Import and export ------------------------------------------------------

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("import/", view(self.import_view), name="awards_decision_import"),
            path(
                "import/template.xlsx",
                view(self.template_view),
                name="awards_decision_import_template",
            ),
            *super().get_urls(),
        ]

    def _awards_of(self, queryset):
        return Award.objects.filter(decision__in=queryset.values("pk"))

    @admin.action(
        description=_("Export the recipients of the selected decisions (Excel)")
    )
    def export_xlsx(self, request, queryset):
        response = HttpResponse(
            awards_export_xlsx(awards=self._awards_of(queryset)), content_type=XLSX
        )
        response["Content-Disposition"] = 'attachment; filename="khen-thuong.xlsx"'
        return response

    @admin.action(
        description=_("Export the recipients of the selected decisions (CSV)")
    )
    def export_csv(self, request, queryset):
        response = HttpResponse(
            awards_export_csv(awards=self._awards_of(queryset)),
            content_type="text/csv; charset=utf-8",
        )
        response["Content-Disposition"] = 'attachment; filename="khen-thuong.csv"'
        return response

    def template_view(self, request):
        response = HttpResponse(awards_template_xlsx(), content_type=XLSX)
        response["Content-Disposition"] = (
            'attachment; filename="mau-nhap-khen-thuong.xlsx"'
        )
        return response

    def import_view(self, request):
        """Upload, preview what will be created, then confirm. Between the two
        steps the checked rows wait in an ImportUpload, named in the confirm
        form by a token that only the uploader can use, once, for an hour."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Import commendations from Excel"),
            "upload_form": ImportUploadForm(),
        }
        if request.method == "POST" and "confirm" in request.POST:
            parsed = import_upload_claim(
                token=request.POST.get("token", ""), owner=request.user
            )
            if parsed is None:
                self.message_user(
                    request,
                    _(
                        "This preview can no longer be confirmed: it expires after "
                        "an hour, is confirmed only once, and only by whoever "
                        "uploaded the file. Upload the file again."
                    ),
                    messages.ERROR,
                )
                return redirect("admin:awards_decision_import")
            try:
                # Kept as a draft unless the editor chose to publish.
                report = awards_import(
                    parsed=parsed,
                    draft=request.POST.get("status") != Decision.Status.ISSUED,
                )
            except AwardsImportError as exc:
                context["errors"] = exc.errors
                return TemplateResponse(
                    request, "admin/awards/decision/import.html", context
                )
            self.message_user(
                request,
                _(
                    "Imported: %(decisions)d new decisions, %(awards)d new recipient "
                    "rows (%(existing)d already recorded)."
                )
                % {
                    "decisions": report.decisions_created,
                    "awards": report.awards_created,
                    "existing": report.awards_existing,
                },
                messages.SUCCESS,
            )
            return redirect("admin:awards_decision_changelist")
        if request.method == "POST":
            upload = ImportUploadForm(request.POST, request.FILES)
            context["upload_form"] = upload
            if upload.is_valid():
                file = upload.cleaned_data["file"]
                try:
                    parsed = awards_parse(file=file)
                except AwardsImportError as exc:
                    context["errors"] = exc.errors
                else:
                    token = import_upload_store(
                        owner=request.user, parsed=parsed, file_name=file.name
                    )
                    context.update(
                        parsed=parsed,
                        token=token,
                        decisions=parsed.decisions(),
                        preview_rows=parsed.rows[:PREVIEW_ROWS],
                        plan=awards_import_plan(parsed=parsed),
                    )
        return TemplateResponse(request, "admin/awards/decision/import.html", context)

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "import_url": reverse("admin:awards_decision_import"),
            "template_url": reverse("admin:awards_decision_import_template"),
        }
        return super().changelist_view(request, extra_context)


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Excel file (.xlsx)"),
        help_text=_("One row per recipient, with the columns of the template."),
    )

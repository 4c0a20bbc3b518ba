from django.contrib import admin, messages
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from . import views
from .models import Question, QuestionEmail, Topic, code_digest, normalize_code
from .services import question_email_attempt, question_save


@admin.register(Topic)
class TopicAdmin(TabbedTranslationAdmin):
    list_display = ("name", "slug", "order")
    list_editable = ("order",)
    search_fields = ("name_vi", "name_en", "slug")
    prepopulated_fields = {"slug": ("name_vi",)}


class OverdueFilter(admin.SimpleListFilter):
    title = _("deadline")
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", _("Overdue")), ("no", _("Not overdue"))]

    def queryset(self, request, queryset):
        overdue = Question.objects.overdue().values("pk")
        if self.value() == "yes":
            return queryset.filter(pk__in=overdue)
        if self.value() == "no":
            return queryset.exclude(pk__in=overdue)
        return queryset


class QuestionEmailInline(admin.TabularInline):
    model = QuestionEmail
    extra = 0
    can_delete = False
    fields = ("to", "status", "attempts", "next_attempt_at", "sent_at", "last_error")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Question)
class QuestionAdmin(TabbedTranslationAdmin):
    list_display = (
        "reference",
        "title",
        "topic",
        "unit",
        "status",
        "received_at",
        "due",
    )
    list_display_links = ("reference", "title")
    list_filter = (
        "status",
        OverdueFilter,
        ("unit", admin.RelatedOnlyFieldListFilter),
        "topic",
        "is_public",
    )
    list_select_related = ("topic", "unit")
    search_fields = ("title_vi", "title_en", "content_vi", "=id")
    search_help_text = _(
        "Title, content, number, or the citizen's tracking code (HL-XXXX-XXXX-XXXX)."
    )
    date_hierarchy = "received_at"
    autocomplete_fields = ("unit",)
    readonly_fields = (
        "reference",
        "status",
        "name",
        "phone",
        "email",
        "address",
        "attachment_link",
        "consent_at",
        "received_at",
        "assigned_at",
        "answered_at",
        "answered_by",
        "published_at",
        "personal_data_purged_at",
    )
    fieldsets = (
        (
            _("Citizen (personal data: never public)"),
            {
                "fields": (
                    ("name", "phone", "email"),
                    "address",
                    "consent_at",
                    "personal_data_purged_at",
                )
            },
        ),
        (
            _("Question"),
            {
                "fields": (
                    ("reference", "status", "received_at"),
                    "topic",
                    "title",
                    "content",
                    "attachment_link",
                )
            },
        ),
        (
            _("Processing"),
            {"fields": (("unit", "assigned_at"), "due_date")},
        ),
        (
            _("Answer"),
            {
                "fields": (
                    "answer",
                    ("answered_at", "answered_by"),
                    ("is_public", "published_at"),
                )
            },
        ),
    )
    inlines = (QuestionEmailInline,)

    def has_add_permission(self, request):
        # Questions come from citizens through the public form.
        return False

    def get_search_results(self, request, queryset, search_term):
        # A citizen calling about their question gives their tracking code:
        # it finds the question by its digest (the code itself is not stored).
        code = normalize_code(search_term)
        if code and search_term.strip().upper().startswith("HL"):
            return queryset.filter(code_digest=code_digest(code)), False
        return super().get_search_results(request, queryset, search_term)

    def delete_model(self, request, obj):
        # The file is personal data too: it goes with the question.
        if obj.attachment:
            obj.attachment.delete(save=False)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for question in queryset.exclude(attachment=""):
            question.attachment.delete(save=False)
        super().delete_queryset(request, queryset)

    def get_urls(self):
        return [
            path(
                "<int:pk>/attachment/",
                self.admin_site.admin_view(views.attachment_download),
                name="questions_question_attachment",
            ),
            *super().get_urls(),
        ]

    @admin.display(description=_("reference"), ordering="pk")
    def reference(self, question):
        return question.reference

    @admin.display(description=_("answer due"), ordering="due_date")
    def due(self, question):
        if not question.due_date:
            return "—"
        text = date_format(question.due_date, "SHORT_DATE_FORMAT")
        if question.is_overdue:
            return format_html(
                '<strong class="overdue" style="color:#a40000">⚠ {} ({})</strong>',
                text,
                _("overdue"),
            )
        return text

    @admin.display(description=_("attachment"))
    def attachment_link(self, question):
        if not question.attachment:
            return "—"
        return format_html(
            '<a href="{}">{} ({})</a>',
            reverse("admin:questions_question_attachment", args=[question.pk]),
            _("Download"),
            question.get_attachment_kind_display(),
        )

    def save_model(self, request, obj, form, change):
        request._question_email = question_save(
            question=obj,
            user=request.user,
            lookup_url=request.build_absolute_uri(reverse("questions:lookup")),
        )
        if (
            request._question_email is None
            and obj.has_answer()
            and not obj.email
            and "answer_vi" in form.changed_data
        ):
            messages.info(
                request, _("The citizen gave no email address: no email was sent.")
            )

    def changeform_view(self, request, *args, **kwargs):
        # The admin saves in a transaction that ends when this returns: the
        # email is tried once the answer (and the outbox row) is committed.
        response = super().changeform_view(request, *args, **kwargs)
        email = getattr(request, "_question_email", None)
        if email is not None:
            if question_email_attempt(email=email) == "sent":
                messages.success(
                    request, _("The answer was emailed to %(to)s.") % {"to": email.to}
                )
            else:
                messages.warning(
                    request,
                    _(
                        "The email to %(to)s could not be sent now; it is kept and "
                        "will be retried by send_question_emails."
                    )
                    % {"to": email.to},
                )
        return response


@admin.register(QuestionEmail)
class QuestionEmailAdmin(admin.ModelAdmin):
    list_display = ("subject", "to", "status", "attempts", "next_attempt_at", "sent_at")
    list_filter = ("status",)
    list_select_related = ("question",)
    readonly_fields = (
        "question",
        "to",
        "subject",
        "body",
        "status",
        "attempts",
        "next_attempt_at",
        "last_error",
        "created_at",
        "sent_at",
    )
    actions = ("retry_now",)

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Retry the selected emails now"))
    def retry_now(self, request, queryset):
        count = queryset.exclude(status=QuestionEmail.Status.SENT).update(
            status=QuestionEmail.Status.PENDING, next_attempt_at=timezone.now()
        )
        messages.info(
            request,
            _("%(count)d email(s) will be sent by the next send_question_emails run.")
            % {"count": count},
        )

"""The newsroom in the admin: roles' permissions, the review page, pending
edits of published articles, versions compared and restored, and the
optimistic lock of the article form (docs/NEWSROOM.md)."""

from django import forms
from django.contrib import messages
from django.contrib.admin.widgets import AdminSplitDateTime
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from .compare import compare_rows, photo_rows
from .dashboard import returned_to
from .models import REVISED_FIELDS, Article, ArticleRevision, ArticleTransition
from .services import (
    article_apply_content,
    article_approve,
    article_can_edit,
    article_can_publish,
    article_can_review,
    article_content,
    article_edit_token,
    article_open_revision,
    article_restore,
    article_return,
    article_save_revision,
    article_submit,
    article_unpublish,
)

Status = Article.Status

COMPARED_FIELDS = [
    (f"{name}_{language}", label, language, name == "body")
    for name, label in (
        ("title", _("Title")),
        ("summary", _("Summary")),
        ("body", _("Body")),
        ("byline", _("Author")),
        ("source", _("Source")),
    )
    for language in ("vi", "en")
]


class ArticleAdminForm(forms.ModelForm):
    """The article form with its optimistic lock: the hidden edit token names
    the version the editor started from; saving over a newer one is refused
    and both texts are shown."""

    edit_token = forms.CharField(
        label=_("version being edited"), widget=forms.HiddenInput, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflict = None
        self.fields["edit_token"].initial = getattr(self.instance, "edit_token", "")

    def clean(self):
        cleaned_data = super().clean()
        token = cleaned_data.get("edit_token")
        # A form without a token is not the admin's page (a script, a test):
        # it is not locked.
        if not (self.instance.pk and token):
            return cleaned_data
        current = Article.objects.select_for_update().get(pk=self.instance.pk)
        revision = article_open_revision(article=current)
        current_token = article_edit_token(article=current, revision=revision)
        if token == current_token:
            return cleaned_data
        if revision and current.status == Status.PUBLISHED:
            article_apply_content(article=current, content=revision.content)
        last = current.history.select_related("history_user").first()
        saver = revision.created_by if revision else (last and last.history_user)
        self.conflict = {
            "article": current,
            "by": saver,
            "at": revision.created_at if revision else current.updated_at,
            "rows": compare_rows(
                COMPARED_FIELDS,
                article_content(article=current),
                {name: cleaned_data.get(name, "") for name in REVISED_FIELDS},
            ),
        }
        # Saving again, after reading the other text, is a choice: allow it.
        self.data = self.data.copy()
        self.data[self.add_prefix("edit_token")] = current_token
        raise ValidationError(
            _(
                "Someone else saved this article (%(who)s, at %(time)s) while you "
                "were editing it. Your text has NOT been saved: it is still in the "
                "form below, and the saved text is shown above it. Merge the two, "
                "then save again."
            )
            % {
                "who": saver.get_username() if saver else "?",
                "time": _local(self.conflict["at"]),
            },
            code="conflict",
        )


class LiveArticleInlineMixin:
    """The photos of a published article are fixed for those who may not
    publish: their changes could not wait for approval."""

    def _live_for(self, request, obj):
        return (
            obj is not None
            and obj.status == Status.PUBLISHED
            and not article_can_publish(user=request.user)
        )

    def has_add_permission(self, request, obj=None):
        return not self._live_for(request, obj) and super().has_add_permission(
            request, obj
        )

    def has_change_permission(self, request, obj=None):
        return not self._live_for(request, obj) and super().has_change_permission(
            request, obj
        )

    def has_delete_permission(self, request, obj=None):
        return not self._live_for(request, obj) and super().has_delete_permission(
            request, obj
        )


class ReviewForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose what to do with the article."),
            "invalid_choice": _("Choose what to do with the article."),
        },
    )
    comment = forms.CharField(
        label=_("Note or comment"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=4000,
        help_text=_(
            "For the author when returning (required), for the reviewers when "
            "submitting (optional)."
        ),
    )
    publish_at = forms.SplitDateTimeField(
        label=_("Publish at"),
        required=False,
        widget=AdminSplitDateTime,
        help_text=_(
            "Vietnam time (UTC+7). Empty or in the past: published now. "
            "In the future: the article appears by itself at that time."
        ),
        error_messages={
            key: _("Enter the date as dd/mm/yyyy and a time.")
            for key in ("invalid", "invalid_date", "invalid_time", "incomplete")
        },
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = choices

    def clean(self):
        cleaned_data = super().clean()
        if (
            cleaned_data.get("action") == "return"
            and not (cleaned_data.get("comment") or "").strip()
        ):
            self.add_error(
                "comment", _("Say what the author should change before returning it.")
            )
        return cleaned_data


def review_choices(*, user, article, revision):
    """The decisions this user may take on this article now."""
    choices = []
    published = article.status == Status.PUBLISHED
    pending = revision is not None and revision.state == ArticleRevision.State.PENDING
    if article_can_edit(user=user, article=article) and article.status in (
        Status.DRAFT,
        Status.RETURNED,
    ):
        choices.append(("submit", _("Submit for review")))
    if article_can_review(user=user) and (
        article.status == Status.REVIEW or (published and pending)
    ):
        choices.append(("return", _("Return to the author with a comment")))
    if article_can_publish(user=user):
        if not published or pending:
            choices.append(("approve", _("Approve and publish (now or at a time)")))
        if published:
            choices.append(("unpublish", _("Unpublish")))
    return choices


class NewsroomAdminMixin:
    form = ArticleAdminForm
    change_form_template = "admin/news/article/change_form.html"
    change_list_template = "admin/news/article/change_list.html"

    # Roles

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if not allowed or obj is None:
            return allowed
        return article_can_edit(user=request.user, article=obj)

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        if not allowed or obj is None:
            return allowed
        if obj.status == Status.PUBLISHED:
            # Deleting a live article takes it off the site: an approver's call.
            return article_can_publish(user=request.user)
        return article_can_review(user=request.user) or (
            obj.created_by_id == request.user.pk
        )

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not article_can_review(user=request.user):
            readonly.append("is_featured")
        if (
            obj is not None
            and obj.status == Status.PUBLISHED
            and not article_can_publish(user=request.user)
        ):
            # A pending edit carries texts, category and "featured" only.
            readonly += [
                name for name in ("publish_at", "slug", "cover") if name not in readonly
            ]
        return readonly

    def get_fieldsets(self, request, obj=None):
        fieldsets = [list(fieldset) for fieldset in super().get_fieldsets(request, obj)]
        name, options = fieldsets[0]
        fieldsets[0] = (name, {**options, "fields": (*options["fields"], "edit_token")})
        return fieldsets

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        status = form.base_fields.get("status")
        if status and obj and not article_can_publish(user=request.user):
            # A returned article keeps its status until resubmitted.
            allowed = {Status.DRAFT, Status.REVIEW, obj.status}
            status.choices = [c for c in Status.choices if c[0] in allowed]
        return form

    # Editing a published article without the publish permission

    def get_object(self, request, object_id, from_field=None):
        article = super().get_object(request, object_id, from_field)
        if article is None:
            return article
        revision = article_open_revision(article=article)
        article.open_revision = revision
        article.edit_token = article_edit_token(article=article, revision=revision)
        if (
            revision
            and article.status == Status.PUBLISHED
            and not article_can_publish(user=request.user)
        ):
            # Those who may not publish go on from the edit waiting for review.
            article_apply_content(article=article, content=revision.content)
        return article

    def _is_held(self, request, obj, change):
        if not change or article_can_publish(user=request.user):
            return False
        stored = Article.objects.filter(pk=obj.pk).values_list("status", flat=True)
        return stored.first() == Status.PUBLISHED

    def save_model(self, request, obj, form, change):
        if self._is_held(request, obj, change):
            request.newsroom_revision = article_save_revision(
                article=Article.objects.get(pk=obj.pk),
                user=request.user,
                content=article_content(article=obj),
            )
            return
        previous = (
            Article.objects.filter(pk=obj.pk).values_list("status", flat=True).first()
            if change
            else None
        )
        super().save_model(request, obj, form, change)
        if previous != obj.status and (change or obj.status != Status.DRAFT):
            ArticleTransition.objects.create(
                article=obj,
                user=request.user,
                action=ArticleTransition.Action.SUBMIT
                if obj.status == Status.REVIEW
                else ArticleTransition.Action.STATUS,
                from_status=previous or "",
                to_status=obj.status,
            )

    def response_change(self, request, obj):
        if getattr(request, "newsroom_revision", None):
            self.message_user(
                request,
                _(
                    "Your changes are saved and wait for approval. The published "
                    "article has not changed."
                ),
                messages.WARNING,
            )
            return redirect("admin:news_article_change", obj.pk)
        return super().response_change(request, obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, object_id)
        extra = {}
        if article is not None:
            extra = {
                "open_revision": article.open_revision,
                "held_for_review": article.status == Status.PUBLISHED
                and not article_can_publish(user=request.user),
                "review_steps": list(
                    article.transitions.select_related("user").order_by(
                        "-created_at", "-pk"
                    )[:10]
                ),
            }
        return super().change_view(
            request,
            object_id,
            form_url,
            extra_context={**extra, **(extra_context or {})},
        )

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(
            request,
            extra_context={
                "newsroom_returned": returned_to(request.user),
                **(extra_context or {}),
            },
        )

    # simple-history's revert would write an old version over the live one.

    def revert_disabled(self, request, obj=None):
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    # Extra pages

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/review/",
                view(self.review_view),
                name="news_article_review",
            ),
            path(
                "<int:pk>/versions/",
                view(self.versions_view),
                name="news_article_versions",
            ),
            *super().get_urls(),
        ]

    def _article_or_404(self, request, pk):
        article = get_object_or_404(Article.objects.select_related("category"), pk=pk)
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        return article

    def _context(self, request, article, title, **kwargs):
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": article,
            "title": title,
            **kwargs,
        }

    def review_view(self, request, pk):
        """Submit, return with a comment, approve (now or at a time) or
        unpublish; a decision the user may not take is refused (403)."""
        article = self._article_or_404(request, pk)
        revision = article_open_revision(article=article)
        choices = review_choices(user=request.user, article=article, revision=revision)
        form = ReviewForm(
            request.POST or None,
            choices=choices,
            # An editor's scheduled time is offered to the approver.
            initial={
                "publish_at": article.publish_at
                if article.publish_at > timezone.now()
                else None
            },
        )
        if request.method == "POST":
            if request.POST.get("action") not in {value for value, _label in choices}:
                raise PermissionDenied
            if form.is_valid():
                return self._decide(request, article, form.cleaned_data)
        rows = None
        if revision and article.status == Status.PUBLISHED:
            rows = compare_rows(
                COMPARED_FIELDS, article_content(article=article), revision.content
            )
            if "photos" in revision.content:
                rows += photo_rows(article.photo_snapshot(), revision.content["photos"])
        context = self._context(
            request,
            article,
            _("Review: %(title)s") % {"title": article},
            form=form,
            revision=revision,
            rows=rows,
            steps=article.transitions.select_related("user", "revision").order_by(
                "-created_at", "-pk"
            ),
        )
        return TemplateResponse(request, "admin/news/article/review.html", context)

    def _decide(self, request, article, data):
        action, comment, user = data["action"], data["comment"].strip(), request.user
        if action == "submit":
            article_submit(article=article, user=user, note=comment)
            message = _("Submitted for review.")
        elif action == "return":
            article_return(article=article, user=user, comment=comment)
            message = _("Returned to the author with your comment.")
        elif action == "approve":
            article_approve(
                article=article,
                user=user,
                publish_at=data.get("publish_at"),
                comment=comment,
            )
            message = _("Approved: the article is published or scheduled.")
        else:
            article_unpublish(article=article, user=user, comment=comment)
            message = _("The article is no longer published.")
        # Also in the article's admin history ("Bản ghi nhớ").
        self.log_change(request, article, str(message))
        self.message_user(request, message, messages.SUCCESS)
        return redirect("admin:news_article_change", article.pk)

    def versions_view(self, request, pk):
        """Every saved version and pending edit; any two compared side by
        side; an older one restored as a new draft."""
        article = self._article_or_404(request, pk)
        records = list(
            article.history.select_related("history_user").order_by(
                "-history_date", "-history_id"
            )[:100]
        )
        revisions = list(article.revisions.select_related("created_by")[:50])
        for record in records:
            record.version_key = f"h{record.history_id}"
            record.version_label = _("Version of %(time)s") % {
                "time": _local(record.history_date)
            }
        for revision in revisions:
            revision.version_key = f"r{revision.pk}"
            revision.version_label = _("Edit of %(time)s") % {
                "time": _local(revision.created_at)
            }
        versions = {version.version_key: version for version in records + revisions}
        if request.method == "POST":
            if not article_can_edit(user=request.user, article=article):
                raise PermissionDenied
            key = request.POST.get("restore", "")
            if key not in versions:
                self.message_user(
                    request, _("Choose a version to restore."), messages.ERROR
                )
                return redirect("admin:news_article_versions", article.pk)
            article_restore(
                article=article,
                user=request.user,
                content=_version_content(versions[key]),
            )
            self.message_user(
                request,
                _(
                    "The older version is restored as a draft: it waits for "
                    "approval, and the published article has not changed."
                )
                if article.status == Status.PUBLISHED
                else _("The older version is restored as a draft."),
                messages.SUCCESS,
            )
            return redirect("admin:news_article_change", article.pk)
        left, right = request.GET.get("a"), request.GET.get("b")
        rows, error = None, None
        if left or right:
            if left in versions and right in versions:
                before = _version_content(versions[left])
                after = _version_content(versions[right])
                rows = compare_rows(COMPARED_FIELDS, before, after)
                live = article.photo_snapshot()
                rows += photo_rows(
                    before.get("photos", live), after.get("photos", live)
                )
            else:
                error = _("Choose two versions of this article to compare.")
        context = self._context(
            request,
            article,
            _("Versions: %(title)s") % {"title": article},
            records=records,
            revisions=revisions,
            rows=rows,
            error=error,
            left=versions.get(left),
            right=versions.get(right),
            left_key=left,
            right_key=right,
            can_restore=article_can_edit(user=request.user, article=article),
        )
        return TemplateResponse(request, "admin/news/article/versions.html", context)


def _version_content(version) -> dict:
    if isinstance(version, ArticleRevision):
        return dict(version.content)
    return {
        **{name: getattr(version, name, "") for name in REVISED_FIELDS},
        "photos": version.photos,
    }


def _local(moment) -> str:
    return formats.date_format(timezone.localtime(moment), "d/m/Y H:i:s")

from django.contrib import admin, messages
from django.db.models import Count
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline

from core.history import HistoryAdmin
from core.images import admin_thumbnail

from .admin_newsroom import LiveArticleInlineMixin, NewsroomAdminMixin
from .forms import ArticlePhotoForm
from .models import Article, Category, Photo
from .most_read import ViewCountAdminMixin
from .services import article_ensure_cover, articles_publish, articles_unpublish


@admin.register(Category)
class CategoryAdmin(TabbedTranslationAdmin):
    list_display = ("name", "slug", "order", "show_in_menu")
    list_editable = ("order", "show_in_menu")
    search_fields = ("name_vi", "name_en", "slug")


class PhotoInline(LiveArticleInlineMixin, TranslationStackedInline):
    model = Photo
    form = ArticlePhotoForm
    extra = 1
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "photo",
                    "thumbnail",
                    "caption_override",
                    ("after_paragraph", "order"),
                )
            },
        ),
        (
            _("Or upload a new photo to the library"),
            {
                "fields": (
                    "image",
                    ("caption_vi", "caption_en"),
                    ("alt_text_vi", "alt_text_en"),
                    "is_decorative",
                    "credit_vi",
                )
            },
        ),
    )
    readonly_fields = ("thumbnail",)
    autocomplete_fields = ("photo",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("photo")

    @admin.display(description=_("preview"))
    def thumbnail(self, placement):
        return admin_thumbnail(placement.photo if placement.pk else None)


class PublicationStatusFilter(admin.SimpleListFilter):
    title = _("visibility")
    parameter_name = "visibility"

    def lookups(self, request, model_admin):
        return [("public", _("Visible to the public")), ("scheduled", _("Scheduled"))]

    def queryset(self, request, queryset):
        if self.value() == "public":
            return queryset.published()
        if self.value() == "scheduled":
            return queryset.filter(
                status=Article.Status.PUBLISHED, publish_at__gt=timezone.now()
            )
        return queryset


@admin.register(Article)
class ArticleAdmin(
    NewsroomAdminMixin, ViewCountAdminMixin, HistoryAdmin, TabbedTranslationAdmin
):
    list_display = (
        "title",
        "category",
        "publication",
        "is_featured",
        "photo_count",
        "view_count",
    )
    list_filter = (
        "status",
        PublicationStatusFilter,
        "category",
        "is_featured",
        "publish_at",
    )
    list_select_related = ("category",)
    search_fields = ("title_vi", "title_en", "summary_vi", "slug")
    date_hierarchy = "publish_at"
    autocomplete_fields = ("category",)
    actions = ("publish", "unpublish")
    inlines = (PhotoInline,)
    readonly_fields = ("created_by", "created_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("title", "summary", "body")}),
        (_("Classification"), {"fields": ("category", "is_featured", "cover")}),
        (_("Publication"), {"fields": ("status", "publish_at", "slug")}),
        (
            _("Author and source"),
            {"fields": ("byline", "source", "created_by", "created_at", "updated_at")},
        ),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(photo_total=Count("photos"))

    @admin.display(description=_("status"), ordering="publish_at")
    def publication(self, article):
        """Drafts, live articles and those waiting for their time told apart,
        with the publication time (one column: headlines keep their room)."""
        when = formats.date_format(timezone.localtime(article.publish_at), "d/m/Y H:i")
        if article.status != Article.Status.PUBLISHED:
            return article.get_status_display()
        if article.publish_at > timezone.now():
            return _("Scheduled for %(time)s") % {"time": when}
        return _("Live since %(time)s") % {"time": when}

    @admin.display(description=_("photos"), ordering="photo_total")
    def photo_count(self, article):
        return article.photo_total

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if "cover" in form.base_fields:
            form.base_fields["cover"].queryset = (
                Photo.objects.filter(article=obj).select_related("photo")
                if obj
                else Photo.objects.none()
            )
        if "status" in form.base_fields and not self.can_publish(request):
            form.base_fields["status"].choices = [
                choice
                for choice in Article.Status.choices
                if choice[0] != Article.Status.PUBLISHED
            ]
        return form

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if (
            not self.can_publish(request)
            and obj
            and obj.status == Article.Status.PUBLISHED
        ):
            readonly.append("status")
        return readonly

    def can_publish(self, request):
        return request.user.has_perm("news.publish_article")

    def has_publish_permission(self, request):
        return self.can_publish(request)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        article_ensure_cover(article=form.instance)

    @admin.action(description=_("Publish selected articles"), permissions=["publish"])
    def publish(self, request, queryset):
        count = articles_publish(articles=queryset, user=request.user)
        self.message_user(
            request,
            ngettext(
                "%(count)d article published.", "%(count)d articles published.", count
            )
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Unpublish selected articles"), permissions=["publish"])
    def unpublish(self, request, queryset):
        count = articles_unpublish(articles=queryset, user=request.user)
        self.message_user(
            request,
            ngettext(
                "%(count)d article withdrawn.", "%(count)d articles withdrawn.", count
            )
            % {"count": count},
            messages.SUCCESS,
        )

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("News")

    def ready(self):
        from django.apps import apps as global_apps
        from django.db.models.signals import post_migrate, post_save
        from simple_history.signals import pre_create_historical_record

        from core import pagecache, sections
        from photos import usage
        from photos.models import Photo as LibraryPhoto

        from .roles import roles_sync

        post_migrate.connect(
            # `flush` sends it without the migration state's apps.
            lambda using="default", apps=None, **kwargs: roles_sync(
                apps or global_apps, using=using
            ),
            sender=self,
            weak=False,
            dispatch_uid="news.roles_sync",
        )

        from . import most_read, services, views
        from .models import Article, Category, Photo

        pagecache.register_hole("rating", views.rating_choices)
        pagecache.register_hole("article-view", most_read.count_view)
        pagecache.register_hole("most-read", most_read.render_block)
        # The photo library links each photo to the articles showing it, and a
        # library caption is part of those articles' search text.
        usage.register(services.photo_public_articles)
        post_save.connect(
            services.library_photo_saved,
            sender=LibraryPhoto,
            dispatch_uid="news-library-photo-saved",
        )
        pre_create_historical_record.connect(
            services.version_photos,
            sender=Article.history.model,
            dispatch_uid="news-version-photos",
        )
        sections.register(
            Article,
            public=Article.objects.published,
            search=sections.Search(
                kind="article",
                template="news/includes/search_hit.html",
                title="title",
                snippet_fields=("summary", "body"),
                date="publish_at",
                related=("category",),
            ),
            sitemap=sections.Sitemap(
                items=Article.objects.for_sitemap, lastmod="updated_at"
            ),
            feed=sections.Feed(
                path=pgettext_lazy("URL", "news/"),
                name="feed",
                title=_("%(site)s: latest news"),
                description=_(
                    "News of the People's Committee of Hong Linh town, Ha Tinh province."
                ),
                items=Article.objects.for_listing,
                item_description="summary",
                item_pubdate="publish_at",
                item_updateddate="updated_at",
                item_author="byline",
                item_categories=lambda article: [article.category.name],
                group=sections.FeedGroup(
                    model=Category,
                    field="category",
                    path=pgettext_lazy("URL", "category/<slug:slug>/"),
                    name="category-feed",
                ),
            ),
            tracks=(Photo,),
            next_change=Article.objects.next_publication_at,
        )
        sections.register(
            Category,
            sitemap=sections.Sitemap(
                items=lambda: Category.objects.only("pk", "slug").order_by(
                    "order", "pk"
                ),
                changefreq="daily",
            ),
        )

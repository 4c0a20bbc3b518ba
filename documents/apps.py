from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Documents")

    def ready(self):
        from core import sections

        from .models import (
            Document,
            DocumentField,
            DocumentFile,
            DocumentRelation,
            DocumentType,
            Draft,
        )

        sections.register(
            Document,
            public=Document.objects.public,
            search=sections.Search(
                kind="document",
                template="documents/includes/search_hit.html",
                snippet_fields=("excerpt", "body"),
                date="issued_on",
                related=("document_type", "issuer"),
            ),
            sitemap=sections.Sitemap(
                items=Document.objects.for_sitemap,
                lastmod="updated_at",
                pages=("documents:document-list", "documents:draft-list"),
            ),
            feed=sections.Feed(
                path=pgettext_lazy("URL", "documents/"),
                name="document-feed",
                title=_("%(site)s: documents"),
                description=_(
                    "Documents issued by the People's Committee of Hong Linh town "
                    "and its offices."
                ),
                items=Document.objects.for_listing,
                item_description="excerpt",
                item_pubdate="published_at",
                item_updateddate="updated_at",
                item_categories=lambda document: [document.document_type.name],
                group=sections.FeedGroup(
                    model=DocumentType,
                    field="document_type",
                    path=pgettext_lazy("URL", "documents/type/<slug:slug>/"),
                    name="document-type-feed",
                ),
            ),
            tracks=(DocumentFile, DocumentRelation, DocumentType, DocumentField),
            next_change=Document.objects.next_change_at,
        )
        sections.register(
            Draft,
            public=Draft.objects.public,
            sitemap=sections.Sitemap(
                items=lambda: Draft.objects.public().only("pk", "updated_at"),
                lastmod="updated_at",
            ),
        )

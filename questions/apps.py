from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class QuestionsConfig(AppConfig):
    name = "questions"
    verbose_name = _("Questions and feedback")

    def ready(self):
        from core import sections

        from .models import Question, Topic

        # Only published answers are public; contact details never leave admin.
        sections.register(
            Question,
            public=Question.objects.published,
            search=sections.Search(
                kind="question",
                template="questions/includes/search_hit.html",
                title="title",
                snippet_fields=("content", "answer"),
                date="published_at",
                related=("topic",),
            ),
            sitemap=sections.Sitemap(
                items=Question.objects.for_sitemap,
                lastmod="updated_at",
                pages=("questions:question-list",),
            ),
            feed=sections.Feed(
                path=pgettext_lazy("URL", "questions/"),
                name="question-feed",
                title=_("%(site)s: questions and answers"),
                description=_(
                    "Citizens' questions answered by the People's Committee of "
                    "Hong Linh town."
                ),
                items=Question.objects.for_listing,
                item_description="content",
                item_pubdate="published_at",
            ),
            tracks=(Topic,),
        )

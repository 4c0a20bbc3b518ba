from django.urls import path
from django.utils.translation import pgettext_lazy

from core.pagecache import page_cache

from . import views

app_name = "questions"

urlpatterns = [
    path(
        pgettext_lazy("URL", "questions/"),
        page_cache(views.question_list, params=("page", "topic")),
        name="question-list",
    ),
    path(
        pgettext_lazy("URL", "questions/ask/"),
        views.question_ask,
        name="ask",
    ),
    path(
        pgettext_lazy("URL", "questions/sent/"),
        views.question_thanks,
        name="thanks",
    ),
    path(
        pgettext_lazy("URL", "questions/lookup/"),
        views.question_lookup,
        name="lookup",
    ),
    path(
        pgettext_lazy("URL", "questions/privacy/"),
        page_cache(views.privacy),
        name="privacy",
    ),
    path(
        pgettext_lazy("URL", "questions/<int:pk>/"),
        page_cache(views.QuestionDetailView.as_view()),
        name="question-detail",
    ),
]

"""Accounts in the newsroom's roles, and the admin's article form."""

import re

from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from news import roles
from tests.factories import UserFactory


def member(role, username):
    user = UserFactory(username=username, is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


def reporter(username="phongvien"):
    return member(roles.REPORTER, username)


def editor(username="bientap"):
    return member(roles.EDITOR, username)


def approver(username="lanhdao"):
    return member(roles.APPROVER, username)


def change_url(article):
    return reverse("admin:news_article_change", args=[article.pk])


def review_url(article):
    return reverse("admin:news_article_review", args=[article.pk])


def versions_url(article):
    return reverse("admin:news_article_versions", args=[article.pk])


def edit_token(client, article):
    """The hidden token of the article's change form, as the page gives it."""
    page = client.get(change_url(article)).content.decode()
    match = re.search(r'name="edit_token" value="([^"]*)"', page)
    assert match, "the change form carries no edit token"
    return match.group(1)


def change_form(article, **overrides):
    """The POST data of the article's change form, from its stored values."""
    data = {
        "title_vi": article.title_vi,
        "title_en": article.title_en or "",
        "summary_vi": article.summary_vi or "",
        "summary_en": article.summary_en or "",
        "body_vi": article.body_vi or "",
        "body_en": article.body_en or "",
        "category": article.category_id,
        "status": article.status,
        "publish_at_0": _local(article.publish_at, "%d/%m/%Y"),
        "publish_at_1": _local(article.publish_at, "%H:%M:%S"),
        "slug": article.slug,
        "byline_vi": article.byline_vi or "",
        "source_vi": article.source_vi or "",
        "photos-TOTAL_FORMS": "0",
        "photos-INITIAL_FORMS": "0",
        "photos-MIN_NUM_FORMS": "0",
        "photos-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


def _local(moment, fmt):
    return timezone.localtime(moment).strftime(fmt)

from django.shortcuts import render

from news.models import Article, Category

HOME_LATEST_COUNT = 8
HOME_PER_CATEGORY = 4


def home(request):
    featured = list(Article.objects.for_listing().filter(is_featured=True)[:3])
    latest = list(
        Article.objects.for_listing().exclude(pk__in=[a.pk for a in featured])[
            :HOME_LATEST_COUNT
        ]
    )
    by_category = {}
    for article in Article.objects.latest_per_category(HOME_PER_CATEGORY):
        by_category.setdefault(article.category_id, []).append(article)
    category_blocks = [
        (category, by_category[category.pk])
        for category in Category.objects.all()
        if category.pk in by_category
    ]
    return render(
        request,
        "portal/home.html",
        {"featured": featured, "latest": latest, "category_blocks": category_blocks},
    )

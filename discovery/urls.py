from django.contrib.sitemaps.views import sitemap
from django.urls import path

from .feeds import feed_urls
from .sitemaps import robots_txt, sitemaps

# Outside the language prefix: one robots.txt and one sitemap for both languages.
urlpatterns = [
    path("robots.txt", robots_txt, name="robots-txt"),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps()}, name="sitemap"),
]

# Inside it: /tin-tuc/rss.xml, /en/news/rss.xml…
translated_urlpatterns = feed_urls()

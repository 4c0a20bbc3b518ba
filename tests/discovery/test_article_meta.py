"""Article metadata (Open Graph, JSON-LD), canonical URLs, and printing."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils.timezone import localtime
from django.utils.translation import override

from tests.awards.factories import DecisionFactory
from tests.factories import (
    ArticleFactory,
    CategoryFactory,
    PhotoFactory,
    image_upload,
)
from tests.helpers import canonical, parse_head

pytestmark = pytest.mark.django_db
HOST = "http://testserver"
SITE_CSS = Path(settings.BASE_DIR) / "static" / "css" / "site.css"


@pytest.fixture
def article():
    article = ArticleFactory(
        title_vi="Hội nghị tổng kết",
        title_en="Review conference",
        summary_vi="Tóm tắt tiếng Việt.",
        summary_en="English summary.",
        byline="Minh Đức",
    )
    PhotoFactory(article=article, after_paragraph=2)
    cover = PhotoFactory(article=article, image=image_upload(size=(1800, 1000)))
    article.cover = cover
    article.save()
    return article


def test_open_graph_properties(client, article):
    head = parse_head(client.get(article.get_absolute_url()))
    assert head.property("og:type") == "article"
    assert head.property("og:title") == "Hội nghị tổng kết"
    assert head.property("og:description") == "Tóm tắt tiếng Việt."
    assert head.property("og:url") == HOST + article.get_absolute_url()
    assert head.property("og:locale") == "vi_VN"
    assert head.property("og:locale:alternate") == "en_US"
    assert head.property("og:site_name")
    published = head.property("article:published_time")
    assert published == localtime(article.publish_at).isoformat()
    assert published.endswith("+07:00")


def test_og_image_is_the_largest_rendition_of_the_cover(client, article):
    cover = article.cover
    largest = max(cover.renditions["webp"], key=lambda r: r["width"])
    assert largest["width"] == 1600
    head = parse_head(client.get(article.get_absolute_url()))
    images = head.properties("og:image")
    assert images[0] == f"{HOST}/media/{largest['name']}"
    assert images[0].endswith(".webp")
    assert head.properties("og:image:width")[0] == "1600"
    # A JPEG too, for the readers that do not take WebP.
    assert images[1] == f"{HOST}/media/{cover.renditions['jpeg']['name']}"
    assert head.property("og:image:alt") == cover.photo.alt_text_vi


def test_open_graph_in_english(client, article):
    with override("en"):
        path = article.get_absolute_url()
    head = parse_head(client.get(path))
    assert head.property("og:title") == "Review conference"
    assert head.property("og:description") == "English summary."
    assert head.property("og:locale") == "en_US"
    assert head.property("og:url") == HOST + path


def test_json_ld_news_article(client, article):
    data = parse_head(client.get(article.get_absolute_url())).json_ld()
    url = HOST + article.get_absolute_url()
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Hội nghị tổng kết"
    assert data["datePublished"] == localtime(article.publish_at).isoformat()
    assert data["dateModified"] == localtime(article.updated_at).isoformat()
    assert data["author"] == {"@type": "Person", "name": "Minh Đức"}
    assert data["publisher"]["@type"] == "Organization"
    assert data["publisher"]["name"] == str(settings.SITE_NAME)
    assert data["image"][0].endswith(".webp")
    assert data["image"][0].startswith(HOST)
    assert data["inLanguage"] == "vi"
    assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
    with override("en"):
        path = article.get_absolute_url()
    english = parse_head(client.get(path)).json_ld()
    assert english["inLanguage"] == "en"
    assert english["headline"] == "Review conference"


def test_json_ld_author_is_the_organisation_without_a_byline(client):
    article = ArticleFactory(byline="")
    data = parse_head(client.get(article.get_absolute_url())).json_ld()
    assert data["author"]["@type"] == "Organization"
    assert data["author"]["name"] == data["publisher"]["name"]
    assert "image" not in data


def test_json_ld_cannot_break_out_of_its_script_block(client):
    title = 'Tiêu đề </script><script>alert("x")</script> & <!--'
    article = ArticleFactory(title_vi=title)
    content = client.get(article.get_absolute_url()).content.decode()
    block = re.search(
        r'<script type="application/ld\+json">(.*?)</script>', content, re.S
    ).group(1)
    assert "<" not in block and ">" not in block
    data = parse_head(client.get(article.get_absolute_url())).json_ld()
    assert data["headline"] == title


def test_the_only_scripts_are_external_files_or_json_ld(client, article):
    head = parse_head(client.get(article.get_absolute_url()))
    for script in head.scripts:
        assert script.get("src") or script.get("type") == "application/ld+json"
    assert any(s.get("src", "").endswith("js/article.js") for s in head.scripts)


def test_canonical_urls_are_absolute_without_query_strings(client, article):
    category = article.category
    ArticleFactory.create_batch(13, category=category)
    decision = DecisionFactory()
    pages = {
        "/": f"{HOST}/",
        article.get_absolute_url() + "?utm_source=zalo": HOST
        + article.get_absolute_url(),
        category.get_absolute_url(): HOST + category.get_absolute_url(),
        category.get_absolute_url() + "?page=1": HOST + category.get_absolute_url(),
        category.get_absolute_url()
        + "?page=2": f"{HOST}{category.get_absolute_url()}?page=2",
        category.get_absolute_url() + "?page=last&x=1": HOST
        + category.get_absolute_url(),
        decision.get_absolute_url(): HOST + decision.get_absolute_url(),
        reverse("glossary"): HOST + reverse("glossary"),
        reverse("awards:decision-list") + "?year=2019": HOST
        + reverse("awards:decision-list"),
    }
    for path, expected in pages.items():
        assert canonical(client.get(path)) == [expected], path
    with override("en"):
        english = category.get_absolute_url()
    assert canonical(client.get(english + "?page=2")) == [f"{HOST}{english}?page=2"]


def test_not_found_page_has_no_canonical(client):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert canonical(response) == []


def test_print_button_is_hidden_until_javascript_shows_it(client, article):
    content = client.get(article.get_absolute_url()).content.decode()
    button = re.search(r"<button[^>]*data-print[^>]*>(.*?)</button>", content)
    assert button
    assert 'type="button"' in button.group(0)
    assert " hidden" in button.group(0)
    assert "onclick" not in content
    assert button.group(1)  # "In bài viết" once the catalog is merged
    address = re.search(r'<p class="print-only">(.*?)</p>', content, re.S).group(1)
    assert HOST + article.get_absolute_url() in address


def test_article_script_wires_the_print_button():
    script = (Path(settings.BASE_DIR) / "static/js/article.js").read_text()
    assert "data-print" in script
    assert "hidden = false" in script
    assert "window.print()" in script


def print_rules():
    css = SITE_CSS.read_text()
    start = css.index("@media print {")
    depth, position = 0, start
    while True:
        char = css[position]
        depth += char == "{"
        depth -= char == "}"
        position += 1
        if depth == 0 and char == "}":
            return css[start:position], css[:start] + css[position:]


def test_print_stylesheet_hides_the_chrome_and_shows_the_address():
    rules, screen = print_rules()
    rules = re.sub(r"/\*.*?\*/", "", rules.split("{", 1)[1], flags=re.S)
    hidden = re.findall(r"([^{}]+)\{[^}]*display:\s*none", rules)
    hidden_selectors = {s.strip() for group in hidden for s in group.split(",")}
    for selector in (".site-header", ".main-nav", ".site-footer", ".related",
                     ".breadcrumb", ".article-actions", "button"):  # fmt: skip
        assert selector in hidden_selectors, selector
    assert re.search(r"\.print-only\s*\{[^}]*display:\s*block", rules)
    assert re.search(r"\.print-only\s*\{[^}]*display:\s*none", screen)
    assert ".photo" in rules and "break-inside: avoid" in rules


def test_category_page_links_its_feeds(client):
    category = CategoryFactory()
    content = client.get(category.get_absolute_url()).content.decode()
    assert reverse("category-feed-rss", kwargs={"slug": category.slug}) in content

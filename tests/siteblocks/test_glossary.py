"""Abbreviations: the glossary, its markup in article bodies, its page."""

import re

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import override

from core.cache import content_version
from siteblocks import glossary as abbreviations
from siteblocks.glossary import abbreviate, abbreviate_items, sort_key
from siteblocks.models import Abbreviation
from tests.factories import ArticleFactory
from tests.helpers import count_queries
from tests.limits import COLD_PAGE_QUERIES

pytestmark = pytest.mark.django_db

UBND = '<abbr title="Ủy ban nhân dân">UBND</abbr>'
HDND = '<abbr title="Hội đồng nhân dân">HĐND</abbr>'


def test_the_migration_seeds_the_common_abbreviations():
    seeded = dict(Abbreviation.objects.values_list("acronym", "expansion_vi"))
    assert seeded["QPTD"] == "Quốc phòng toàn dân"
    assert seeded["UBMTTQ"] == "Ủy ban Mặt trận Tổ quốc"
    assert {"LLVT", "ANND", "KVPT", "HĐND", "UBND", "BCHQS", "CHQS", "ATXH",
            "DQTV", "QĐ"} <= set(seeded)  # fmt: skip
    assert not Abbreviation.objects.filter(expansion_en="").exists()


def test_only_the_first_use_is_marked_up():
    html = "<p>UBND thị xã và UBND phường.</p><p>UBND tỉnh.</p>"
    assert abbreviate(html, "vi") == (
        f"<p>{UBND} thị xã và UBND phường.</p><p>UBND tỉnh.</p>"
    )


def test_first_use_counts_across_the_blocks_of_a_body():
    items = [("html", "<p>UBND</p>"), ("photo", object()), ("html", "<p>UBND</p>")]
    result = abbreviate_items(items, "vi")
    assert result[0] == ("html", f"<p>{UBND}</p>")
    assert result[1] == items[1]
    assert result[2] == ("html", "<p>UBND</p>")


def test_never_inside_links_and_a_link_does_not_use_up_the_first_use():
    html = '<p><a href="https://ubnd.example.vn/">UBND <b>UBND</b></a> và UBND.</p>'
    assert abbreviate(html, "vi") == (
        f'<p><a href="https://ubnd.example.vn/">UBND <b>UBND</b></a> và {UBND}.</p>'
    )


def test_never_inside_an_existing_abbr():
    html = '<p><abbr title="khác">UBND</abbr> UBND</p>'
    assert abbreviate(html, "vi") == f'<p><abbr title="khác">UBND</abbr> {UBND}</p>'


def test_never_inside_attribute_values():
    html = '<p><a href="https://x.vn/UBND" title="UBND > HĐND">xem</a> HĐND</p>'
    assert abbreviate(html, "vi") == (
        f'<p><a href="https://x.vn/UBND" title="UBND > HĐND">xem</a> {HDND}</p>'
    )


@pytest.mark.parametrize(
    "text",
    ["QPTDX", "XQPTD", "UBNDĐ", "ĐUBND", "UBNDà", "UBND_1", "2UBND", "ubnd", "Ubnd"],
)
def test_whole_words_only_with_vietnamese_letters_and_case(text):
    assert abbreviate(f"<p>{text}</p>", "vi") == f"<p>{text}</p>"


def test_punctuation_and_hyphens_are_word_boundaries():
    html = "<p>Số 163/QĐ-UBND (HĐND).</p>"
    assert abbreviate(html, "vi") == (
        f'<p>Số 163/<abbr title="Quyết định">QĐ</abbr>-{UBND} ({HDND}).</p>'
    )


def test_a_longer_acronym_is_not_split_into_shorter_ones():
    html = "<p>BCHQS và CHQS</p>"
    assert abbreviate(html, "vi") == (
        '<p><abbr title="Ban Chỉ huy quân sự">BCHQS</abbr> và '
        '<abbr title="Chỉ huy quân sự">CHQS</abbr></p>'
    )


def test_titles_are_html_escaped():
    Abbreviation.objects.create(
        acronym="XSS", expansion_vi='Thử "ngoặc" <b>& thẻ</b>', expansion_en=""
    )
    assert abbreviate("<p>XSS</p>", "vi") == (
        '<p><abbr title="Thử &quot;ngoặc&quot; &lt;b&gt;&amp; thẻ&lt;/b&gt;">'
        "XSS</abbr></p>"
    )


def test_english_expansion_with_vietnamese_fallback():
    Abbreviation.objects.create(acronym="TDP", expansion_vi="Tổ dân phố")
    assert abbreviate("<p>UBND TDP</p>", "en") == (
        '<p><abbr title="People&#x27;s Committee">UBND</abbr> '
        '<abbr title="Tổ dân phố">TDP</abbr></p>'
    )


def test_acronym_is_unique_and_case_sensitive():
    Abbreviation.objects.create(acronym="Ubnd", expansion_vi="viết thường")
    with pytest.raises(IntegrityError), transaction.atomic():
        Abbreviation.objects.create(acronym="UBND", expansion_vi="trùng")
    assert abbreviate("<p>Ubnd UBND</p>", "vi") == (
        f'<p><abbr title="viết thường">Ubnd</abbr> {UBND}</p>'
    )


def test_the_regex_is_compiled_once_per_glossary_version(
    django_assert_num_queries,
):
    abbreviate("<p>UBND</p>", "vi")
    pattern = abbreviations._compiled["pattern"]
    with django_assert_num_queries(0):
        abbreviate("<p>HĐND</p>", "vi")
    assert abbreviations._compiled["pattern"] is pattern
    Abbreviation.objects.create(acronym="TDP", expansion_vi="Tổ dân phố")
    assert "<abbr" in abbreviate("<p>TDP</p>", "vi")
    assert abbreviations._compiled["pattern"] is not pattern


def test_saving_or_deleting_an_entry_starts_a_new_content_version():
    before = content_version()
    entry = Abbreviation.objects.create(acronym="TDP", expansion_vi="Tổ dân phố")
    after_save = content_version()
    assert after_save != before
    entry.delete()
    assert content_version() != after_save


def test_article_page_marks_up_abbreviations_and_follows_glossary_changes(client):
    article = ArticleFactory(
        body_vi="<p>UBND thị xã, TDP 1 và UBND phường.</p>",
        body_en="<p>The UBND of the town.</p>",
    )
    content = client.get(article.get_absolute_url()).content.decode()
    assert content.count("<abbr") == 1
    assert UBND in content
    assert "<abbr" not in re.sub(r"<abbr[^>]*>UBND", "", content)
    # A new entry shows at once, although the body fragment was cached.
    Abbreviation.objects.create(acronym="TDP", expansion_vi="Tổ dân phố")
    content = client.get(article.get_absolute_url()).content.decode()
    assert '<abbr title="Tổ dân phố">TDP</abbr>' in content
    with override("en"):
        english = client.get(article.get_absolute_url()).content.decode()
    assert '<abbr title="People&#x27;s Committee">UBND</abbr>' in english


def test_the_glossary_is_read_once_per_content_version(client):
    """After a content change the glossary is read once, with the cold article
    body, in every process; then it comes from the cache."""
    article = ArticleFactory()
    client.get(article.get_absolute_url())
    ArticleFactory()  # a content change: every process reads again
    with CaptureQueriesContext(connection) as queries:
        client.get(article.get_absolute_url())
    assert len([q for q in queries if "siteblocks_abbreviation" in q["sql"]]) == 1
    assert len(queries) <= COLD_PAGE_QUERIES
    with CaptureQueriesContext(connection) as queries:
        client.get("/en" + article.get_absolute_url().replace("/tin-tuc/", "/news/"))
    assert not [q for q in queries if "siteblocks_abbreviation" in q["sql"]]


def test_glossary_page_lists_every_abbreviation_alphabetically(client):
    response = client.get(reverse("glossary"))
    assert response.status_code == 200
    content = response.content.decode()
    terms = re.findall(r"<dt[^>]*>([^<]+)</dt>", content)
    assert len(terms) == Abbreviation.objects.count() == 12
    assert terms == sorted(terms, key=sort_key)
    assert terms.index("QĐ") < terms.index("QPTD")  # Đ comes after D, before P
    assert "<dd>Ủy ban nhân dân</dd>" in content
    assert 'href="' + reverse("glossary") + '"' in content  # footer link


def test_glossary_page_in_english(client):
    Abbreviation.objects.create(acronym="TDP", expansion_vi="Tổ dân phố")
    with override("en"):
        path = reverse("glossary")
    assert path == "/en/glossary/"
    content = client.get(path).content.decode()
    assert "<dd>People&#x27;s Committee</dd>" in content
    assert '<dd lang="vi">Tổ dân phố</dd>' in content
    assert '<dt lang="vi">UBND</dt>' in content


def test_glossary_page_runs_a_constant_number_of_queries(client):
    Abbreviation.objects.all().delete()
    Abbreviation.objects.create(acronym="A1", expansion_vi="Một")
    one = count_queries(client, reverse("glossary"))
    for number in range(2, 31):
        Abbreviation.objects.create(acronym=f"A{number}", expansion_vi="Thêm")
    assert count_queries(client, reverse("glossary")) == one <= COLD_PAGE_QUERIES


def test_sort_key_follows_the_vietnamese_alphabet():
    assert sorted(["QPTD", "QĐ", "QE", "QD", "ĂN", "AZ"], key=sort_key) == [
        "AZ", "ĂN", "QD", "QĐ", "QE", "QPTD",
    ]  # fmt: skip

"""The admin speaks Vietnamese all the way through: a superuser walks the list,
add, change and history pages of every registered model (models that other
sections register are walked too), the index and the password change page,
and no English UI word may be left on them."""

import io
import re
from html.parser import HTMLParser

import pytest
from django.contrib import admin
from django.contrib.admin.utils import quote
from django.core.management import call_command
from django.urls import NoReverseMatch, reverse

pytestmark = pytest.mark.django_db

# Words and phrases of the admin and its libraries (Django, simple-history,
# modeltranslation, django-axes, import-export) that must not reach a
# Vietnamese editor. Content is never checked: field values, text areas,
# scripts and the objects' own names are skipped (see VisibleText).
ENGLISH = re.compile(
    r"\b("
    r"Add|Change|Delete|Save|Search|History|Filter|Show counts|Hide counts|"
    r"Choose a date|Object|Comment|Changed by|Change reason|Changes|Date/time|"
    r"Deleted|Created|Changed|Revert|Please correct|Can add|Can change|"
    r"Can delete|Can view|Home|Log out|View site|Select all|Clear selection|"
    r"Go|Today|Now|Yes|No|Unknown|All|Any date|Past 7 days|This month|"
    r"This year|Recent actions|My actions|None available|Username|Password|"
    r"Email address|First name|Last name|Active|Staff status|"
    r"Superuser status|Groups|Permissions|Important dates|Last login|"
    r"Date joined|Personal info|Available|Chosen|Remove|Choose all|"
    r"Remove all|Action|Run the selected action|selected|results?|total|"
    r"Import|Export|Format|Submit|Confirm|Attempt|Access|IP address|"
    r"User agent|Path|Failures|Locked|Login|Logout|Heading|Paragraph|Title|"
    r"URL|Update|Edit|Cancel|Insert|Currently|Clear|Required|Optional|"
    r"Show|Hide|Close|Previous|Next|Back|entry|entries|Toggle|theme|"
    r"Skip to main content|Breadcrumbs|Welcome|Documentation|Loading|"
    r"This field|Enter a valid|Ensure this value"
    r")\b"
)

SKIPPED_TAGS = {"script", "style", "textarea", "template", "option", "noscript"}
CHECKED_ATTRIBUTES = ("title", "placeholder", "aria-label", "alt")


class VisibleText(HTMLParser):
    """The UI text of a page: text nodes and a few attributes, without the
    content staff typed (values, text areas) or the objects' own names."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in SKIPPED_TAGS or "data-user-content" in attrs:
            self._skip += 1
            return
        if self._skip:
            return
        self.parts += [attrs[name] for name in CHECKED_ATTRIBUTES if attrs.get(name)]
        if tag == "input" and attrs.get("type") in ("submit", "button"):
            self.parts.append(attrs.get("value") or "")

    def handle_endtag(self, tag):
        if tag in SKIPPED_TAGS and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def english_left(html, allowed=()):
    parser = VisibleText()
    parser.feed(html)
    found = set()
    for part in parser.parts:
        for allowed_text in allowed:
            part = part.replace(allowed_text, "")
        if ENGLISH.search(part):
            found.add(" ".join(part.split())[:80])
    return sorted(found)


def test_detector_finds_english_and_ignores_content():
    page = (
        "<h1>Sửa bài viết</h1><p>Please correct the errors below.</p>"
        "<a title='History'>Lịch sử</a><textarea>Save the date</textarea>"
        "<input value='Add'><script>var Delete = 1;</script>"
        "<select><option>Yes</option></select>"
    )
    assert english_left(page) == ["History", "Please correct the errors below."]
    assert english_left("<p>Lưu</p><th>Đối tượng</th>") == []


@pytest.fixture
def walk(client, django_user_model):
    call_command("load_demo", stdout=io.StringIO())
    user = django_user_model.objects.create_superuser(
        "quantri", "quantri@example.org", "mat-khau-1"
    )
    client.force_login(user)
    client.cookies["django_language"] = "vi"
    return client


def admin_pages():
    """Every page of every registered model: list, add, change and history of
    its first object (a model without any row gets list and add only)."""
    for model in admin.site._registry:
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        yield reverse(f"{prefix}_changelist")
        yield reverse(f"{prefix}_add")
        obj = model._default_manager.order_by("pk").first()
        if obj is None:
            continue
        for view in ("change", "history"):
            try:
                yield reverse(f"{prefix}_{view}", args=[quote(obj.pk)])
            except NoReverseMatch:
                pass


def test_every_admin_page_is_in_vietnamese(walk, django_user_model):
    urls = [
        reverse("admin:index"),
        reverse("admin:password_change"),
        *admin_pages(),
    ]
    # The error banner and field errors of a refused form.
    refused = walk.post(reverse("admin:auth_group_add"), {"name": ""})
    assert refused.status_code == 200
    found = {"(refused group form)": english_left(refused.content.decode())}
    for url in urls:
        response = walk.get(url)
        if response.status_code in (302, 403):
            continue
        assert response.status_code == 200, url
        found[url] = english_left(response.content.decode())
    assert {url: words for url, words in found.items() if words} == {}


def test_history_lists_each_change_once_in_vietnamese(walk):
    from news.models import Article

    article = Article.objects.order_by("pk").first()
    article.title_vi = "Tiêu đề đã sửa"
    article.save()
    response = walk.get(reverse("admin:news_article_history", args=[article.pk]))
    html = response.content.decode()
    assert english_left(html) == []
    assert "Lịch sử" in html
    changes = re.findall(r"<strong>([^<]*):</strong>", html)
    assert changes.count("Tiêu đề") == 1
    assert not any(label.endswith("[vi]") for label in changes)
    assert "pk=None" not in html


def test_permissions_are_named_in_vietnamese(walk):
    html = walk.get(reverse("admin:auth_group_add")).content.decode()
    assert "Có thể thêm bài viết" in html
    assert "Can add" not in html


def test_index_puts_daily_work_first_and_security_last(walk):
    response = walk.get(reverse("admin:index"))
    labels = [app["app_label"] for app in response.context["app_list"]]
    assert labels[:2] == ["news", "awards"]
    assert labels.index("siteblocks") < labels.index("auth")
    assert labels[-2:] == ["auth", "axes"] or labels[-3:] == ["auth", "axes", "audit"]
    names = [str(app["name"]) for app in response.context["app_list"]]
    assert "Người dùng và nhóm" in names
    assert "Bảo mật đăng nhập" in names


def test_unknown_sections_come_before_security():
    from core.admin_site import app_rank

    ranks = sorted(["axes", "weather", "news", "auth"], key=app_rank)
    assert ranks == ["news", "weather", "auth", "axes"]


def test_script_catalog_is_complete_and_served_to_the_admin(walk):
    from tests.portal.test_i18n import LOCALES, unescape

    for language in ("vi", "en"):
        text = (LOCALES / language / "LC_MESSAGES" / "djangojs.po").read_text()
        assert "#, fuzzy" not in text.split("\n\n", 1)[1]
        empty = re.findall(r'\nmsgid "(.+)"\nmsgstr ""\n\n', text + "\n")
        assert [unescape(msgid) for msgid in empty] == []
    catalog = walk.get(reverse("admin:jsi18n")).content.decode()
    assert "S\\u1eeda li\\u00ean k\\u1ebft" in catalog or "Sửa liên kết" in catalog

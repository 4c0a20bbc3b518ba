"""A database made by the release before the apps were re-layered (the site
blocks then lived in the project package, app label "portal") migrates forward
with its rows, content types and permissions intact, on the database the suite
runs on (SQLite, or PostgreSQL with DATABASE_URL)."""

import json
import os
import shutil
import subprocess
import sys
import tarfile
import uuid
from io import BytesIO

import psycopg2
import pytest
from django.conf import settings
from django.db import connection

# The last commit whose site blocks lived in portal/ (portal migrations 0001-0003).
PREVIOUS_RELEASE = "ffdb09d"

# Run by the previous release's code, after its demo content: the editors'
# own changes, which the upgrade must keep.
EDIT_OLD_DATA = """
from django.contrib.auth.models import Group, Permission
from portal.models import Abbreviation, Link, SiteStatistics
Abbreviation.objects.create(acronym="TTHC", expansion="Thủ tục hành chính",
                            expansion_vi="Thủ tục hành chính", expansion_en="Administrative procedure")
Abbreviation.objects.filter(acronym="ATXH").delete()
Link.objects.create(name="Sở Nội vụ", name_vi="Sở Nội vụ", url="https://example.org/so-noi-vu")
SiteStatistics.objects.filter(pk=1).update(starting_total=123456, counted_total=42)
group = Group.objects.create(name="Biên tập viên")
group.permissions.add(Permission.objects.get(codename="change_link"))
from awards.models import IssuingBody, Level
IssuingBody.objects.create(name="Sở Nội vụ tỉnh Hà Tĩnh", name_vi="Sở Nội vụ tỉnh Hà Tĩnh",
                           level=Level.objects.get(code="tinh"))
group.permissions.add(Permission.objects.get(codename="change_issuingbody"))
import json
from news.models import Photo
print(json.dumps(sorted([p.pk, p.image.name, p.caption_vi] for p in Photo.objects.all())))
"""

READ_NEW_DATA = """
import json
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from siteblocks.models import Abbreviation, Link, SiteStatistics, Song, TownMap
from awards.models import Decision
from organisation.models import Unit
from news.models import Photo as ArticlePhoto
from photos.models import Photo as LibraryPhoto
statistics = SiteStatistics.objects.get(pk=1)
print(json.dumps({
    "acronyms": sorted(Abbreviation.objects.values_list("acronym", flat=True)),
    "links": sorted(Link.objects.values_list("name_vi", flat=True)),
    "totals": [statistics.starting_total, statistics.counted_total],
    "songs": Song.objects.count(),
    "maps": TownMap.objects.count(),
    "map_renditions": bool(TownMap.objects.get().renditions.get("webp")),
    "content_types": sorted(
        ContentType.objects.filter(model__in=["link", "song", "townmap", "abbreviation",
                                              "sitestatistics"]).values_list("app_label", flat=True)
    ),
    "group_permissions": sorted(
        f"{p.content_type.app_label}.{p.codename}"
        for p in Group.objects.get(name="Biên tập viên").permissions.all()
    ),
    "tables": sorted(t for t in connection.introspection.table_names()
                     if t.startswith(("portal_", "siteblocks_"))),
    "units": sorted(f"{u.level.code}:{u.name_vi}" for u in Unit.objects.all()),
    "unit_flags": sorted(f"{u.slug}:{u.kind}:{u.is_public}" for u in Unit.objects.all()),
    "decision_issuers": sorted({d.issuer.name_vi for d in Decision.objects.all()}),
    "registry_tables": sorted(t for t in connection.introspection.table_names()
                              if t.startswith(("organisation_", "awards_level", "awards_issuing"))),
    "article_photos": sorted(
        [p.pk, p.photo.image.name, p.photo.caption_vi]
        for p in ArticlePhoto.objects.select_related("photo")
    ),
    "library_photos": LibraryPhoto.objects.count(),
    "registry_content_types": sorted(
        f"{c.app_label}.{c.model}" for c in ContentType.objects.filter(model__in=["level", "unit", "issuingbody"])
    ),
}))
"""


def git(*args):
    return subprocess.run(  # noqa: S603 - fixed arguments
        ["git", *args],  # noqa: S607 - git from PATH
        cwd=settings.BASE_DIR,
        capture_output=True,
        timeout=60,
    )


@pytest.fixture
def previous_release(tmp_path):
    """The previous release's files, from this repository's history."""
    if (
        shutil.which("git") is None
        or git("cat-file", "-e", PREVIOUS_RELEASE).returncode
    ):
        pytest.skip(
            f"needs the git history with {PREVIOUS_RELEASE} (not a shallow clone)"
        )
    archive = git("archive", "--format=tar", PREVIOUS_RELEASE)
    assert archive.returncode == 0, archive.stderr
    tree = tmp_path / "previous"
    with tarfile.open(fileobj=BytesIO(archive.stdout)) as tar:
        tar.extractall(tree, filter="data")
    return tree


@pytest.fixture
def database_url(tmp_path):
    """A new, empty database of the kind the suite runs on."""
    if connection.vendor != "postgresql":
        yield f"sqlite:///{tmp_path / 'upgrade.sqlite3'}"
        return
    db = connection.settings_dict
    name = f"upgrade_{uuid.uuid4().hex[:12]}"
    params = {
        "host": db["HOST"] or "127.0.0.1",
        "port": db["PORT"] or 5432,
        "user": db["USER"],
        "password": db["PASSWORD"] or None,
    }
    admin = psycopg2.connect(dbname="postgres", **params)
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    yield f"postgres://{db['USER']}{password}@{params['host']}:{params['port']}/{name}"
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


def manage(tree, *args, database_url, media_root):
    result = subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=tree,
        env={
            "PATH": os.environ.get("PATH", ""),
            "DJANGO_SETTINGS_MODULE": "portal.settings",
            "DEBUG": "1",
            "DATABASE_URL": database_url,
            "MEDIA_ROOT": str(media_root),
        },
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_a_database_of_the_previous_release_migrates_with_its_data(
    previous_release, database_url, tmp_path
):
    media = tmp_path / "media"
    old = {"database_url": database_url, "media_root": media}
    manage(previous_release, "migrate", "--no-input", **old)
    manage(previous_release, "load_demo", **old)
    old_photos = json.loads(
        manage(previous_release, "shell", "--no-imports", "-c", EDIT_OLD_DATA, **old)
    )

    migrated = manage(settings.BASE_DIR, "migrate", "--no-input", **old)
    assert "siteblocks.0001_initial" in migrated
    assert "organisation.0001_initial" in migrated
    data = json.loads(
        manage(settings.BASE_DIR, "shell", "--no-imports", "-c", READ_NEW_DATA, **old)
    )

    assert "TTHC" in data["acronyms"]
    assert "ATXH" not in data["acronyms"], "a deleted glossary entry came back"
    assert "UBND" in data["acronyms"]
    assert "Sở Nội vụ" in data["links"]
    assert "Cổng thông tin điện tử tỉnh Hà Tĩnh" in data["links"]
    assert data["totals"] == [123456, 42]
    assert (data["songs"], data["maps"], data["map_renditions"]) == (1, 1, True)
    assert data["content_types"] == ["siteblocks"] * 5
    # The group's own grants survive; news 0008 makes the group of that name
    # the editor role, adding (never removing) the role's permissions.
    assert {"organisation.change_unit", "siteblocks.change_link"} <= set(
        data["group_permissions"]
    )
    assert "news.review_article" in data["group_permissions"]
    assert "news.publish_article" not in data["group_permissions"]
    # The registry of bodies moved from awards to organisation with its rows.
    assert "tinh:Sở Nội vụ tỉnh Hà Tĩnh" in data["units"]
    assert "huyen:UBND thị xã Hồng Lĩnh" in data["units"]
    assert data["decision_issuers"] == ["UBND thị xã Hồng Lĩnh"]
    assert data["registry_tables"] == [
        "organisation_aboutpage",
        "organisation_level",
        "organisation_person",
        "organisation_position",
        "organisation_unit",
    ]
    # Organisation 0003 gave every unit a slug, a kind and the public flag.
    assert "so-noi-vu-tinh-ha-tinh:external:False" in data["unit_flags"]
    assert "ubnd-thi-xa-hong-linh:committee:True" in data["unit_flags"]
    assert data["registry_content_types"] == ["organisation.level", "organisation.unit"]
    assert data["tables"] == [
        "siteblocks_abbreviation",
        "siteblocks_link",
        "siteblocks_sitesettings",  # siteblocks 0002 (issue #13)
        "siteblocks_sitestatistics",
        "siteblocks_song",
        "siteblocks_townmap",
    ]
    # Every article photo moved into the library with its file and caption.
    assert old_photos and data["article_photos"] == old_photos
    assert data["library_photos"] == len(old_photos)
    # The new code loads its demo over the migrated data without duplicating it
    # (it places a library photo in one more article: no new upload).
    manage(settings.BASE_DIR, "load_demo", **old)
    again = json.loads(
        manage(settings.BASE_DIR, "shell", "--no-imports", "-c", READ_NEW_DATA, **old)
    )
    assert len(again.pop("article_photos")) == len(data.pop("article_photos")) + 1
    # The new organisation demo adds the town's offices, wards and commune;
    # the units there before keep their names, slugs and flags.
    for grown in ("units", "unit_flags"):
        assert set(data.pop(grown)) <= set(again.pop(grown))
    # Only the provincial public service portal is new in the demo (issue #13).
    links_before, links_after = set(data.pop("links")), set(again.pop("links"))
    assert links_after - links_before == {"Cổng Dịch vụ công tỉnh Hà Tĩnh"}
    assert links_before <= links_after
    assert again == data


def test_a_new_database_gets_the_seeded_rows(database_url, tmp_path):
    """Without a previous release, the migration creates the tables and seeds
    the visit counter row and the glossary."""
    media = tmp_path / "media"
    manage(
        settings.BASE_DIR,
        "migrate",
        "--no-input",
        database_url=database_url,
        media_root=media,
    )
    counts = manage(
        settings.BASE_DIR,
        "shell",
        "--no-imports",
        "-c",
        "from siteblocks.models import Abbreviation, SiteStatistics;"
        "print(Abbreviation.objects.count(), SiteStatistics.objects.count())",
        database_url=database_url,
        media_root=media,
    )
    assert counts.split() == ["12", "1"]

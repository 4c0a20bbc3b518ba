import io
import time
from unittest import mock

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.audio import validate_audio_file
from core.demo_media import draw_map_jpeg, tune_wav
from siteblocks import visits as stats
from siteblocks.models import Link, SiteStatistics, Song, TownMap
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
BROWSER = {"HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0"}


def visit(url="/", **headers):
    return Client(**{**BROWSER, **headers}).get(url)


class TestVisitStatistics:
    def test_total_starts_from_the_old_sites_count_and_is_formatted_the_vietnamese_way(
        self,
    ):
        SiteStatistics.objects.filter(pk=1).update(starting_total=790992)
        content = visit().content.decode()
        assert "Lượt truy cập: <strong>790.992</strong>" in content

    def test_page_views_are_counted_without_a_database_write_per_view(self):
        SiteStatistics.objects.filter(pk=1).update(starting_total=1000)
        visit()  # the first view of the minute also flushes: its own count is stored
        with CaptureQueriesContext(connection) as queries:
            for _ in range(5):
                visit()
        assert not [
            q
            for q in queries
            if q["sql"].lstrip().upper().startswith(("UPDATE", "INSERT"))
        ]
        assert stats.visit_figures()["total"] == 1006
        assert stats.flush_visits() == 5
        assert SiteStatistics.objects.get().counted_total == 6
        assert stats.visit_figures()["total"] == 1006

    def test_counts_flushed_meanwhile_are_not_lost(self):
        for _ in range(3):
            visit()  # the first one flushed itself: 2 pending
        real_update = SiteStatistics.objects.filter

        landed = []

        def update_and_visit(*args, **kwargs):
            if not landed:
                landed.append(1)
                stats._incr(stats.PENDING_KEY)  # a visit lands during the flush
            return real_update(*args, **kwargs)

        with mock.patch.object(
            SiteStatistics.objects, "filter", side_effect=update_and_visit
        ):
            moved = stats.flush_visits()
        assert moved == 2
        assert cache.get(stats.PENDING_KEY) == 1
        assert SiteStatistics.objects.get().counted_total == 3

    @pytest.mark.parametrize(
        "agent",
        [
            "Googlebot/2.1",
            "Mozilla/5.0 (compatible; bingbot/2.0)",
            "curl/8.0",
            "python-requests/2.31",
            "",
        ],
    )
    def test_bots_and_tools_are_not_counted(self, agent):
        visit(HTTP_USER_AGENT=agent)
        assert not cache.get(stats.PENDING_KEY)

    def test_admin_static_errors_and_posts_are_not_counted(self):
        visit("/admin/login/")
        visit("/khong-co-trang-nay/")
        assert not cache.get(stats.PENDING_KEY)

    def test_online_counts_distinct_visitors(self):
        for address in ("10.0.0.1", "10.0.0.2", "10.0.0.2"):
            visit(REMOTE_ADDR=address)
        assert stats.visit_figures()["online"] == 2

    def test_no_address_is_kept(self):
        visit(REMOTE_ADDR="203.0.113.7")
        keys = [
            key for key in cache._cache if "203.0.113.7" in str(key)
        ]  # locmem internals
        assert keys == []
        assert (
            len(stats.visitor_key(mock.Mock(META={"REMOTE_ADDR": "203.0.113.7"}))) == 32
        )

    def test_staff_change_to_the_starting_total_shows_at_once(self):
        visit()
        statistics = SiteStatistics.load()
        statistics.starting_total = 5000
        statistics.save()
        assert stats.visit_figures()["total"] >= 5000

    def test_each_process_pushes_its_views_to_the_cache_in_batches(self, settings):
        """A page view costs no cache round-trip: views gather in the process
        and reach the shared cache at most every VISIT_BUFFER_SECONDS."""
        settings.VISIT_BUFFER_SECONDS = 60
        stats.forget_local_state()
        for address in ("10.0.0.1", "10.0.0.2", "10.0.0.2"):
            visit(REMOTE_ADDR=address)
        assert not cache.get(stats.PENDING_KEY)
        later = time.monotonic() + 61
        with mock.patch("time.monotonic", return_value=later):
            visit(REMOTE_ADDR="10.0.0.3")
        assert (
            cache.get(stats.PENDING_KEY) + SiteStatistics.objects.get().counted_total
            == 4
        )
        stats.forget_local_state()
        assert stats.visit_figures()["online"] == 3

    def test_flush_command(self):
        visit()
        out = io.StringIO()
        call_command("flush_visits", stdout=out)
        assert "visits moved to the database" in out.getvalue()


class TestLinksMapSongs:
    def test_links_are_listed_in_order_on_every_page(self):
        Link.objects.create(name_vi="Báo Hà Tĩnh", url="https://baohatinh.vn/", order=2)
        Link.objects.create(
            name_vi="Cổng TTĐT tỉnh", url="https://hatinh.gov.vn/", order=1
        )
        Link.objects.create(name_vi="Ẩn", url="https://an.example/", is_active=False)
        for url in ("/", ArticleFactory().get_absolute_url()):
            content = visit(url).content.decode()
            assert content.index("Cổng TTĐT tỉnh") < content.index("Báo Hà Tĩnh")
            assert "Ẩn" not in content

    def test_map_page_has_the_image_its_alt_text_a_text_description_and_the_online_link(
        self,
    ):
        town_map = TownMap(
            title_vi="Bản đồ hành chính",
            alt_text_vi="Bản đồ các phường",
            description_vi="Phía bắc là núi Hồng Lĩnh.",
            online_map_url="https://www.openstreetmap.org/",
        )
        town_map.image.save("ban-do.jpg", SimpleUploadedFile("b.jpg", draw_map_jpeg()))
        content = visit(reverse("town-map")).content.decode()
        assert 'alt="Bản đồ các phường"' in content
        assert "Phía bắc là núi Hồng Lĩnh." in content
        assert 'href="https://www.openstreetmap.org/"' in content
        assert town_map.renditions["webp"]

    def test_songs_page_has_an_audio_player_with_the_right_type_and_lyrics(self):
        song = Song(title_vi="Giai điệu", composer="Tác giả", lyrics_vi="Lời một")
        song.audio.save("bai-hat.wav", SimpleUploadedFile("a.wav", tune_wav(0.2)))
        content = visit(reverse("songs")).content.decode()
        assert '<audio controls preload="none">' in content
        assert 'type="audio/wav"' in content
        assert "Lời một" in content

    def test_empty_map_and_songs_pages_say_so(self):
        assert (
            "Chưa có bản đồ nào được đăng."
            in visit(reverse("town-map")).content.decode()
        )
        assert (
            "Chưa có ca khúc nào được đăng." in visit(reverse("songs")).content.decode()
        )

    def test_english_pages(self):
        from django.utils.translation import override

        with override("en"):
            assert "Songs about Hong Linh" in visit(reverse("songs")).content.decode()


class TestAudioUploads:
    @pytest.mark.parametrize(
        "head",
        [b"ID3\x03\x00" + b"\x00" * 20, b"\xff\xfb\x90\x00" + b"\x00" * 20, b"OggS" + b"\x00" * 20,
         b"\x00\x00\x00\x20ftypM4A " + b"\x00" * 12],
    )  # fmt: skip
    def test_real_audio_is_accepted(self, head):
        validate_audio_file(SimpleUploadedFile("bai-hat.mp3", head))

    @pytest.mark.parametrize(
        "content",
        [
            b"<script>alert(1)</script>",
            b"MZ\x90\x00" + b"\x00" * 20,
            b"",
            b"%PDF-1.7\n" + b"\x00" * 20,
        ],
    )
    def test_other_files_are_refused_with_a_vietnamese_message(self, content):
        with pytest.raises(ValidationError) as info:
            validate_audio_file(SimpleUploadedFile("bai-hat.mp3", content))
        assert info.value.messages == [
            "Chỉ chấp nhận tệp âm thanh MP3, OGG, M4A và WAV."
        ]

    def test_a_huge_file_is_refused(self, settings):
        settings.AUDIO_MAX_UPLOAD_BYTES = 10
        with pytest.raises(ValidationError) as info:
            validate_audio_file(SimpleUploadedFile("a.mp3", b"ID3" + b"\x00" * 100))
        assert info.value.code == "audio_too_large"

    def test_admin_refuses_a_fake_song_and_keeps_nothing(self, admin_client):
        response = admin_client.post(
            reverse("admin:siteblocks_song_add"),
            {
                "title_vi": "Bài hát",
                "audio": SimpleUploadedFile("bai-hat.mp3", b"<html>not audio</html>"),
                "order": 0,
                "is_active": "on",
            },
        )
        assert response.status_code == 200
        assert (
            "Chỉ chấp nhận tệp âm thanh MP3, OGG, M4A và WAV."
            in response.content.decode()
        )
        assert not Song.objects.exists()

from datetime import date, datetime, timedelta

from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from news.models import Article, Category, Photo
from news.services import article_ensure_cover
from portal import demo_content
from portal.demo_images import draw_jpeg, draw_map_jpeg, tune_wav
from portal.models import Link, SiteStatistics, Song, TownMap


class Command(BaseCommand):
    help = "Load the demo content (idempotent: running it again changes nothing)."

    @transaction.atomic
    def handle(self, *args, **options):
        categories = {}
        for data in demo_content.CATEGORIES:
            categories[data["slug"]], _ = Category.objects.update_or_create(
                slug=data["slug"],
                defaults={key: value for key, value in data.items() if key != "slug"},
            )
        created_articles = created_photos = 0
        for data in demo_content.ARTICLES:
            content = {
                "category": categories[data["category"]],
                "is_featured": data.get("featured", False),
                **{
                    f"{field}_{lang}": data.get(f"{field}_{lang}", "")
                    for field in ("title", "summary", "byline", "source")
                    for lang in ("vi", "en")
                },
                **{
                    f"body_{lang}": "".join(f"<p>{p}</p>" for p in data[f"body_{lang}"])
                    for lang in ("vi", "en")
                },
            }
            article, created = Article.objects.update_or_create(
                slug=data["slug"],
                defaults=content,
                # Status and time are kept as first loaded: a re-run neither
                # moves articles in time nor republishes what staff withdrew.
                create_defaults={
                    **content,
                    "status": data.get("status", Article.Status.PUBLISHED),
                    "publish_at": self._publish_at(data),
                },
            )
            created_articles += created
            for order, photo_data in enumerate(data["photos"], start=1):
                if article.photos.filter(order=order).exists():
                    continue
                photo = Photo(
                    article=article,
                    order=order,
                    after_paragraph=photo_data["after"],
                    caption_vi=photo_data["caption_vi"],
                    caption_en=photo_data["caption_en"],
                    alt_text_vi=photo_data["alt_vi"],
                    alt_text_en=photo_data["alt_en"],
                    credit_vi="Ảnh minh họa",
                    credit_en="Illustration",
                )
                photo.image.save(
                    f"{photo_data['drawing']}.jpg",
                    ContentFile(draw_jpeg(photo_data["drawing"])),
                )
                created_photos += 1
            article_ensure_cover(article=article)
        decision = self._load_decision(demo_content.CONFERENCE_DECISION)
        self._load_site_blocks()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo decision {decision.number}: {decision.awards.count()} recipients."
            )
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content ready: {len(categories)} categories, "
                f"{len(demo_content.ARTICLES)} articles ({created_articles} new), "
                f"{created_photos} new photos."
            )
        )

    @staticmethod
    def _load_site_blocks():
        for order, (name_vi, name_en, url) in enumerate(demo_content.LINKS, start=1):
            Link.objects.update_or_create(
                url=url,
                defaults={"name_vi": name_vi, "name_en": name_en, "order": order},
            )
        statistics = SiteStatistics.load()
        if not statistics.starting_total:
            statistics.starting_total = demo_content.STARTING_VISITS
            statistics.save()
        data = demo_content.TOWN_MAP
        if not TownMap.objects.filter(title_vi=data["title_vi"]).exists():
            town_map = TownMap(**data)
            town_map.image.save("ban-do.jpg", ContentFile(draw_map_jpeg()))
        for order, song_data in enumerate(demo_content.SONGS, start=1):
            if not Song.objects.filter(title_vi=song_data["title_vi"]).exists():
                song = Song(order=order, **song_data)
                song.audio.save("giai-dieu.wav", ContentFile(tune_wav()))

    @staticmethod
    def _load_decision(data):
        from awards.models import Award, AwardForm, Decision, IssuingBody
        from awards.text import name_key

        issuer = IssuingBody.objects.get(key=name_key(data["issuer"]))
        form = AwardForm.objects.get(slug=data["form"])
        content = {
            key: data[key]
            for key in (
                "signer_name",
                "signer_title_vi",
                "signer_title_en",
                "excerpt_vi",
                "excerpt_en",
                "achievement_vi",
                "achievement_en",
            )
        }
        decision, _ = Decision.objects.update_or_create(
            issuer=issuer,
            number=data["number"],
            date=date.fromisoformat(data["date"]),
            defaults={
                **content,
                "period_start": data["period"][0],
                "period_end": data["period"][1],
                "article": Article.objects.get(slug=demo_content.CONFERENCE_SLUG),
            },
            create_defaults={
                **content,
                "period_start": data["period"][0],
                "period_end": data["period"][1],
                "article": Article.objects.get(slug=demo_content.CONFERENCE_SLUG),
                "status": Decision.Status.ISSUED,
            },
        )
        for order, (kind, name, position, unit) in enumerate(data["recipients"], 1):
            if not decision.awards.filter(order=order).exists():
                Award(
                    decision=decision,
                    order=order,
                    kind=kind,
                    name=name,
                    position=position,
                    unit=unit,
                    form=form,
                ).save()
        return decision

    @staticmethod
    def _publish_at(data):
        if "publish_at" in data:
            return timezone.make_aware(datetime.fromisoformat(data["publish_at"]))
        return timezone.now().replace(second=0, microsecond=0) - timedelta(
            days=data.get("days_ago", 0)
        )

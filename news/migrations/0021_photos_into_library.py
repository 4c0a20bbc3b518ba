from django.db import migrations

from core.text import fold_for_search

# Moved as they are: the library photo shares the stored file and the
# renditions already made (nothing is copied or re-encoded).
MOVED = (
    "width", "height", "is_decorative", "renditions",
    "caption_vi", "caption_en", "alt_text_vi", "alt_text_en",
    "credit_vi", "credit_en",
)
BATCH = 500


def _library_search_text(values):
    texts = [values["caption_vi"], values["caption_en"]]
    if not values["is_decorative"]:
        texts += [values["alt_text_vi"], values["alt_text_en"]]
    return fold_for_search(*texts, values["credit_vi"])


def into_library(apps, schema_editor):
    """One library photo per article photo, with its texts, file and
    renditions; the article photo then points to it."""
    ArticlePhoto = apps.get_model("news", "Photo")
    LibraryPhoto = apps.get_model("photos", "Photo")
    # Values, not instances: an instance's image field may open its file (to
    # measure it), and a photo whose file is missing must not stop the upgrade.
    rows = (
        ArticlePhoto.objects.filter(photo__isnull=True)
        .order_by("pk")
        .values("pk", "image", "article__publish_at", *MOVED)
    )
    batch = []
    for values in rows.iterator(chunk_size=BATCH):
        batch.append(values)
        if len(batch) == BATCH:
            _move(batch, ArticlePhoto, LibraryPhoto)
            batch = []
    if batch:
        _move(batch, ArticlePhoto, LibraryPhoto)


def _library_photo(LibraryPhoto, values):
    photo = LibraryPhoto(
        created_at=values["article__publish_at"],
        search_text=_library_search_text(values),
        # The untranslated columns hold the Vietnamese text, as
        # modeltranslation keeps them.
        caption=values["caption_vi"] or "",
        alt_text=values["alt_text_vi"] or "",
        credit=values["credit_vi"] or "",
        **{name: values[name] for name in MOVED},
    )
    # Not through the field's descriptor: it would open the file to measure
    # it, and a photo whose file is missing must not stop the upgrade.
    photo.__dict__["image"] = values["image"]
    return photo


def _move(batch, ArticlePhoto, LibraryPhoto):
    library = LibraryPhoto.objects.bulk_create(
        [_library_photo(LibraryPhoto, values) for values in batch]
    )
    placements = [
        ArticlePhoto(pk=values["pk"], photo_id=photo.pk)
        for values, photo in zip(batch, library, strict=True)
    ]
    ArticlePhoto.objects.bulk_update(placements, ["photo"])


def out_of_library(apps, schema_editor):
    """Back to the columns of the article photo (0022 reversed re-created
    them); the library photos made by into_library are kept."""
    ArticlePhoto = apps.get_model("news", "Photo")
    rows = ArticlePhoto.objects.filter(photo__isnull=False).values(
        "pk", "photo__image", *(f"photo__{name}" for name in MOVED)
    )
    for values in rows.iterator(chunk_size=BATCH):
        ArticlePhoto.objects.filter(pk=values["pk"]).update(
            image=values["photo__image"],
            caption=values["photo__caption_vi"] or "",
            alt_text=values["photo__alt_text_vi"] or "",
            credit=values["photo__credit_vi"] or "",
            **{name: values[f"photo__{name}"] for name in MOVED},
        )
    ArticlePhoto.objects.update(photo=None)


class Migration(migrations.Migration):

    dependencies = [
        ('news', '0020_photo_library'),
    ]

    operations = [
        migrations.RunPython(into_library, out_of_library),
    ]

"""Vietnamese text helpers shared by every app."""

import unicodedata

from django.utils.text import slugify

# Django's slugify drops đ/Đ ("Đảng bộ" -> "ang-bo"): NFKD has no decomposition for them.
_D_MAP = str.maketrans({"đ": "d", "Đ": "D"})


def nfc(value: str) -> str:
    """Some Vietnamese keyboards send decomposed (NFD) text that looks the same
    but does not compare equal; store everything composed."""
    return unicodedata.normalize("NFC", value) if value else value


def slugify_vi(value: str, max_length: int = 200) -> str:
    """ASCII slug that keeps Vietnamese words: "Đồng chí" -> "dong-chi"."""
    slug = slugify(nfc(value or "").translate(_D_MAP))
    return slug[:max_length].strip("-")


def unique_slug(model, value: str, *, instance_pk=None, max_length: int = 200) -> str:
    """A slug for ``value`` that no other row of ``model`` uses yet."""
    base = slugify_vi(value, max_length=max_length - 6) or "bai-viet"
    candidate, counter = base, 2
    others = (
        model._default_manager.exclude(pk=instance_pk)
        if instance_pk
        else model._default_manager.all()
    )
    while others.filter(slug=candidate).exists():
        candidate = f"{base}-{counter}"
        counter += 1
    return candidate

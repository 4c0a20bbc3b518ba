"""Vietnamese text helpers shared by every app: composing, slugs, and the
keys and folded text that let names and searches ignore case and diacritics."""

import html
import re
import unicodedata

from django.conf import settings
from django.utils.text import slugify

# A slash, dot or backslash between digits ("12/2026") becomes a hyphen, not nothing.
_DATE_SEPARATOR = re.compile(r"(?<=\d)[/.\\](?=\d)")
# Django's slugify drops đ/Đ ("Đảng bộ" -> "ang-bo"): NFKD has no decomposition for them.
_D_MAP = str.maketrans({"đ": "d", "Đ": "D"})
_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"[^\W_]+")
_TAG = re.compile(r"<[^>]*>")


def nfc(value: str) -> str:
    """Some Vietnamese keyboards send decomposed (NFD) text that looks the same
    but does not compare equal; store everything composed."""
    return unicodedata.normalize("NFC", value) if value else value


def normalise_translations(instance, *names: str, clean=nfc) -> None:
    """Pass every language's column of the translated fields ``names``
    (``title_vi``, ``title_en``…) through ``clean`` (composing by default);
    an empty column becomes ""."""
    for code, _language in settings.LANGUAGES:
        for name in names:
            field = f"{name}_{code}"
            setattr(instance, field, clean(getattr(instance, field) or ""))


def phone_uri(phone: str) -> str:
    """tel: URI of a Vietnamese number as written ("0239 3836 135" ->
    "tel:+842393836135")."""
    digits = "".join(c for c in phone or "" if c.isdigit() or c == "+")
    if not digits:
        return ""
    if digits.startswith("0"):
        digits = "+84" + digits[1:]
    return f"tel:{digits}"


def slugify_vi(value: str, max_length: int = 200) -> str:
    """ASCII slug that keeps Vietnamese words: "Đồng chí" -> "dong-chi", and
    dates readable: "12/2026" -> "12-2026", "05.12.2019" -> "05-12-2019"."""
    text = _DATE_SEPARATOR.sub("-", nfc(value or ""))
    slug = slugify(text.translate(_D_MAP))
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


def clean_text(value: str) -> str:
    """NFC, single spaces, no spaces at the ends: how names are stored."""
    return _SPACES.sub(" ", nfc(value or "")).strip()


def name_key(value: str) -> str:
    """Case-, spacing- and NFC-insensitive: how a name typed in a file is
    matched against a registry ("ubnd  Thị xã" = "UBND thị xã")."""
    return clean_text(value).casefold()


def search_key(value: str) -> str:
    """Also diacritic-insensitive, đ -> d: "Nguyễn Văn A" -> "nguyen van a"."""
    decomposed = unicodedata.normalize("NFD", name_key(value).translate(_D_MAP))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", stripped)


def syllables(value: str) -> list[str]:
    """Folded syllables (words) of a text: "Đồng chí, HỒNG" -> ["dong", "chi", "hong"]."""
    return _WORD.findall(search_key(value or ""))


def fold_for_search(*values: str) -> str:
    """What a search column stores: folded syllables, one space apart, with a
    space at each end so that LIKE '% word %' matches whole syllables only."""
    words = [word for value in values for word in syllables(value)]
    return f" {' '.join(words)} " if words else ""


def html_to_text(value: str) -> str:
    """Plain text of sanitised HTML, with blocks kept apart by spaces."""
    return _SPACES.sub(" ", html.unescape(_TAG.sub(" ", value or ""))).strip()

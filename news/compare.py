"""Side-by-side comparison of two versions of an article's texts."""

from difflib import SequenceMatcher

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from core.text import html_to_text
from photos.models import Photo as LibraryPhoto


def word_diff(old: str, new: str) -> tuple[str, str]:
    """The two texts as HTML, words removed from the old one in <del> and
    words added in the new one in <ins>."""
    before, after = (old or "").split(), (new or "").split()
    left, right = [], []
    matcher = SequenceMatcher(a=before, b=after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        removed = escape(" ".join(before[i1:i2]))
        added = escape(" ".join(after[j1:j2]))
        if tag == "equal":
            left.append(removed)
            right.append(added)
            continue
        if removed:
            left.append(f"<del>{removed}</del>")
        if added:
            right.append(f"<ins>{added}</ins>")
    return mark_safe(" ".join(left)), mark_safe(" ".join(right))  # noqa: S308


def compare_rows(fields, old: dict, new: dict):
    """[(label, language, old_html, new_html, changed)] for each text field."""
    rows = []
    for name, label, language, is_html in fields:
        before, after = old.get(name) or "", new.get(name) or ""
        if is_html:
            before, after = html_to_text(before), html_to_text(after)
        left, right = word_diff(str(before), str(after))
        rows.append((label, language, left, right, before != after))
    return rows


def photo_rows(old: list[dict] | None, new: list[dict] | None):
    """compare_rows' rows for two versions' photos: one per library photo and
    language, with the caption shown (the article's own or the library's) and
    the place in the body. None: the version kept no photos."""
    placed = [item["photo"] for item in (old or []) + (new or [])]
    if not placed:
        return []
    library = LibraryPhoto.objects.in_bulk(set(placed))
    rows = []
    for pk in dict.fromkeys(placed):
        photo = library.get(pk)
        label = _("Photo #%(number)s: %(name)s") % {
            "number": pk,
            "name": Truncator(str(photo) if photo else _("deleted")).chars(40),
        }
        for language in ("vi", "en"):
            before = _describe(old, pk, photo, language)
            after = _describe(new, pk, photo, language)
            left, right = word_diff(before, after)
            rows.append((label, language, left, right, before != after))
    return rows


def _describe(photos, pk, photo, language) -> str:
    if photos is None:
        return _("(photos not kept for this version)")
    parts = []
    for item in photos:
        if item["photo"] != pk:
            continue
        own = item.get(f"caption_override_{language}") or ""
        caption = own or (getattr(photo, f"caption_{language}", "") if photo else "")
        source = _("caption in this article") if own else _("library caption")
        place = _("after paragraph %(number)s") % {
            "number": item.get("after_paragraph", 0)
        }
        parts.append(f"{caption or '—'} ({source}; {place})")
    return " / ".join(parts)

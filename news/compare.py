"""Side-by-side comparison of two versions of an article's texts."""

from difflib import SequenceMatcher

from django.utils.html import escape
from django.utils.safestring import mark_safe

from core.text import html_to_text


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

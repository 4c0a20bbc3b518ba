"""Rich text: one allow-list for what editors may store, and the splitting of a
stored body into blocks so that photos can stand between paragraphs."""

import re

import nh3

ALLOWED_TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "s", "sub", "sup", "a",
    "ul", "ol", "li", "blockquote", "h2", "h3", "h4", "hr",
    "table", "thead", "tbody", "tr", "th", "td", "caption",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}
# The rich text editor's buttons (django-prose-editor): what the allow-list keeps.
EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Underline": True,
    "Strike": True,
    "Subscript": True,
    "Superscript": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HorizontalRule": True,
    "HardBreak": True,
    "Link": {"enableTarget": False},
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    "History": True,
}

_TAGS = re.compile(r"<[^>]*>")
_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes=ALLOWED_URL_SCHEMES,
    link_rel="noopener noreferrer",
    strip_comments=True,
)


def sanitize_html(value: str) -> str:
    """Keep only allow-listed tags and attributes; scripts, event handlers,
    inline styles and javascript: URLs are removed."""
    if not value:
        return ""
    cleaned = _cleaner.clean(value).strip()
    # Removing a tag can leave markup that parses differently the next time
    # (a <p> that was inside an <object> now inside a <p>): clean to a fixed point.
    for _ in range(3):
        again = _cleaner.clean(cleaned).strip()
        if again == cleaned:
            break
        cleaned = again
    # An editor that was cleared leaves "<p></p>": store an empty body instead.
    if not _TAGS.sub("", cleaned).strip() and "<hr" not in cleaned:
        return ""
    return cleaned


_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?(/?)>")
_VOID = {"br", "hr", "img", "wbr"}


def split_blocks(html: str) -> list[str]:
    """Split sanitised HTML into its top-level elements ("paragraphs").

    The input has passed through ``sanitize_html``, so tags are balanced and
    attribute values escaped; a tag scan is enough and costs microseconds.
    """
    blocks, depth, start = [], 0, 0
    for match in _TAG.finditer(html):
        closing, name, self_closing = (
            match.group(1),
            match.group(2).lower(),
            match.group(3),
        )
        if depth == 0 and not closing:
            text_before = html[start : match.start()].strip()
            if text_before:
                blocks.append(text_before)
            start = match.start()
        if name in _VOID or self_closing:
            if depth == 0:
                blocks.append(html[start : match.end()])
                start = match.end()
            continue
        depth = max(depth + (-1 if closing else 1), 0)
        if depth == 0 and closing:
            blocks.append(html[start : match.end()].strip())
            start = match.end()
    tail = html[start:].strip()
    if tail:
        blocks.append(tail)
    return [block for block in blocks if block and block not in ("<br>", "<br/>")]

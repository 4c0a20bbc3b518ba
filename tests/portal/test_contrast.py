"""Colour contrast of the theme (WCAG 2.1 AA: 4.5:1 for text)."""

import re
from pathlib import Path

import pytest
from django.conf import settings

CSS = (Path(settings.BASE_DIR) / "static" / "css" / "site.css").read_text()
VARIABLES = dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})", CSS))


def colour(name_or_hex):
    value = VARIABLES.get(name_or_hex, name_or_hex)
    return tuple(int(value[i : i + 2], 16) / 255 for i in (1, 3, 5))


def luminance(rgb):
    def channel(c):
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(foreground, background):
    lighter, darker = sorted(
        (luminance(colour(foreground)), luminance(colour(background))), reverse=True
    )
    return (lighter + 0.05) / (darker + 0.05)


# (text, background) pairs the stylesheet uses.
PAIRS = [
    ("ink", "paper"),
    ("muted", "paper"),
    ("link", "paper"),
    ("red-dark", "paper"),
    ("muted", "tint"),
    ("ink", "tint"),
    ("#ffffff", "red"),
    ("#ffffff", "red-dark"),
    ("#ffffff", "#5c0f0f"),
    ("#f0f0f0", "#2b2b2b"),
    ("ink", "#fff4d6"),
]


@pytest.mark.parametrize(("foreground", "background"), PAIRS)
def test_text_colours_meet_wcag_aa(foreground, background):
    assert contrast(foreground, background) >= 4.5


def test_the_checker_itself_rejects_a_weak_pair():
    assert contrast("#aaaaaa", "#ffffff") < 4.5
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0

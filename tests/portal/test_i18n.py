import datetime
import gettext
import re
from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from django.utils import formats
from django.utils.translation import override

LOCALES = Path(settings.BASE_DIR) / "locale"


ESCAPES = {'"': '"', "\\": "\\", "n": "\n", "t": "\t", "r": "\r"}


def unescape(text):
    """The C escapes a .po file uses inside quotes."""
    return re.sub(r"\\(.)", lambda m: ESCAPES.get(m.group(1), m.group(0)), text)


def po_entries(language):
    """(msgid, msgstrs, fuzzy) for each entry of a catalog; a context is joined
    to the msgid the way gettext stores it ("context\x04msgid")."""
    text = (LOCALES / language / "LC_MESSAGES" / "django.po").read_text(
        encoding="utf-8"
    )
    entries = []
    for block in text.split("\n\n")[1:]:
        lines = [line for line in block.splitlines() if not line.startswith("#~")]
        fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in lines)
        current, values = None, {}
        for line in lines:
            if line.startswith(("msgid", "msgstr", "msgctxt")):
                current, _, rest = line.partition(" ")
                values[current] = unescape(rest[1:-1])
            elif line.startswith('"') and current:
                values[current] += unescape(line[1:-1])
        if "msgid" in values:
            strs = [v for k, v in values.items() if k.startswith("msgstr")]
            msgid = values["msgid"]
            if "msgctxt" in values:
                msgid = f"{values['msgctxt']}\x04{msgid}"
            entries.append((msgid, strs, fuzzy))
    return entries


@pytest.mark.parametrize("language", ["vi", "en"])
def test_catalog_is_complete(language):
    entries = po_entries(language)
    assert len(entries) > 50
    missing = [msgid for msgid, strs, fuzzy in entries if fuzzy or not all(strs)]
    assert missing == []


@pytest.mark.parametrize("language", ["vi", "en"])
def test_compiled_catalog_matches_its_source(language):
    """The .mo is committed (a fresh machine may lack gettext): it must say
    what the .po says."""
    with (LOCALES / language / "LC_MESSAGES" / "django.mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    stale = [
        msgid
        for msgid, strs, _ in po_entries(language)
        if len(strs) == 1 and compiled.gettext(msgid) != strs[0]
    ]
    assert stale == []


def test_numbers_are_grouped_the_vietnamese_way():
    with override("vi"):
        assert formats.number_format(790992, force_grouping=True) == "790.992"
        assert formats.number_format(16.1, decimal_pos=1) == "16,1"


def test_dates_are_shown_and_read_day_first():
    with override("vi"):
        assert (
            formats.date_format(datetime.date(2019, 12, 5), "SHORT_DATE_FORMAT")
            == "05/12/2019"
        )
        assert forms.DateField().clean("05/12/2019") == datetime.date(2019, 12, 5)
    with override("en"):
        assert forms.DateField().clean("05/12/2019") == datetime.date(2019, 12, 5)

"""Keys that let the registry recognise the same name written differently."""

import re
import unicodedata

from portal.text import nfc

_SPACES = re.compile(r"\s+")
_D_MAP = str.maketrans({"đ": "d", "Đ": "D"})


def name_key(value: str) -> str:
    """Case-, spacing- and NFC-insensitive: how issuers and award forms named in
    a file are matched against the registry ("ubnd  Thị xã" = "UBND thị xã")."""
    return _SPACES.sub(" ", nfc(value or "")).strip().casefold()


def search_key(value: str) -> str:
    """Also diacritic-insensitive, đ -> d: "Nguyễn Văn A" -> "nguyen van a"."""
    decomposed = unicodedata.normalize("NFD", name_key(value).translate(_D_MAP))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", stripped)


def clean_text(value: str) -> str:
    """NFC, single spaces, no spaces at the ends: how names are stored."""
    return _SPACES.sub(" ", nfc(value or "")).strip()

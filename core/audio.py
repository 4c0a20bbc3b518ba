"""Audio uploads for the songs page: real audio files only, by their bytes."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

# What a browser's <audio> element plays everywhere, recognised by signature.
AUDIO_SIGNATURES = {
    "mp3": lambda head: (
        head[:3] == b"ID3" or (head[0] == 0xFF and head[1] & 0xE0 == 0xE0)
    ),
    "ogg": lambda head: head[:4] == b"OggS",
    "wav": lambda head: head[:4] == b"RIFF" and head[8:12] == b"WAVE",
    "m4a": lambda head: head[4:8] == b"ftyp",
}
CONTENT_TYPES = {
    "mp3": "audio/mpeg",
    "ogg": "audio/ogg",
    "wav": "audio/wav",
    "m4a": "audio/mp4",
}


def audio_kind(head: bytes) -> str | None:
    if len(head) < 12:
        return None
    return next(
        (kind for kind, matches in AUDIO_SIGNATURES.items() if matches(head)), None
    )


def validate_audio_file(file) -> None:
    size = getattr(file, "size", 0)
    if size > settings.AUDIO_MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("The audio file is %(size)s; the largest accepted is %(limit)s."),
            code="audio_too_large",
            params={
                "size": filesizeformat(size),
                "limit": filesizeformat(settings.AUDIO_MAX_UPLOAD_BYTES),
            },
        )
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    head = file.read(16)
    file.seek(position)
    if audio_kind(head) is None:
        raise ValidationError(
            _("Only MP3, OGG, M4A and WAV audio files are accepted."),
            code="audio_format",
        )

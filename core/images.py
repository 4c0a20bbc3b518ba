"""Photo uploads: what we accept, and the renditions we serve.

Every upload is opened with Pillow (never trusted by its extension), limited in
bytes and pixels before it is decoded, and turned once into WebP renditions at
a few widths plus a JPEG fallback; pages only read the stored result. The
stored original keeps no location metadata (``without_location``).
"""

import io
import re
import secrets
import struct
import warnings
import zlib
from pathlib import PurePosixPath

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models
from django.db.models.fields.files import ImageFieldFile
from django.template.defaultfilters import filesizeformat
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

ACCEPTED_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}
# Markup hidden in an otherwise valid image (a "polyglot") is how images are
# turned into stored XSS; these byte strings never occur in honest photos.
POLYGLOT_MARKERS = re.compile(
    rb"<(script|html|body|iframe|svg|\?php)|javascript:", re.I
)


def upload_extension(filename: str) -> str:
    """The extension a stored photo keeps: only the accepted ones, lower case."""
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    return f".{suffix}" if suffix in {"jpg", "jpeg", "png", "webp"} else ""


def validate_image_file(file) -> None:
    """Raise ValidationError with a message an editor understands."""
    size = getattr(file, "size", None)
    if size is not None and size > settings.IMAGE_MAX_UPLOAD_BYTES:
        raise ValidationError(
            _(
                "The photo is %(size)s; the largest accepted is %(limit)s. Please reduce it."
            ),
            code="image_too_large",
            params={
                "size": filesizeformat(size),
                "limit": filesizeformat(settings.IMAGE_MAX_UPLOAD_BYTES),
            },
        )
    if size == 0:
        raise ValidationError(_("The file is empty."), code="image_empty")
    position = file.tell() if hasattr(file, "tell") else None
    file.seek(0)
    if POLYGLOT_MARKERS.search(file.read()):
        file.seek(position or 0)
        raise ValidationError(
            _(
                "The file hides web page or script code inside the photo, so it was refused."
            ),
            code="image_polyglot",
        )
    file.seek(0)
    too_many_pixels = ValidationError(
        _("The photo has more than %(limit)s megapixels. Please reduce it."),
        code="image_too_many_pixels",
        params={"limit": settings.IMAGE_MAX_PIXELS // 1_000_000},
    )
    try:
        with warnings.catch_warnings():
            # Pillow refuses bombs from the header, before decoding (its limit is
            # set in PortalConfig.ready); make its warning zone an error too.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(file) as image:
                width, height = image.size
                if width * height > settings.IMAGE_MAX_PIXELS:
                    raise too_many_pixels
                if image.format not in ACCEPTED_FORMATS:
                    raise ValidationError(
                        _(
                            "Only JPEG, PNG and WebP photos are accepted (this file is %(format)s)."
                        ),
                        code="image_format",
                        params={"format": image.format or "?"},
                    )
                image.verify()
            # verify() does not decode pixel data: decode once to catch truncated files.
            file.seek(0)
            with Image.open(file) as image:
                image.load()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise too_many_pixels from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ValidationError(
            _("The file is not a valid photo (JPEG, PNG or WebP) or it is damaged."),
            code="image_invalid",
        ) from exc
    finally:
        if position is not None:
            file.seek(position)


class PhotoFormField(forms.ImageField):
    """Runs our checks before Django's, so a bomb or an oversized file gets
    its own clear message rather than a generic "invalid image"."""

    def to_python(self, data):
        if data is not None and hasattr(data, "read"):
            validate_image_file(data)
        return super().to_python(data)


GPS_IFD = 0x8825
# XMP and IPTC blocks may carry the place a photo was taken (GPS, city,
# sublocation); nothing on the site reads them, so they are dropped whole.
XMP_PREFIX = b"http://ns.adobe.com/"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_TEXT_CHUNKS = {b"tEXt", b"zTXt", b"iTXt"}
PNG_LOCATION_KEYWORDS = (b"XML:com.adobe.xmp", b"Raw profile type")
WEBP_EXIF_FLAG, WEBP_XMP_FLAG = 0x08, 0x04


def without_location(data: bytes) -> bytes:
    """The photo's bytes without GPS/location metadata: the EXIF GPS directory
    is removed (orientation, date taken and the rest are kept) and XMP/IPTC
    blocks are dropped. The image data itself is copied, never re-encoded."""
    try:
        if data[:2] == b"\xff\xd8":
            return _jpeg_without_location(data)
        if data[:8] == PNG_SIGNATURE:
            return _png_without_location(data)
        if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
            return _webp_without_location(data)
    except (IndexError, ValueError, struct.error):
        pass  # malformed: validate_image_file refuses it with a clear message
    return data


def _exif_without_gps(raw: bytes) -> bytes:
    """EXIF ("Exif\\0\\0" + TIFF) without its GPS directory; b"" if unreadable."""
    exif = Image.Exif()
    try:
        exif.load(raw)
        if GPS_IFD not in exif:
            return raw
        del exif[GPS_IFD]
        return exif.tobytes()
    except (OSError, SyntaxError, ValueError, KeyError, TypeError, struct.error):
        return b""


def _jpeg_without_location(data: bytes) -> bytes:
    out, pos = [data[:2]], 2
    while pos + 4 <= len(data) and data[pos] == 0xFF:
        marker = data[pos + 1]
        if marker in (0xDA, 0xD9):  # start of scan: the rest is image data
            break
        if marker == 0xFF:  # fill byte
            out.append(data[pos : pos + 1])
            pos += 1
            continue
        end = pos + 2 + int.from_bytes(data[pos + 2 : pos + 4], "big")
        payload = data[pos + 4 : end]
        if marker == 0xE1 and payload.startswith(b"Exif\x00\x00"):
            exif = _exif_without_gps(payload)
            if exif and len(exif) <= 65533:
                out.append(b"\xff\xe1" + (len(exif) + 2).to_bytes(2, "big") + exif)
        elif not (
            (marker == 0xE1 and payload.startswith(XMP_PREFIX)) or marker == 0xED
        ):
            out.append(data[pos:end])
        pos = end
    out.append(data[pos:])
    return b"".join(out)


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return (
        len(body).to_bytes(4, "big")
        + kind
        + body
        + zlib.crc32(kind + body).to_bytes(4, "big")
    )


def _png_without_location(data: bytes) -> bytes:
    out, pos = [data[:8]], 8
    while pos + 12 <= len(data):
        length = int.from_bytes(data[pos : pos + 4], "big")
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        end = pos + 12 + length
        if kind == b"eXIf":
            exif = _exif_without_gps(b"Exif\x00\x00" + body)
            if exif:
                out.append(_png_chunk(kind, exif[6:]))
        elif not (kind in PNG_TEXT_CHUNKS and body.startswith(PNG_LOCATION_KEYWORDS)):
            out.append(data[pos:end])
        pos = end
    out.append(data[pos:])
    return b"".join(out)


def _webp_without_location(data: bytes) -> bytes:
    chunks, pos, dropped = [], 12, 0
    while pos + 8 <= len(data):
        kind = data[pos : pos + 4]
        length = int.from_bytes(data[pos + 4 : pos + 8], "little")
        body = data[pos + 8 : pos + 8 + length]
        pos += 8 + length + (length & 1)
        if kind == b"EXIF":
            prefixed = body.startswith(b"Exif\x00\x00")
            exif = _exif_without_gps(body if prefixed else b"Exif\x00\x00" + body)
            if not exif:
                dropped |= WEBP_EXIF_FLAG
                continue
            body = exif if prefixed else exif[6:]
        elif kind == b"XMP ":
            dropped |= WEBP_XMP_FLAG
            continue
        chunks.append([kind, body])
    for chunk in chunks:
        if chunk[0] == b"VP8X" and chunk[1]:
            chunk[1] = bytes([chunk[1][0] & ~dropped]) + chunk[1][1:]
    body = b"".join(
        kind + len(b).to_bytes(4, "little") + b + b"\x00" * (len(b) & 1)
        for kind, b in chunks
    )
    return b"RIFF" + (len(body) + 4).to_bytes(4, "little") + b"WEBP" + body


class PhotoFieldFile(ImageFieldFile):
    """Every stored original goes through ``without_location`` first."""

    def save(self, name, content, save=True):
        content.seek(0)
        data = content.read()
        cleaned = without_location(data)
        if cleaned != data:
            content = ContentFile(cleaned, name=name)
        else:
            content.seek(0)
        super().save(name, content, save)


class PhotoField(models.ImageField):
    attr_class = PhotoFieldFile

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": PhotoFormField, **kwargs})


def _save_image(image: Image.Image, name: str, fmt: str, **options) -> str:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    if default_storage.exists(name):
        default_storage.delete(name)
    return default_storage.save(name, ContentFile(buffer.getvalue()))


def make_renditions(source, *, key: str) -> dict:
    """Write WebP renditions (one per configured width not above the original)
    and a JPEG fallback; return a description to store on the model."""
    with Image.open(source) as original:
        image = ImageOps.exif_transpose(original)
        image = image.convert("RGBA" if image.mode in ("RGBA", "LA", "P") else "RGB")
        src_width, src_height = image.size
        widths = [w for w in settings.IMAGE_RENDITION_WIDTHS if w < src_width] + [
            min(src_width, settings.IMAGE_RENDITION_WIDTHS[-1])
        ]
        folder = PurePosixPath("renditions") / key
        webp = []
        for width in sorted(set(widths)):
            height = round(src_height * width / src_width)
            resized = (
                image
                if width == src_width
                else image.resize((width, height), Image.LANCZOS)
            )
            name = _save_image(
                resized, str(folder / f"{width}.webp"), "WEBP", quality=80, method=4
            )
            webp.append({"width": width, "height": height, "name": name})
        fallback = webp[min(1, len(webp) - 1)]
        flat = image.convert("RGB")
        if flat.size[0] != fallback["width"]:
            flat = flat.resize((fallback["width"], fallback["height"]), Image.LANCZOS)
        jpeg_name = _save_image(
            flat,
            str(folder / "fallback.jpg"),
            "JPEG",
            quality=82,
            optimize=True,
            progressive=True,
        )
    return {
        "width": src_width,
        "height": src_height,
        "webp": webp,
        "jpeg": {
            "width": fallback["width"],
            "height": fallback["height"],
            "name": jpeg_name,
        },
    }


class RenditionsMixin:
    """For models with an ``image`` field (width/height) and a ``renditions``
    JSONField: renditions are made when the image changes, never on a page view."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._saved_image_name = self.image.name if self.image else ""

    def refresh_renditions_if_changed(self):
        if self.image and (
            self.image.name != self._saved_image_name or not self.renditions
        ):
            old = self.renditions
            self.image.open("rb")
            try:
                self.renditions = make_renditions(
                    self.image,
                    key=f"{self._meta.model_name}-{self.pk}-{secrets.token_hex(4)}",
                )
            finally:
                self.image.close()
            # The size is stored with the renditions: with it missing, Django
            # would open the original on every load of the row, and a row
            # whose file is gone would fail every page showing it.
            size = self._stored_size()
            for name, value in size.items():
                setattr(self, name, value)
            type(self)._default_manager.filter(pk=self.pk).update(
                renditions=self.renditions, **size
            )
            self._saved_image_name = self.image.name
            delete_renditions(old)
            return True
        return False

    def _stored_size(self) -> dict:
        field = self._meta.get_field("image")
        size = {}
        if field.width_field:
            size[field.width_field] = self.renditions["width"]
        if field.height_field:
            size[field.height_field] = self.renditions["height"]
        return size

    @property
    def srcset(self):
        return ", ".join(
            f"{default_storage.url(r['name'])} {r['width']}w"
            for r in self.renditions.get("webp", [])
        )

    @property
    def fallback(self):
        jpeg = self.renditions.get("jpeg")
        if jpeg:
            return {
                "url": default_storage.url(jpeg["name"]),
                "width": jpeg["width"],
                "height": jpeg["height"],
            }
        return {"url": self.image.url, "width": self.width, "height": self.height}

    @property
    def largest_rendition_url(self):
        webp = self.renditions.get("webp")
        return default_storage.url(webp[-1]["name"]) if webp else self.image.url


def admin_thumbnail(photo, width: int = 160) -> str:
    """The smallest rendition of a photo, for admin lists and forms."""
    smallest = (photo.renditions.get("webp") or [None])[0] if photo else None
    if not smallest:
        return "—"
    return format_html(
        '<img src="{}" alt="" width="{}" style="height:auto;max-width:{}px">',
        default_storage.url(smallest["name"]),
        width,
        width,
    )


def delete_renditions(renditions: dict) -> None:
    names = [r["name"] for r in renditions.get("webp", [])]
    if renditions.get("jpeg"):
        names.append(renditions["jpeg"]["name"])
    for name in names:
        default_storage.delete(name)

"""Photo uploads: what we accept, and the renditions we serve.

Every upload is opened with Pillow (never trusted by its extension), limited in
bytes and pixels before it is decoded, and turned once into WebP renditions at
a few widths plus a JPEG fallback; pages only read the stored result.
"""

import io
import re
import secrets
import warnings
from pathlib import PurePosixPath

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

ACCEPTED_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}
# Markup hidden in an otherwise valid image (a "polyglot") is how images are
# turned into stored XSS; these byte strings never occur in honest photos.
POLYGLOT_MARKERS = re.compile(
    rb"<(script|html|body|iframe|svg|\?php)|javascript:", re.I
)


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


class PhotoField(models.ImageField):
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
            type(self)._default_manager.filter(pk=self.pk).update(
                renditions=self.renditions
            )
            self._saved_image_name = self.image.name
            delete_renditions(old)
            return True
        return False

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


def delete_renditions(renditions: dict) -> None:
    names = [r["name"] for r in renditions.get("webp", [])]
    if renditions.get("jpeg"):
        names.append(renditions["jpeg"]["name"])
    for name in names:
        default_storage.delete(name)

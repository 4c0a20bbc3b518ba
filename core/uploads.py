"""Uploads kept when a form is refused for another reason.

A photo or scan that passed its own checks is stored aside (``kept-uploads/``
in the default storage) and named in the re-shown form by a signed token, so
the editor fixes the other field and saves without choosing the file again.
Use ``KeptFileInput`` as the widget of the file fields and ``KeepUploadsMixin``
on the form (admin: ``formfield_overrides`` and ``form``)."""

import datetime
import secrets
from pathlib import PurePosixPath

from django import forms
from django.contrib.admin.widgets import AdminFileWidget
from django.core import signing
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.db import models
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

KEPT_DIR = "kept-uploads"
SALT = "core.uploads.kept"
MAX_AGE = datetime.timedelta(days=1)
SUFFIX = "__kept"


def upload_keep(file: UploadedFile) -> str:
    """Store a copy of ``file`` aside; return the token that names it."""
    kept_uploads_clear()
    name = get_valid_filename(PurePosixPath(file.name or "upload").name)[-100:]
    file.seek(0)
    path = default_storage.save(
        f"{KEPT_DIR}/{secrets.token_hex(16)}/{name}", ContentFile(file.read())
    )
    file.seek(0)
    return signing.dumps(
        {"path": path, "type": getattr(file, "content_type", "")}, salt=SALT
    )


def upload_restore(token: str) -> UploadedFile | None:
    """The file kept under ``token``, or None (forged, expired or gone)."""
    if not token:
        return None
    try:
        kept = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return None
    path = str(kept.get("path", ""))
    if not path.startswith(f"{KEPT_DIR}/") or ".." in path:
        return None
    try:
        with default_storage.open(path) as stored:
            content = stored.read()
    except OSError:
        return None
    file = SimpleUploadedFile(
        PurePosixPath(path).name, content, kept.get("type") or None
    )
    file.kept_token = token
    return file


def kept_uploads_clear() -> int:
    """Delete kept files older than MAX_AGE; return how many."""
    try:
        folders, _files = default_storage.listdir(KEPT_DIR)
    except (FileNotFoundError, NotImplementedError, OSError):
        return 0
    deleted, limit = 0, timezone.now() - MAX_AGE
    for folder in folders:
        try:
            _dirs, names = default_storage.listdir(f"{KEPT_DIR}/{folder}")
            for name in names:
                path = f"{KEPT_DIR}/{folder}/{name}"
                if default_storage.get_modified_time(path) < limit:
                    default_storage.delete(path)
                    deleted += 1
        except (FileNotFoundError, NotImplementedError, OSError):
            continue
    return deleted


class KeptFileInput(AdminFileWidget):
    """The admin's file input, which also carries the token of a file kept
    from the refused submission and takes it when no new file is chosen."""

    kept = None  # (token, file name), set by KeepUploadsMixin

    def render(self, name, value, attrs=None, renderer=None):
        html = super().render(name, value, attrs, renderer)
        if not self.kept:
            return html
        token, file_name = self.kept
        return html + format_html(
            '<input type="hidden" name="{}" value="{}">'
            '<p class="help kept-upload">{}</p>',
            name + SUFFIX,
            token,
            _(
                "Kept from your last try: %(name)s. Save again to use it, or choose another file."
            )
            % {"name": file_name},
        )

    def value_from_datadict(self, data, files, name):
        value = super().value_from_datadict(data, files, name)
        if value:  # a new file, or "clear" ticked (False is falsy: handled below)
            return value
        if value is False:
            return value
        return upload_restore(data.get(name + SUFFIX, "")) or value


class KeepUploadsMixin:
    """Keep every file that passed its checks, so that a form refused for
    another reason (or another form of the page) shows it kept."""

    def full_clean(self):
        super().full_clean()
        if not self.is_bound or not hasattr(self, "cleaned_data"):
            return
        for name, field in self.fields.items():
            widget = field.widget
            value = self.cleaned_data.get(name)
            if not isinstance(widget, KeptFileInput) or name in self.errors:
                continue
            if isinstance(value, UploadedFile):
                token = getattr(value, "kept_token", None) or upload_keep(value)
                widget.kept = (token, PurePosixPath(value.name).name)


class KeepUploadsModelForm(KeepUploadsMixin, forms.ModelForm):
    pass


# For a ModelAdmin or inline: ``formfield_overrides = KEEP_UPLOADS`` and
# ``form = KeepUploadsModelForm``.
KEEP_UPLOADS = {
    models.FileField: {"widget": KeptFileInput},
    models.ImageField: {"widget": KeptFileInput},
}

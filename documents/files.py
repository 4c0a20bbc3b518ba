"""Attachments are recognised by their bytes, never by their names: a PDF
starts with %PDF-, DOC and XLS are OLE2 compound files, DOCX and XLSX are zip
packages with their main part, ODT a zip whose first member names its type.
The extension must agree with the bytes, so a renamed file is refused."""

import posixpath
import unicodedata
import zipfile
import zlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from core.text import clean_text

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
PDF_MAGIC = b"%PDF-"
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
DEFAULT_MAX_BYTES = 20 * 1024 * 1024

# What reading a member of a zip can raise: damaged, encrypted (RuntimeError),
# an unsupported compression (NotImplementedError), a truncated stream.
UNREADABLE_ZIP = (
    zipfile.BadZipFile,
    OSError,
    KeyError,
    ValueError,
    RuntimeError,
    NotImplementedError,
    EOFError,
    zlib.error,
)


class FileKind(models.TextChoices):
    PDF = "pdf", "PDF"
    DOC = "doc", "Word (.doc)"
    DOCX = "docx", "Word (.docx)"
    XLS = "xls", "Excel (.xls)"
    XLSX = "xlsx", "Excel (.xlsx)"
    ODT = "odt", "OpenDocument (.odt)"


CONTENT_TYPES = {
    FileKind.PDF: "application/pdf",
    FileKind.DOC: "application/msword",
    FileKind.DOCX: "application/vnd.openxmlformats-officedocument"
    ".wordprocessingml.document",
    FileKind.XLS: "application/vnd.ms-excel",
    FileKind.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    FileKind.ODT: "application/vnd.oasis.opendocument.text",
}


def max_bytes() -> int:
    return getattr(settings, "DOCUMENT_MAX_UPLOAD_BYTES", DEFAULT_MAX_BYTES)


def sniff(file) -> str | None:
    """The kind the bytes of ``file`` show, or None."""
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    if head.startswith(PDF_MAGIC):
        return "pdf"
    if head == OLE2_MAGIC:
        return "ole2"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(file) as archive:
                names = archive.namelist()
                if names and names[0] == "mimetype":
                    if archive.read("mimetype").strip() == ODT_MIMETYPE:
                        return FileKind.ODT
                    return None
                if "[Content_Types].xml" in names:
                    if "word/document.xml" in names:
                        return FileKind.DOCX
                    if "xl/workbook.xml" in names:
                        return FileKind.XLSX
        except UNREADABLE_ZIP:
            return None
        finally:
            file.seek(0)
    return None


def check_upload(file, name: str | None = None) -> tuple[str, str, int]:
    """(clean original name, kind, size) of an attachment, or ValidationError
    with a message for the editor."""
    name = clean_name(name or getattr(file, "name", "") or "")
    size = getattr(file, "size", None)
    if size is None:
        file.seek(0, 2)
        size = file.tell()
        file.seek(0)
    if size > max_bytes():
        raise ValidationError(
            _("“%(name)s” is too large: at most %(limit)s."),
            code="too_large",
            params={"name": name, "limit": filesizeformat(max_bytes())},
        )
    if not size:
        raise ValidationError(
            _("“%(name)s” is empty."), code="empty", params={"name": name}
        )
    extension = posixpath.splitext(name)[1].lower().lstrip(".")
    if extension not in FileKind.values:
        raise ValidationError(
            _("“%(name)s”: only PDF, DOC, DOCX, XLS, XLSX and ODT files are accepted."),
            code="bad_extension",
            params={"name": name},
        )
    found = sniff(file)
    matches = found == extension or (
        found == "ole2" and extension in (FileKind.DOC, FileKind.XLS)
    )
    if not matches:
        raise ValidationError(
            _(
                "“%(name)s” is not a real %(kind)s file: its content does not "
                "match its extension."
            ),
            code="content_mismatch",
            params={"name": name, "kind": extension.upper()},
        )
    return name, extension, size


def clean_name(name: str) -> str:
    """The base name, composed, without control characters or path parts."""
    name = posixpath.basename(name.replace("\\", "/"))
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    return clean_text(name)[:255] or "tep"

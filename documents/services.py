"""Importing an archive of documents, exporting comments on drafts.

The import reads one sheet, one row per document, with Vietnamese headers
(HEADERS), and the attached files from a folder (or, in the admin, a zip).
Every row and every file is checked before anything is written: one bad row
imports nothing, and the report names each bad row and why. A document
already recorded (same issuer, number and year) is skipped, so importing the
same archive twice adds nothing.
"""

import datetime
import io
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from core.importing import (
    ImportRefused,
    RowError,
    cell_date,
    cell_text,
    read_upload,
    sheet_rows,
)
from core.text import clean_text, name_key, search_key
from organisation.models import Unit

from .files import UNREADABLE_ZIP, check_upload, max_bytes
from .models import (
    NUMBER_RE,
    Comment,
    Document,
    DocumentField,
    DocumentFile,
    DocumentRelation,
    DocumentType,
    Status,
    normalise_number,
)

HEADERS = [
    "STT",
    "Số ký hiệu",
    "Loại văn bản",
    "Cơ quan ban hành",
    "Người ký",
    "Chức vụ người ký",
    "Lĩnh vực",
    "Ngày ban hành",
    "Ngày hiệu lực",
    "Ngày hết hiệu lực",
    "Trạng thái",
    "Trích yếu",
    "Trích yếu (tiếng Anh)",
    "Tệp đính kèm",
]
# Optional columns: numbers of the documents this one replaces, amends or
# guides, separated by “;” (in the file or already on the portal).
RELATION_HEADERS = {
    "Thay thế văn bản": "replaces",
    "Sửa đổi văn bản": "amends",
    "Hướng dẫn văn bản": "guides",
}
STATUS_LABELS = {
    Status.IN_FORCE: "Còn hiệu lực",
    Status.NOT_YET: "Chưa có hiệu lực",
    Status.EXPIRED: "Hết hiệu lực",
    Status.REPLACED: "Bị thay thế",
    Status.AMENDED: "Được sửa đổi, bổ sung",
}
_STATUS_KEYS = {search_key(label): value for value, label in STATUS_LABELS.items()}
_STATUS_KEYS.update({search_key(value): value for value in Status.values})
MAX_SHEET_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
MAX_ARCHIVE_BYTES = 2 * 1024 * 1024 * 1024
LIMITS = {"signer_name": 120, "signer_title": 160, "excerpt": 2000}


class DocumentsImportError(ImportRefused):
    pass


@dataclass
class ImportRow:
    row: int
    number: str
    document_type: DocumentType
    issuer: Unit
    field: DocumentField | None
    signer_name: str
    signer_title: str
    issued_on: datetime.date
    effective_on: datetime.date | None
    expires_on: datetime.date | None
    status: str
    excerpt_vi: str
    excerpt_en: str
    files: list[str]
    existing: bool = False
    # (kind, number as written, number key); then (kind, target key) once resolved
    relations: list = field(default_factory=list)

    @property
    def key(self):
        return (self.issuer.pk, search_key(self.number), self.issued_on.year)

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]


@dataclass
class ImportReport:
    rows: int = 0
    created: int = 0
    existing: int = 0
    files: int = 0
    warnings: list[RowError] = field(default_factory=list)


class FolderFiles:
    """Attachments in a folder, found by name whatever the case or Unicode
    form of the name in the sheet."""

    def __init__(self, folder):
        self.folder = Path(folder)
        self.names = (
            {
                _file_key(p.name): p
                for p in sorted(self.folder.rglob("*"))
                if p.is_file()
            }
            if self.folder.is_dir()
            else {}
        )

    def find(self, name):
        return self.names.get(_file_key(name))

    def open(self, found):
        return found.open("rb")

    def size(self, found):
        return found.stat().st_size


class ZipFiles:
    """Attachments in a zip (the admin's upload); sizes are checked from the
    directory before anything is unpacked."""

    def __init__(self, file):
        try:
            self.archive = zipfile.ZipFile(file)
            infos = [info for info in self.archive.infolist() if not info.is_dir()]
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise DocumentsImportError(
                [RowError(None, "bad_zip", _("The attachments are not a zip file."))]
            ) from exc
        if sum(info.file_size for info in infos) > MAX_ARCHIVE_BYTES:
            raise DocumentsImportError(
                [RowError(None, "zip_too_large", _("The zip file is too large."))]
            )
        self.names = {_file_key(Path(_zip_name(info)).name): info for info in infos}

    def find(self, name):
        return self.names.get(_file_key(name))

    def open(self, found):
        return io.BytesIO(self.archive.read(found))

    def size(self, found):
        return found.file_size


def _zip_name(info: zipfile.ZipInfo) -> str:
    """The member's name as its author wrote it: zips made without the UTF-8
    flag (some archivers, older Windows) are read by zipfile as CP437."""
    if info.flag_bits & 0x800:
        return info.filename
    raw = info.filename.encode("cp437", errors="replace")
    for encoding in ("utf-8", "cp1258"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return info.filename


def _file_key(name: str) -> str:
    return unicodedata.normalize("NFC", name).strip().casefold()


# Reading ---------------------------------------------------------------------


def documents_parse(*, sheet, files) -> list[ImportRow]:
    """Check every row of the .xlsx ``sheet`` and every attachment in
    ``files`` (FolderFiles or ZipFiles); raise DocumentsImportError listing
    every problem, or return the rows."""
    data = read_upload(sheet, max_bytes=MAX_SHEET_BYTES, refused=DocumentsImportError)
    rows_in = sheet_rows(data, max_bytes=MAX_SHEET_BYTES, refused=DocumentsImportError)
    columns = _columns(next(rows_in, None))
    lookups = {
        "type": _by_keys(DocumentType.objects.all(), extra=lambda t: [t.code]),
        "issuer": _by_keys(Unit.objects.all()),
        "field": _by_keys(DocumentField.objects.all()),
    }
    existing = {
        (issuer_id, number_key, year)
        for issuer_id, number_key, year in Document.objects.values_list(
            "issuer_id", "number_key", "year"
        )
    }
    errors, rows, seen = [], [], {}
    for number, values in enumerate(rows_in, start=2):
        if number > MAX_ROWS + 1:
            raise DocumentsImportError(
                [
                    RowError(
                        None,
                        "too_many_rows",
                        _("The file has more than %(count)d rows; split it.")
                        % {"count": MAX_ROWS},
                    )
                ]
            )
        ordered = [
            values[i] if i is not None and i < len(values) else None for i in columns
        ]
        cells = [cell_text(v) for v in ordered]
        if not any(cells):
            continue
        row_errors = []
        row = _check_row(
            number, ordered, cells[: len(HEADERS)], lookups, files, row_errors
        )
        relations = _check_relations(number, cells[len(HEADERS) :], row_errors)
        if row is not None:
            row.relations = relations
            key = row.key
            if key in seen:
                row_errors.append(
                    RowError(
                        number,
                        "duplicate_row",
                        _("Same number, issuer and year as row %(row)d.")
                        % {"row": seen[key]},
                    )
                )
            seen.setdefault(key, number)
            row.existing = key in existing
            if not row_errors:
                rows.append(row)
        errors.extend(row_errors)
    errors.extend(_resolve_relations(rows))
    if errors:
        raise DocumentsImportError(sorted(errors, key=lambda e: e.row or 0))
    if not rows:
        raise DocumentsImportError(
            [RowError(None, "no_rows", _("The file has no document rows."))]
        )
    return rows


REQUIRED_HEADERS = ("Số ký hiệu", "Loại văn bản", "Cơ quan ban hành", "Ngày ban hành",
                    "Trích yếu")  # fmt: skip


def _columns(header) -> list[int | None]:
    """Where each column of HEADERS and RELATION_HEADERS is in the sheet,
    found by its title whatever the case, spacing or order (None: absent);
    a sheet without a required column is refused."""
    found = {}
    for index, title in enumerate(header or ()):
        found.setdefault(name_key(cell_text(title)), index)
    columns = [found.get(name_key(title)) for title in HEADERS + list(RELATION_HEADERS)]
    missing = [
        title for title in REQUIRED_HEADERS if found.get(name_key(title)) is None
    ]
    if missing:
        raise DocumentsImportError(
            [
                RowError(
                    None,
                    "bad_header",
                    _(
                        "The first row must hold the template's columns; missing: "
                        "%(missing)s. Columns: %(columns)s."
                    )
                    % {"missing": ", ".join(missing), "columns": ", ".join(HEADERS)},
                )
            ]
        )
    return columns


def _check_relations(number, cells, errors):
    relations = []
    for kind, text in zip(RELATION_HEADERS.values(), cells, strict=False):
        for written in (part.strip() for part in text.split(";")):
            if not written:
                continue
            normalised = normalise_number(written)
            if not NUMBER_RE.match(normalised):
                errors.append(
                    RowError(
                        number,
                        "bad_relation",
                        _(
                            "“%(value)s” is not a number and symbol such as "
                            "“1234/QĐ-UBND”."
                        )
                        % {"value": written},
                    )
                )
                continue
            relations.append((kind, normalised, search_key(normalised)))
    return relations


def _resolve_relations(rows):
    """Point each relation at one document of the file or of the portal, by
    number; when several share the number, the one of the same issuer."""
    wanted = {key for row in rows for _kind, _written, key in row.relations}
    if not wanted:
        return []
    candidates = {}
    for row in rows:
        candidates.setdefault(row.key[1], set()).add(row.key)
    for pk_issuer_key_year in Document.objects.filter(
        number_key__in=wanted
    ).values_list("issuer_id", "number_key", "year"):
        candidates.setdefault(pk_issuer_key_year[1], set()).add(pk_issuer_key_year)
    errors = []
    for row in rows:
        resolved = []
        for kind, written, key in row.relations:
            found = candidates.get(key, set()) - {row.key}
            if len(found) > 1:
                found = {c for c in found if c[0] == row.issuer.pk} or found
            if len(found) == 1:
                resolved.append((kind, next(iter(found))))
                continue
            errors.append(
                RowError(
                    row.row,
                    "unknown_relation" if not found else "ambiguous_relation",
                    (
                        _(
                            "Document %(number)s is neither in the file nor on the "
                            "portal."
                        )
                        if not found
                        else _(
                            "Several documents are numbered %(number)s: link "
                            "this one in the admin instead."
                        )
                    )
                    % {"number": written},
                )
            )
        row.relations = resolved
    return errors


class _Lookup:
    def __init__(self):
        self.by_key = {}


def _by_keys(queryset, extra=lambda item: []):
    lookup = _Lookup()
    for item in queryset:
        for key in item.keys() | {name_key(v) for v in extra(item) if v}:
            lookup.by_key.setdefault(key, item)
            lookup.by_key.setdefault(search_key(key), item)
    return lookup


def _find(lookup, text):
    return lookup.by_key.get(name_key(text)) or lookup.by_key.get(search_key(text))


def _check_row(number, values, cells, lookups, files, errors):
    (
        _order,
        doc_number,
        type_text,
        issuer_text,
        signer_name,
        signer_title,
        field_text,
        issued_text,
        effective_text,
        expires_text,
        status_text,
        excerpt_vi,
        excerpt_en,
        file_text,
    ) = cells
    raw = values

    def error(code, message):
        errors.append(RowError(number, code, message))

    doc_number = normalise_number(doc_number)
    if not doc_number:
        error("number_missing", _("The number and symbol is missing."))
    elif not NUMBER_RE.match(doc_number) or len(doc_number) > 60:
        error(
            "bad_number",
            _("“%(value)s” is not a number and symbol such as “1234/QĐ-UBND”.")
            % {"value": doc_number},
        )
    document_type = _find(lookups["type"], type_text) if type_text else None
    if not type_text:
        error("type_missing", _("The document type is missing."))
    elif document_type is None:
        error(
            "unknown_type",
            _("Unknown document type “%(value)s”: add it in the admin first.")
            % {"value": type_text},
        )
    issuer = _find(lookups["issuer"], issuer_text) if issuer_text else None
    if not issuer_text:
        error("issuer_missing", _("The issuing body is missing."))
    elif issuer is None:
        error(
            "unknown_issuer",
            _("Unknown issuing body “%(value)s”: add it in the admin first.")
            % {"value": issuer_text},
        )
    field_obj = _find(lookups["field"], field_text) if field_text else None
    if field_text and field_obj is None:
        error(
            "unknown_field",
            _("Unknown field “%(value)s”: add it in the admin first.")
            % {"value": field_text},
        )
    dates = {}
    for key, text, position, required in (
        ("issued_on", issued_text, 7, True),
        ("effective_on", effective_text, 8, False),
        ("expires_on", expires_text, 9, False),
    ):
        dates[key] = cell_date(raw[position]) if text else None
        if not text and required:
            error("date_missing", _("The date issued is missing."))
        elif text and dates[key] is None:
            error(
                "bad_date",
                _("“%(value)s” is not a date in the form dd/mm/yyyy.")
                % {"value": text},
            )
    if (
        dates["effective_on"]
        and dates["expires_on"]
        and dates["expires_on"] < dates["effective_on"]
    ):
        error(
            "dates_order",
            _("The document stops being in force before it comes into force."),
        )
    status = _STATUS_KEYS.get(search_key(status_text)) if status_text else None
    if status_text and status is None:
        error(
            "bad_status",
            _("Unknown status “%(value)s”: write one of %(labels)s.")
            % {"value": status_text, "labels": ", ".join(STATUS_LABELS.values())},
        )
    if not excerpt_vi:
        error("excerpt_missing", _("The excerpt (trích yếu) is missing."))
    for key, value in (
        ("signer_name", signer_name),
        ("signer_title", signer_title),
        ("excerpt", excerpt_vi),
        ("excerpt", excerpt_en),
    ):
        if len(value) > LIMITS[key]:
            error(
                "too_long",
                _("A value is too long: at most %(count)d characters.")
                % {"count": LIMITS[key]},
            )
            break
    names = [clean_text(n) for n in file_text.replace("\n", ";").split(";")]
    names = [n for n in names if n]
    for name in names:
        found = files.find(name)
        if found is None:
            error(
                "file_missing",
                _("The file “%(name)s” is not in the folder.") % {"name": name},
            )
            continue
        if files.size(found) > max_bytes():
            error(
                "file_too_large",
                _("The file “%(name)s” is too large: at most %(size)d MB.")
                % {"name": name, "size": max_bytes() // (1024 * 1024)},
            )
            continue
        try:
            with files.open(found) as handle:
                check_upload(handle, name)
        except ValidationError as exc:
            error("bad_file", " ".join(exc.messages))
        except UNREADABLE_ZIP:
            error(
                "bad_file",
                _("The file “%(name)s” cannot be read from the zip file.")
                % {"name": name},
            )
    if errors:
        return None
    return ImportRow(
        row=number,
        number=doc_number,
        document_type=document_type,
        issuer=issuer,
        field=field_obj,
        signer_name=signer_name,
        signer_title=signer_title,
        issued_on=dates["issued_on"],
        effective_on=dates["effective_on"],
        expires_on=dates["expires_on"],
        status=status or Status.IN_FORCE,
        excerpt_vi=excerpt_vi,
        excerpt_en=excerpt_en,
        files=names,
    )


# Writing ---------------------------------------------------------------------


@transaction.atomic
def documents_import(
    *,
    sheet,
    files,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Import the archive: all of it, or, on any bad row or file, nothing
    (DocumentsImportError). Documents already recorded are left as they are."""
    rows = documents_parse(sheet=sheet, files=files)
    report = ImportReport(rows=len(rows))
    documents = {}
    for done, row in enumerate(rows, start=1):
        if row.existing:
            report.existing += 1
        else:
            document = Document(
                number=row.number,
                document_type=row.document_type,
                issuer=row.issuer,
                field=row.field,
                signer_name=row.signer_name,
                signer_title=row.signer_title,
                issued_on=row.issued_on,
                effective_on=row.effective_on,
                expires_on=row.expires_on,
                status=row.status,
                excerpt_vi=row.excerpt_vi,
                excerpt_en=row.excerpt_en,
            )
            document.save()
            documents[row.key] = document
            report.created += 1
            if document.dates_out_of_order:
                report.warnings.append(
                    RowError(
                        row.row,
                        "dates_out_of_order",
                        _("It comes into force before it was issued: check the dates."),
                    )
                )
            for order, name in enumerate(row.files, start=1):
                with files.open(files.find(name)) as handle:
                    DocumentFile(
                        document=document, order=order, file=File(handle, name=name)
                    ).save()
                report.files += 1
        if progress:
            progress(done, len(rows))
    _import_relations(rows, documents)
    return report


def _import_relations(rows, documents):
    """Create the relations of the file (once) and update the statuses of the
    documents replaced or amended."""
    keys = {row.key for row in rows if row.relations}
    keys |= {target for row in rows for _kind, target in row.relations}
    missing = keys - set(documents)
    if missing:
        for document in Document.objects.filter(
            number_key__in={key[1] for key in missing}
        ):
            documents.setdefault(
                (document.issuer_id, document.number_key, document.year), document
            )
    for row in rows:
        if not row.relations:
            continue
        source = documents[row.key]
        for kind, target in row.relations:
            DocumentRelation.objects.get_or_create(
                source=source, kind=kind, target=documents[target]
            )
        document_relations_apply(document=source)


def documents_template_xlsx() -> bytes:
    """An empty import sheet with the headers and one example row."""
    import openpyxl
    from openpyxl.styles import Font

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Văn bản"
    sheet.append(HEADERS + list(RELATION_HEADERS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.append(
        [1, "15/KH-UBND", "Kế hoạch", "UBND thị xã Hồng Lĩnh", "Nguyễn Văn A",
         "Chủ tịch", "Phòng chống thiên tai", "10/01/2026", "10/01/2026", "",
         "Còn hiệu lực", "Kế hoạch phòng, chống thiên tai năm 2026", "",
         "15-KH-UBND.pdf"]
    )  # fmt: skip
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# Relations -------------------------------------------------------------------

# What a relation does to the status of the document it points at.
RELATION_STATUS = {
    DocumentRelation.Kind.REPLACES: Status.REPLACED,
    DocumentRelation.Kind.AMENDS: Status.AMENDED,
}


@transaction.atomic
def document_relations_apply(*, document: Document) -> list[Document]:
    """Mark the documents ``document`` replaces as replaced and those it
    amends as amended, if still recorded as in force; return those changed."""
    changed = []
    relations = document.relations_out.filter(
        kind__in=RELATION_STATUS, target__status__in=[Status.IN_FORCE, Status.NOT_YET]
    ).select_related("target")
    for relation in relations:
        target = relation.target
        target.status = RELATION_STATUS[relation.kind]
        target.save(update_fields=["status", "updated_at"])
        changed.append(target)
    return changed


# Comments ----------------------------------------------------------------------


def comments_export_xlsx(*, comments: QuerySet) -> bytes:
    """The comments for the drafting body: with contact details, for staff."""
    import openpyxl
    from openpyxl.styles import Font

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Ý kiến"
    sheet.append(
        ["Dự thảo", "Họ và tên", "Thư điện tử", "Điện thoại", "Ý kiến",
         "Ngày gửi", "Trạng thái"]
    )  # fmt: skip
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    statuses = dict(Comment.Status.choices)
    for comment in comments.select_related("draft").order_by("draft_id", "created_at"):
        sheet.append(
            [
                comment.draft.title_vi,
                comment.name,
                comment.email,
                comment.phone,
                comment.body,
                timezone.localtime(comment.created_at).replace(tzinfo=None),
                str(statuses[comment.status]),
            ]
        )
        sheet.cell(row=sheet.max_row, column=6).number_format = "DD/MM/YYYY HH:MM"
    for letter, width in zip("ABCDEFG", (40, 24, 28, 16, 80, 18, 16), strict=True):
        sheet.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

"""The audit trail as CSV or Excel, for the records of an inspection."""

import csv
import io
import json
from collections.abc import Iterable

from django.db.models import QuerySet
from django.utils.text import capfirst
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from .models import AuditEntry

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A cell starting with one of these is a formula to a spreadsheet: an object's
# name typed by anyone must never run as one.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


COLUMNS = (
    "at",
    "username",
    "action",
    "content_type",
    "object_id",
    "object_repr",
    "changes",
    "ip_address",
)


def _headers():
    return [
        str(capfirst(AuditEntry._meta.get_field(name).verbose_name)) for name in COLUMNS
    ]


def _text(value) -> str:
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def entries_rows(*, entries: QuerySet) -> Iterable[list]:
    entries = entries.select_related("content_type").order_by("at", "pk")
    for entry in entries.iterator(chunk_size=1000):
        content_type = entry.content_type
        yield [
            localtime(entry.at).replace(tzinfo=None),
            _text(entry.username),
            _text(entry.get_action_display()),
            _text(content_type.name if content_type else ""),
            _text(entry.object_id),
            _text(entry.object_repr),
            _text(
                json.dumps(entry.changes, ensure_ascii=False) if entry.changes else ""
            ),
            _text(entry.ip_address),
        ]


def entries_xlsx(*, entries: QuerySet) -> bytes:
    import openpyxl
    from openpyxl.styles import Font

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = _("Audit trail")[:31]
    sheet.append(_headers())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for values in entries_rows(entries=entries):
        sheet.append(values)
        sheet.cell(row=sheet.max_row, column=1).number_format = "DD/MM/YYYY HH:MM:SS"
    for letter, width in zip("ABCDEFGH", (20, 18, 16, 22, 10, 40, 60, 16), strict=True):
        sheet.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def entries_csv(*, entries: QuerySet) -> str:
    """CSV text starting with a BOM, so Excel reads it as UTF-8."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(_headers())
    for values in entries_rows(entries=entries):
        values[0] = values[0].strftime("%d/%m/%Y %H:%M:%S")
        writer.writerow(values)
    return buffer.getvalue()

"""What the spreadsheet imports (commendations, documents) report: every
problem with its Excel row number, in Vietnamese, all at once."""

import datetime
import io
import zipfile
from dataclasses import dataclass

from django.utils.translation import gettext as _

from core.text import clean_text


@dataclass
class RowError:
    """A problem with the file (row None) or with one of its rows (as Excel
    numbers them: the header is row 1)."""

    row: int | None
    code: str
    message: str

    def __str__(self):
        if self.row is None:
            return self.message
        return _("Row %(row)d: %(message)s") % {
            "row": self.row,
            "message": self.message,
        }


class ImportRefused(Exception):
    """The import changed nothing; ``errors`` says why, row by row."""

    def __init__(self, errors: list[RowError]):
        super().__init__("; ".join(str(error) for error in errors))
        self.errors = errors

    @property
    def codes(self):
        return [(error.row, error.code) for error in self.errors]


# Reading a spreadsheet ---------------------------------------------------------

# An .xlsx is a zip: a small file can unpack to gigabytes (a "zip bomb").
MAX_UNPACKED_BYTES = 60 * 1024 * 1024
DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y")


def file_refused(code: str, *, refused=ImportRefused, max_bytes: int = 0):
    """The error for a file that cannot be read at all (no row to name)."""
    messages = {
        "empty": _("The file is empty."),
        "too_large": _("The file is too large: at most %(size)d MB.")
        % {"size": max_bytes // (1024 * 1024)},
        "not_xlsx": _("The file is not an Excel workbook (.xlsx)."),
        "no_sheet": _("The workbook has no sheet."),
    }
    return refused([RowError(None, code, messages[code])])


def read_upload(file, *, max_bytes: int, refused=ImportRefused) -> bytes:
    """The bytes of an uploaded or opened file, at most ``max_bytes``."""
    size = getattr(file, "size", None)
    if size is not None and size > max_bytes:
        raise file_refused("too_large", refused=refused, max_bytes=max_bytes)
    if hasattr(file, "seek"):
        file.seek(0)
    data = file.read(max_bytes + 1)
    if not data:
        raise file_refused("empty", refused=refused)
    if len(data) > max_bytes:
        raise file_refused("too_large", refused=refused, max_bytes=max_bytes)
    return data


def sheet_rows(data: bytes, *, max_bytes: int, refused=ImportRefused):
    """The first sheet's rows as tuples of values; a damaged workbook is
    refused with a message, whether it fails on opening or while being read."""
    import openpyxl  # only the imports and exports need it

    buffer = io.BytesIO(data)
    try:
        with zipfile.ZipFile(buffer) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise file_refused("not_xlsx", refused=refused) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise file_refused("too_large", refused=refused, max_bytes=max_bytes)
    buffer.seek(0)
    try:
        workbook = openpyxl.load_workbook(buffer, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds on a bad file
        raise file_refused("not_xlsx", refused=refused) from None
    if not workbook.worksheets:
        workbook.close()
        raise file_refused("no_sheet", refused=refused)
    return _rows_then_close(workbook, refused)


def _rows_then_close(workbook, refused):
    try:
        yield from workbook.worksheets[0].iter_rows(values_only=True)
    except Exception:  # noqa: BLE001 - a damaged sheet fails while being read
        raise file_refused("not_xlsx", refused=refused) from None
    finally:
        workbook.close()


def cell_text(value) -> str:
    """A cell as clean text: whole numbers without ".0", dates as dd/mm/yyyy."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime | datetime.date):
        return value.strftime("%d/%m/%Y")
    return clean_text(str(value))


def cell_date(value) -> datetime.date | None:
    """A cell as a date (an Excel date, or dd/mm/yyyy written as text)."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = cell_text(value)
    for fmt in DATE_FORMATS:
        try:
            parsed = datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
        if 1945 <= parsed.year <= 2200:
            return parsed
    return None

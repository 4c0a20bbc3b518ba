"""What the spreadsheet imports (commendations, documents) report: every
problem with its Excel row number, in Vietnamese, all at once."""

from dataclasses import dataclass

from django.utils.translation import gettext as _


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

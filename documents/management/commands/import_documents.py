from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from core.progress import write_progress
from documents.services import DocumentsImportError, FolderFiles, documents_import


class Command(BaseCommand):
    help = (
        "Import an archive of documents: an .xlsx list (one row per document, "
        "the columns of the admin's template) and the folder of the files it "
        "names. Nothing is written if any row or file is wrong; documents "
        "already recorded are skipped, so running it again adds nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("list", help="The .xlsx list of documents.")
        parser.add_argument("folder", help="The folder holding the files.")

    def handle(self, *args, list, folder, **options):
        translation.activate("vi")
        sheet, files = Path(list), Path(folder)
        if not sheet.is_file():
            raise CommandError(_("File not found: %(file)s") % {"file": list})
        if not files.is_dir():
            raise CommandError(_("Folder not found: %(folder)s") % {"folder": folder})
        try:
            with sheet.open("rb") as handle:
                report = documents_import(
                    sheet=handle, files=FolderFiles(files), progress=self.progress
                )
        except DocumentsImportError as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            raise CommandError(
                _("Nothing was imported: %(count)s errors in the archive.")
                % {"count": len(exc.errors)}
            ) from None
        for warning in report.warnings:
            self.stdout.write(self.style.WARNING(str(warning)))
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Imported %(rows)s rows: %(created)s new documents with "
                    "%(files)s files, %(existing)s already recorded."
                )
                % {
                    "rows": report.rows,
                    "created": report.created,
                    "files": report.files,
                    "existing": report.existing,
                }
            )
        )

    def progress(self, done, total):
        write_progress(self.stdout, done, total)

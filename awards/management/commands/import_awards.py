from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from awards.services import MAX_FILE_BYTES, AwardsImportError, awards_import


class Command(BaseCommand):
    help = (
        "Import commendations from an .xlsx file (one row per recipient). "
        "Nothing is written if any row is wrong; re-importing adds nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The .xlsx file.")
        parser.add_argument(
            "--draft",
            action="store_true",
            help="Record new decisions as drafts (not public) instead of issued.",
        )

    def handle(self, *args, file, draft, **options):
        translation.activate("vi")
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Không tìm thấy tệp: {file}")
        if path.stat().st_size > MAX_FILE_BYTES:
            raise CommandError(
                f"Tệp quá lớn: tối đa {MAX_FILE_BYTES // (1024 * 1024)} MB."
            )
        try:
            with path.open("rb") as handle:
                report = awards_import(file=handle, draft=draft, progress=self.progress)
        except AwardsImportError as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            raise CommandError(
                f"Không nhập gì: {len(exc.errors)} lỗi trong tệp."
            ) from None
        for warning in report.warnings:
            self.stdout.write(self.style.WARNING(str(warning)))
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã nhập {report.rows} dòng: {report.decisions_created} quyết định "
                f"mới ({report.decisions_existing} đã có), {report.awards_created} "
                f"người/tập thể mới ({report.awards_existing} đã có)."
            )
        )

    def progress(self, done, total, width=40):
        filled = width * done // total
        self.stdout.write(
            f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}",
            ending="\n" if done == total else "",
        )
        self.stdout.flush()

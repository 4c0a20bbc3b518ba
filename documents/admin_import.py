"""The admin's archive import: upload the Excel list and a zip of the files,
see what will be created, then confirm. Between the two steps the uploads wait
in a private temporary folder named by a random token kept in the editor's
session (only they can confirm it, once, within an hour)."""

import secrets
import shutil
import tempfile
import time
from pathlib import Path

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

from .services import (
    DocumentsImportError,
    FolderFiles,
    ZipFiles,
    documents_import,
    documents_parse,
    documents_template_xlsx,
)

SESSION_KEY = "documents_import"
MAX_AGE_SECONDS = 3600
PREVIEW_ROWS = 200
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def uploads_root() -> Path:
    return Path(tempfile.gettempdir()) / "portal-document-imports"


def clear_stale_uploads():
    root = uploads_root()
    if not root.is_dir():
        return
    for folder in root.iterdir():
        if folder.stat().st_mtime < time.time() - MAX_AGE_SECONDS:
            shutil.rmtree(folder, ignore_errors=True)


class ArchiveUploadForm(forms.Form):
    sheet = forms.FileField(
        label=_("List of documents (.xlsx)"),
        help_text=_("One row per document, with the columns of the template."),
    )
    files = forms.FileField(
        label=_("Attached files (.zip)"),
        required=False,
        help_text=_("A zip of the files named in the column “Tệp đính kèm”."),
    )


class DocumentImportMixin:
    import_template = "admin/documents/document/import.html"

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("import/", view(self.import_view), name="documents_document_import"),
            path(
                "import/template.xlsx",
                view(self.import_template_view),
                name="documents_document_import_template",
            ),
            *super().get_urls(),
        ]

    def import_template_view(self, request):
        response = HttpResponse(documents_template_xlsx(), content_type=XLSX)
        response["Content-Disposition"] = 'attachment; filename="mau-nhap-van-ban.xlsx"'
        return response

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(
            request, {**(extra_context or {}), "import_allowed": True}
        )

    def import_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Import documents from an archive"),
            "upload_form": ArchiveUploadForm(),
        }
        if request.method == "POST" and "confirm" in request.POST:
            return self._confirm(request, context)
        if request.method == "POST":
            upload = ArchiveUploadForm(request.POST, request.FILES)
            context["upload_form"] = upload
            if upload.is_valid():
                clear_stale_uploads()
                token = secrets.token_urlsafe(16)
                folder = uploads_root() / token
                folder.mkdir(parents=True, mode=0o700)
                _store(upload.cleaned_data["sheet"], folder / "list.xlsx")
                if upload.cleaned_data["files"]:
                    _store(upload.cleaned_data["files"], folder / "files.zip")
                try:
                    rows = _parse(folder)
                except DocumentsImportError as exc:
                    shutil.rmtree(folder, ignore_errors=True)
                    context["errors"] = exc.errors
                else:
                    request.session[SESSION_KEY] = token
                    context.update(
                        rows=rows[:PREVIEW_ROWS],
                        total=len(rows),
                        new=sum(1 for row in rows if not row.existing),
                        token=token,
                    )
        return TemplateResponse(request, self.import_template, context)

    def _confirm(self, request, context):
        token = request.POST.get("token", "")
        folder = uploads_root() / token if token.isascii() and token else None
        if (
            folder is None
            or request.session.get(SESSION_KEY) != token
            or not folder.is_dir()
            or folder.stat().st_mtime < time.time() - MAX_AGE_SECONDS
        ):
            self.message_user(
                request,
                _(
                    "This preview can no longer be confirmed: it expires after an "
                    "hour and is confirmed only once. Upload the files again."
                ),
                messages.ERROR,
            )
            return redirect("admin:documents_document_import")
        del request.session[SESSION_KEY]
        try:
            with _sources(folder) as (sheet, files):
                report = documents_import(sheet=sheet, files=files)
        except DocumentsImportError as exc:
            context["errors"] = exc.errors
            return TemplateResponse(request, self.import_template, context)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        for warning in report.warnings:
            self.message_user(request, str(warning), messages.WARNING)
        self.message_user(
            request,
            _(
                "Imported: %(created)d new documents with %(files)d files "
                "(%(existing)d already recorded)."
            )
            % {
                "created": report.created,
                "files": report.files,
                "existing": report.existing,
            },
            messages.SUCCESS,
        )
        return redirect("admin:documents_document_changelist")


def _store(upload, destination: Path):
    with destination.open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)


def _parse(folder: Path):
    with _sources(folder) as (sheet, files):
        return documents_parse(sheet=sheet, files=files)


class _sources:
    """(sheet, files) of a stored upload, closed afterwards."""

    def __init__(self, folder: Path):
        self.folder = folder

    def __enter__(self):
        self.sheet = (self.folder / "list.xlsx").open("rb")
        archive = self.folder / "files.zip"
        self.zip_handle = archive.open("rb") if archive.exists() else None
        try:
            files = (
                ZipFiles(self.zip_handle)
                if self.zip_handle
                else FolderFiles(self.folder / "none")
            )
        except DocumentsImportError:
            self.__exit__(None, None, None)
            raise
        return self.sheet, files

    def __exit__(self, *exc):
        self.sheet.close()
        if self.zip_handle:
            self.zip_handle.close()
        return False

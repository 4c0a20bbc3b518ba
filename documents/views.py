import json
from urllib.parse import quote

from django.contrib import messages
from django.core.paginator import InvalidPage, Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView

from core import ratelimit
from core.text import slugify_vi
from organisation.models import Unit

from .files import CONTENT_TYPES
from .forms import CommentForm, DocumentFilter
from .models import (
    Document,
    DocumentField,
    DocumentFile,
    DocumentRelation,
    DocumentType,
    Draft,
)

COMMENT_LIMIT = 5  # comments per address per window
COMMENT_WINDOW_SECONDS = 600


def visible_documents(request):
    """Public documents; staff may also preview the others."""
    if request.user.is_staff:
        return Document.objects.all()
    return Document.objects.public()


def page_or_404(request, queryset, per_page):
    paginator = Paginator(queryset, per_page)
    try:
        return paginator.page(request.GET.get("page") or 1)
    except InvalidPage as exc:
        raise Http404(_("This page of the list does not exist.")) from exc


def filter_documents(queryset, filters):
    if filters["type"]:
        queryset = queryset.filter(document_type=filters["type"])
    if filters["issuer"]:
        queryset = queryset.filter(issuer=filters["issuer"])
    if filters["field"]:
        queryset = queryset.filter(field=filters["field"])
    if filters["year"]:
        queryset = queryset.filter(year=filters["year"])
    if filters["status"]:
        queryset = queryset.filter(status=filters["status"])
    if filters["q"]:
        queryset = queryset.search(filters["q"])
    return queryset


class DocumentListView(ListView):
    template_name = "documents/document_list.html"
    context_object_name = "documents"
    paginate_by = 20

    def get_queryset(self):
        self.filter_form = DocumentFilter(
            self.request.GET or None,
            types=list(DocumentType.objects.all()),
            issuers=list(
                Unit.objects.filter(
                    pk__in=Document.objects.public().values("issuer")
                ).select_related("level")
            ),
            fields=list(DocumentField.objects.all()),
        )
        self.filters = self.filter_form.filters()
        return filter_documents(Document.objects.for_listing(), self.filters)

    def paginate_queryset(self, queryset, page_size):
        page = page_or_404(self.request, queryset, page_size)
        return page.paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(
            filter_form=self.filter_form,
            filters=self.filters,
            filtered=any(self.filters.values()),
            query=query.urlencode(),
            **kwargs,
        )


class DocumentDetailView(DetailView):
    template_name = "documents/document_detail.html"
    context_object_name = "document"

    def get_queryset(self):
        return visible_documents(self.request).select_related(
            "document_type", "issuer", "field"
        )

    def get_context_data(self, **kwargs):
        document = self.object
        visible = visible_documents(self.request)
        outgoing = list(
            DocumentRelation.objects.filter(source=document, target__in=visible)
            .select_related("target__document_type")
            .order_by("kind", "target__issued_on")
        )
        incoming = list(
            DocumentRelation.objects.filter(target=document, source__in=visible)
            .select_related("source__document_type")
            .order_by("kind", "source__issued_on")
        )
        return super().get_context_data(
            files=list(document.files.all()),
            outgoing=outgoing,
            incoming=incoming,
            json_ld=json_ld(self.request, document),
            **kwargs,
        )


class DocumentPrintView(DocumentDetailView):
    template_name = "documents/document_print.html"


def json_ld(request, document) -> str:
    data = {
        "@context": "https://schema.org",
        "@type": "Legislation",
        "name": f"{document.document_type.name} {document.number}",
        "legislationIdentifier": document.number,
        "legislationType": document.document_type.name,
        "legislationDate": document.issued_on.isoformat(),
        "legislationPassedBy": {
            "@type": "GovernmentOrganization",
            "name": document.issuer.name,
        },
        "legislationLegalForce": f"https://schema.org/{document.legal_force()}",
        "abstract": document.excerpt,
        "inLanguage": "vi",
        "url": request.build_absolute_uri(document.get_absolute_url()),
    }
    if document.effective_on:
        data["legislationDateOfApplicability"] = document.effective_on.isoformat()
    if document.expires_on:
        data["expires"] = document.expires_on.isoformat()
    # json.dumps escapes nothing for HTML: keep "</script>" out of the page.
    return (
        json.dumps(data, ensure_ascii=False)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
    )


def content_disposition(name: str, *, inline: bool) -> str:
    """RFC 6266 with the RFC 5987 ``filename*`` keeping the Vietnamese name,
    and an ASCII ``filename`` for old clients."""
    stem, dot, extension = name.rpartition(".")
    fallback = (
        f"{slugify_vi(stem) or 'tep'}.{extension}" if dot else slugify_vi(name)
    ) or "tep"
    fallback = "".join(ch for ch in fallback if ch.isascii() and ch not in '"\\')
    disposition = "inline" if inline else "attachment"
    return (
        f'{disposition}; filename="{fallback}"; '
        f"filename*=UTF-8''{quote(name, safe='')}"
    )


def file_download(request, pk):
    """An attachment of a public document or draft, served with its original
    name; only PDF is shown in the browser, nothing is sniffed."""
    attachment = get_object_or_404(
        DocumentFile.objects.select_related("document", "draft"), pk=pk
    )
    if attachment.document is not None:
        public = attachment.document.is_visible
    else:
        public = attachment.draft is not None and attachment.draft.is_public
    if not (public or request.user.is_staff):
        raise Http404(_("This file is not public."))
    try:
        handle = attachment.file.open("rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404(_("This file is missing; please tell the editors.")) from exc
    response = FileResponse(handle, content_type=CONTENT_TYPES[attachment.kind])
    response["Content-Disposition"] = content_disposition(
        attachment.original_name, inline=attachment.is_inline
    )
    response["X-Content-Type-Options"] = "nosniff"
    # Instead of the pages' policy: a file loads nothing and is framed
    # nowhere; others never run as a page if a browser opened them anyway.
    # PDF is not sandboxed and keeps object-src: browsers show it through
    # their PDF viewer, which a sandbox or object-src 'none' can block.
    response["Content-Security-Policy"] = (
        "default-src 'none'; object-src 'self'; frame-ancestors 'none'"
        if attachment.is_inline
        else "default-src 'none'; frame-ancestors 'none'; sandbox"
    )
    return response


def draft_list(request):
    today = timezone.localdate()
    drafts = Draft.objects.for_listing()
    return render(
        request,
        "documents/draft_list.html",
        {
            "open_drafts": list(drafts.open_on(today).order_by("closes_on", "pk")),
            "closed_drafts": list(
                drafts.closed_on(today).order_by("-closes_on", "-pk")[:50]
            ),
            "upcoming_drafts": list(
                drafts.filter(opens_on__gt=today).order_by("opens_on", "pk")
            ),
        },
    )


def draft_detail(request, pk):
    """The draft, its approved comments (name, date, text: never contact
    details), its comment form while open and its report once ended."""
    drafts = Draft.objects.all() if request.user.is_staff else Draft.objects.public()
    draft = get_object_or_404(
        drafts.select_related("document_type", "issuer", "field"), pk=pk
    )
    form, status = CommentForm(), 200
    if request.method == "POST":
        form, status = _comment(request, draft)
        if status == 302:
            return redirect(draft.get_absolute_url() + "#comment-form")
    return render(
        request,
        "documents/draft_detail.html",
        {
            "draft": draft,
            "files": list(draft.files.all()),
            "comments": list(
                draft.comments.filter(status="approved").only(
                    "name", "body", "created_at", "draft_id"
                )
            ),
            "form": form,
            "is_open": draft.is_open(),
            "has_ended": draft.has_ended(),
        },
        status=status,
    )


def _comment(request, draft):
    """(form, status): 302 when recorded; the form keeps what was typed."""
    form = CommentForm(request.POST)
    if not draft.is_open():
        form.is_valid()
        form.add_error(
            None, _("This consultation is not open: comments are not taken.")
        )
        return form, 403
    if form.is_robot:
        form.is_valid()
        form.add_error(
            None,
            _("Your comment could not be accepted. Please leave the last field empty."),
        )
        return form, 400
    if not form.is_valid():
        return form, 400
    if not ratelimit.allow(
        request,
        scope="draft-comment",
        limit=COMMENT_LIMIT,
        window_seconds=COMMENT_WINDOW_SECONDS,
    ):
        form.add_error(
            None,
            _(
                "Too many comments from your connection. Please wait a few minutes "
                "and send it again: your text is kept below."
            ),
        )
        return form, 429
    comment = form.save(commit=False)
    comment.draft = draft
    comment.save()
    messages.success(
        request,
        _(
            "Thank you: your comment has been received. It will appear here once "
            "moderated; your contact details are never published."
        ),
    )
    return form, 302

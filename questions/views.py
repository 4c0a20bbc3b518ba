from django.conf import settings
from django.contrib import messages
from django.core.paginator import InvalidPage, Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django.views.generic import DetailView

from core import ratelimit
from core.text import syllables

from .forms import LookupForm, QuestionFilter, QuestionForm
from .models import Question, Topic
from .services import question_submit

SESSION_CODE_KEY = "questions:new-code"
PAGE_SIZE = 20


def filter_questions(queryset, filters):
    """Published questions of a topic and with every word of ``q``, whatever
    its diacritics ("dat dai" finds "Đất đai")."""
    if filters.get("topic"):
        queryset = queryset.filter(topic=filters["topic"])
    for word in syllables(filters.get("q") or "")[:10]:
        padded = f" {word} "
        queryset = queryset.filter(
            Q(search_title__contains=padded) | Q(search_text__contains=padded)
        )
    return queryset


def question_list(request):
    form = QuestionFilter(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    questions = filter_questions(Question.objects.for_listing(), filters)
    paginator = Paginator(questions, PAGE_SIZE)
    try:
        page = paginator.page(request.GET.get("page") or 1)
    except InvalidPage as exc:
        raise Http404(_("This page of questions does not exist.")) from exc
    return render(
        request,
        "questions/question_list.html",
        {
            "filter_form": form,
            "questions": page.object_list,
            "page_obj": page,
            "topics": Topic.objects.with_published_counts(),
            "filters": filters,
            "searching": bool(filters.get("q") or filters.get("topic")),
        },
    )


class QuestionDetailView(DetailView):
    template_name = "questions/question_detail.html"
    context_object_name = "question"

    def get_queryset(self):
        return Question.objects.for_listing()


@never_cache
@require_http_methods(["GET", "POST"])
def question_ask(request):
    """The form without an account. Refused input is shown again with what
    the citizen typed (only a file must be chosen again)."""
    status = 200
    if request.method == "POST":
        form = QuestionForm(request.POST, request.FILES)
        if form.is_valid():
            if ratelimit.allow(
                request,
                scope="question-ask",
                limit=settings.QUESTIONS_SUBMISSIONS_PER_HOUR,
                window_seconds=3600,
            ):
                data = form.cleaned_data
                _question, code = question_submit(
                    name=data["name"],
                    phone=data["phone"],
                    email=data["email"],
                    address=data["address"],
                    topic=data["topic"],
                    title=data["title"],
                    content=data["content"],
                    attachment=data["attachment"],
                    attachment_kind=form.attachment_kind,
                )
                # The code goes to the thank-you page through the session,
                # not the URL: it stays out of access logs and history.
                request.session[SESSION_CODE_KEY] = code
                return redirect("questions:thanks")
            form.add_error(
                None,
                _(
                    "Too many questions have been sent from your connection in the "
                    "last hour. Your text is kept below: please send it again later."
                ),
            )
            status = 429
        else:
            status = 400
    else:
        form = QuestionForm()
    return render(
        request,
        "questions/question_form.html",
        {
            "form": form,
            "file_dropped": request.method == "POST" and bool(request.FILES),
        },
        status=status,
    )


@never_cache
def question_thanks(request):
    code = request.session.pop(SESSION_CODE_KEY, None)
    if code is None:
        messages.info(
            request,
            _("The tracking code is shown only once, right after sending a question."),
        )
        return redirect("questions:lookup")
    return render(request, "questions/question_thanks.html", {"code": code})


@never_cache
@require_http_methods(["GET", "POST"])
def question_lookup(request):
    """By POST, so that codes stay out of access logs. A wrong code, a
    malformed one and a guess all get the same answer."""
    question, status, not_found = None, 200, False
    if request.method == "POST":
        form = LookupForm(request.POST)
        if not ratelimit.allow(
            request,
            scope="question-lookup",
            limit=settings.QUESTIONS_LOOKUPS_PER_10_MINUTES,
            window_seconds=600,
        ):
            form.is_valid()
            form.add_error(
                None,
                _(
                    "Too many lookups from your connection. Please wait ten minutes "
                    "and try again."
                ),
            )
            status = 429
        elif form.is_valid():
            question = Question.objects.find_by_code(form.cleaned_data["code"])
            if question is None:
                not_found, status = True, 404
        else:
            status = 400
    else:
        form = LookupForm()
    return render(
        request,
        "questions/question_lookup.html",
        {"form": form, "question": question, "not_found": not_found},
        status=status,
    )


def privacy(request):
    return render(
        request,
        "questions/privacy.html",
        {"retention_days": settings.QUESTIONS_RETENTION_DAYS},
    )


def attachment_download(request, pk):
    """Through the admin only (QuestionAdmin.get_urls): attachments are not
    in MEDIA_ROOT and have no public URL."""
    if not request.user.has_perm("questions.view_question"):
        raise Http404
    question = get_object_or_404(Question, pk=pk)
    if not question.attachment:
        raise Http404
    is_pdf = question.attachment_kind == Question.AttachmentKind.PDF
    # At most QUESTIONS_ATTACHMENT_MAX_BYTES: read whole, nothing left open.
    try:
        with question.attachment.open("rb") as file:
            content = file.read()
    except OSError:
        raise Http404 from None
    response = HttpResponse(
        content,
        content_type="application/pdf" if is_pdf else "application/octet-stream",
    )
    response["Content-Disposition"] = content_disposition_header(
        True, f"cau-hoi-{question.pk}.{'pdf' if is_pdf else 'img'}"
    )
    return response

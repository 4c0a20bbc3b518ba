from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.core.paginator import InvalidPage, Paginator
from django.db.models import Exists, OuterRef, Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView

from core.text import search_key

from .forms import HonourRollFilter
from .models import Award, AwardForm, Decision, Recipient, RecipientKind
from .services import awards_export_csv, awards_export_xlsx


def public_decisions(request):
    """Issued decisions; staff may also preview drafts and revoked ones."""
    if request.user.is_staff:
        return Decision.objects.all()
    return Decision.objects.public()


def award_lookups(filters):
    """The filters of the honour roll that bear on recipient rows."""
    lookups = {}
    if filters["form"]:
        lookups["form"] = filters["form"]
    if filters["kind"]:
        lookups["kind"] = filters["kind"]
    if filters["q"]:
        lookups["recipient__name_key__contains"] = search_key(filters["q"])
    return lookups


def filter_decisions(queryset, filters):
    """Decisions of the year with at least one row matching the filters."""
    if filters["year"]:
        queryset = queryset.filter(year=filters["year"])
    if lookups := award_lookups(filters):
        queryset = queryset.filter(
            Exists(Award.objects.filter(decision=OuterRef("pk"), **lookups))
        )
    return queryset


def filter_awards(queryset, filters):
    """The rows matching the filters, i.e. those that put their decision on
    the filtered honour roll."""
    if filters["year"]:
        queryset = queryset.filter(decision__year=filters["year"])
    return queryset.filter(**award_lookups(filters))


class DecisionListView(ListView):
    """The honour roll: issued decisions, newest first, with filters."""

    template_name = "awards/decision_list.html"
    context_object_name = "decisions"
    paginate_by = 20

    def get_queryset(self):
        self.filter_form = HonourRollFilter(
            self.request.GET or None, award_forms=list(AwardForm.objects.all())
        )
        self.filters = (
            self.filter_form.filters()
            if self.request.GET
            else {"q": "", "year": None, "form": None, "kind": ""}
        )
        decisions = filter_decisions(Decision.objects.for_listing(), self.filters)
        if self.filters["q"]:
            # Searching a name shows the people found and their awards.
            matching = Award.objects.filter(**award_lookups(self.filters))
            decisions = decisions.prefetch_related(
                Prefetch(
                    "awards",
                    queryset=matching.select_related("form"),
                    to_attr="matching_awards",
                )
            )
        return decisions

    def paginate_queryset(self, queryset, page_size):
        paginator = Paginator(queryset, page_size)
        try:
            page = paginator.page(self.request.GET.get("page") or 1)
        except InvalidPage as exc:
            raise Http404(_("This page of the honour roll does not exist.")) from exc
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(
            filter_form=self.filter_form,
            filters=self.filters,
            query=query.urlencode(),
            **kwargs,
        )


def honour_roll_export(request, fmt):
    """The recipients of the honour roll, filtered as on the page."""
    award_forms = list(AwardForm.objects.all())
    filters = HonourRollFilter(request.GET, award_forms=award_forms).filters()
    awards = filter_awards(
        Award.objects.filter(decision__in=Decision.objects.public().values("pk")),
        filters,
    )
    if fmt == "xlsx":
        response = HttpResponse(
            awards_export_xlsx(awards=awards),
            content_type="application/vnd.openxmlformats-officedocument"
            ".spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(
            awards_export_csv(awards=awards), content_type="text/csv; charset=utf-8"
        )
    response["Content-Disposition"] = f'attachment; filename="khen-thuong.{fmt}"'
    return response


class DecisionDetailView(DetailView):
    template_name = "awards/decision_detail.html"
    context_object_name = "decision"

    def get_queryset(self):
        return public_decisions(self.request).select_related(
            "issuer__level", "article", "revoked_by"
        )

    def get_context_data(self, **kwargs):
        awards = list(self.object.awards.select_related("form"))
        return super().get_context_data(
            collectives=[a for a in awards if a.kind != RecipientKind.INDIVIDUAL],
            individuals=[a for a in awards if a.kind == RecipientKind.INDIVIDUAL],
            **kwargs,
        )


class DecisionPrintView(DecisionDetailView):
    """The recipient list attached to a decision, ready to print on A4."""

    template_name = "awards/decision_print.html"


def recipient_detail(request, pk):
    recipient = get_object_or_404(Recipient, pk=pk)
    awards = list(
        Award.objects.filter(
            recipient=recipient, decision__in=public_decisions(request)
        )
        .select_related("decision__issuer", "form")
        .order_by("-decision__date", "-decision_id")
    )
    if not awards:
        # Someone only in drafts or revoked decisions is not public.
        raise Http404(_("No public commendation for this recipient."))
    return render(
        request,
        "awards/recipient_detail.html",
        {"recipient": recipient, "awards": awards},
    )


@staff_member_required
def certificate(request, pk):
    """A certificate (giấy khen) for one recipient row, to print on A4."""
    award = get_object_or_404(
        Award.objects.select_related("decision__issuer", "form"), pk=pk
    )
    place = getattr(settings, "AWARDS_CERTIFICATE_PLACE", "Hồng Lĩnh")
    return render(request, "awards/certificate.html", {"award": award, "place": place})

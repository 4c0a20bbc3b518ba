from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from core.text import slugify_vi

from .models import AboutPage, Person, Position, Unit
from .vcard import person_vcard


@dataclass
class Node:
    """A unit in the organisation chart, with its subordinate units grouped
    by kind (offices, wards and communes…)."""

    unit: Unit
    heading: int
    groups: list = field(default_factory=list)


def unit_tree(units: list[Unit]) -> list[Node]:
    """The chart's roots: units whose parent is not public (or none)."""
    by_parent: dict = {}
    known = {unit.pk for unit in units}
    for unit in units:
        parent = unit.parent_id if unit.parent_id in known else None
        by_parent.setdefault(parent, []).append(unit)
    labels = dict(Unit.Kind.choices)
    order = list(labels)

    def build(unit, depth, seen):
        node = Node(unit=unit, heading=min(depth + 2, 6))
        children = [c for c in by_parent.get(unit.pk, []) if c.pk not in seen]
        kinds = sorted({c.kind for c in children}, key=order.index)
        for kind in kinds:
            node.groups.append(
                (
                    labels[kind] if len(kinds) > 1 else "",
                    [
                        build(child, depth + 1, seen | {child.pk})
                        for child in children
                        if child.kind == kind
                    ],
                )
            )
        return node

    return [build(unit, 0, {unit.pk}) for unit in by_parent.get(None, [])]


def flatten(nodes: list[Node]) -> list[Unit]:
    units = []
    for node in nodes:
        units.append(node.unit)
        for _label, children in node.groups:
            units.extend(flatten(children))
    return units


def render_about(request, template, context):
    """Every about page shows the about menu (the town pages, one query)."""
    return render(
        request,
        f"organisation/{template}",
        {"about_pages": list(AboutPage.objects.for_menu()), **context},
    )


def about_index(request):
    return render_about(request, "about_index.html", {})


def about_page(request, slug):
    page = get_object_or_404(AboutPage.objects.public(), slug=slug)
    return render_about(request, "aboutpage_detail.html", {"page": page})


def organisation_chart(request):
    return render_about(
        request,
        "organisation_chart.html",
        {"tree": unit_tree(list(Unit.objects.for_chart()))},
    )


def functions(request):
    """Functions and tasks of every public unit, in chart order."""
    units = list(Unit.objects.public().order_by("order", "name_vi", "pk"))
    return render_about(
        request,
        "functions.html",
        {"units": [u for u in flatten(unit_tree(units)) if u.functions]},
    )


def leaders(request):
    """The leaders of every public unit with their contacts, and each
    unit's own contacts."""
    units = list(
        Unit.objects.public()
        .order_by("order", "name_vi", "pk")
        .defer("functions_vi", "functions_en")
        .prefetch_related(
            Prefetch(
                "positions",
                queryset=Position.objects.filter(is_leader=True)
                .select_related("person")
                .order_by("order", "pk"),
                to_attr="leader_positions",
            )
        )
    )
    return render_about(
        request,
        "leaders.html",
        {"units": flatten(unit_tree(units))},
    )


def unit_detail(request, slug):
    unit = get_object_or_404(Unit.objects.public().select_related("parent"), slug=slug)
    if unit.parent and not unit.parent.is_public:
        unit.parent = None
    return render_about(
        request,
        "unit_detail.html",
        {
            "unit": unit,
            "children": list(unit.children.public().order_by("order", "name_vi")),
            "positions": list(
                unit.positions.select_related("person").order_by(
                    "-is_leader", "order", "pk"
                )
            ),
        },
    )


def person_vcard_download(request, pk):
    person = get_object_or_404(Person.objects.public(), pk=pk)
    positions = list(
        person.positions.filter(unit__is_public=True)
        .select_related("unit")
        .order_by("-is_leader", "order", "pk")
    )
    if not positions:
        raise Http404(_("No public position for this person."))
    text = person_vcard(
        name=person.name,
        positions=[(p.title, p.unit.name) for p in positions],
        phone_uri=person.phone_uri,
        email=person.email,
        url=request.build_absolute_uri(positions[0].unit.get_absolute_url()),
    )
    response = HttpResponse(text, content_type="text/vcard; charset=utf-8")
    filename = slugify_vi(person.name) or f"can-bo-{person.pk}"
    response["Content-Disposition"] = f'attachment; filename="{filename}.vcf"'
    return response

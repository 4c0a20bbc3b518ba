"""Importing, exporting and merging commendations.

The import reads one sheet, one row per recipient, with Vietnamese headers
(HEADERS). Every row is checked before anything is written: a file with a bad
row imports nothing and the report names each bad row and why. Re-importing
the same file adds nothing. The export writes the same columns, so an export
imports again cleanly.
"""

import csv
import datetime
import io
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field, fields

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from audit.models import AuditEntry
from audit.recorder import record_bulk
from core.cache import content_changed
from core.importing import ImportRefused, RowError, cell_date, cell_text, read_upload
from core.importing import sheet_rows as read_sheet
from core.text import name_key, search_key
from organisation.models import Unit

from .models import (
    Award,
    AwardForm,
    Decision,
    ImportUpload,
    Recipient,
    RecipientKey,
    RecipientKind,
)

HEADERS = [
    "STT",
    "Số quyết định",
    "Ngày quyết định",
    "Cơ quan ban hành",
    "Người ký",
    "Hình thức khen thưởng",
    "Loại đối tượng",
    "Họ và tên / Tên tập thể",
    "Chức vụ",
    "Đơn vị",
    "Thành tích",
    "Chức vụ người ký",
    "Trích yếu",
]
# Files made from the template before it had the signer's title and excerpt.
LEGACY_HEADERS = HEADERS[:11]
# How the file names each kind of recipient (the file format is Vietnamese
# whatever the interface language).
KIND_LABELS = {
    RecipientKind.INDIVIDUAL: "Cá nhân",
    RecipientKind.COLLECTIVE: "Tập thể",
    RecipientKind.HOUSEHOLD: "Hộ gia đình",
}
_KIND_KEYS = {search_key(label): kind for kind, label in KIND_LABELS.items()}
CLASS_LABELS = {"1": "Nhất", "2": "Nhì", "3": "Ba"}
_CLASS_WORDS = {"nhat": "1", "nhi": "2", "ba": "3", "i": "1", "ii": "2", "iii": "3"}
_CLASS_SUFFIX = re.compile(r"^(?P<form>.+?)[\s,;-]*hạng\s+(?P<cls>\S+)$")

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000
# Rows per INSERT and values per IN (…) of the import; SQLite lowers it to its
# limit of 999 parameters a query.
BATCH_SIZE = 900
LIMITS = {
    "number": 60,
    "signer": 120,
    "name": 200,
    "position": 200,
    "unit": 255,
    "achievement": 2000,
    "signer_title": 160,
    "excerpt": 2000,
}


class AwardsImportError(ImportRefused):
    pass


@dataclass
class ImportRow:
    """One validated row, JSON-serialisable (kept in an ImportUpload between
    the admin's preview and confirmation)."""

    row: int
    order: int
    number: str
    date: str  # ISO
    issuer_id: int
    issuer: str
    signer: str
    form_id: int
    form: str
    award_class: str
    kind: str
    name: str
    position: str
    unit: str
    achievement: str
    signer_title: str = ""
    excerpt: str = ""

    @property
    def decision_key(self):
        return (self.issuer_id, search_key(self.number), self.date)

    @property
    def date_display(self):
        return datetime.date.fromisoformat(self.date).strftime("%d/%m/%Y")

    @property
    def form_label(self):
        if self.award_class:
            return f"{self.form} hạng {CLASS_LABELS[self.award_class]}"
        return self.form

    @property
    def kind_label(self):
        return KIND_LABELS[self.kind]


@dataclass
class ImportReport:
    rows: int = 0
    decisions_created: int = 0
    decisions_existing: int = 0
    awards_created: int = 0
    awards_existing: int = 0
    warnings: list[RowError] = field(default_factory=list)


@dataclass
class ParsedImport:
    rows: list[ImportRow]
    warnings: list[RowError]

    def as_json(self):
        """Rows as lists of values, not dicts: a third of the size."""
        names = [item.name for item in fields(ImportRow)]
        return {
            "fields": names,
            "rows": [[getattr(row, name) for name in names] for row in self.rows],
            "warnings": [asdict(warning) for warning in self.warnings],
        }

    @classmethod
    def from_json(cls, data):
        names = data["fields"]
        return cls(
            rows=[
                ImportRow(**dict(zip(names, row, strict=True))) for row in data["rows"]
            ],
            warnings=[RowError(**warning) for warning in data["warnings"]],
        )

    def decisions(self) -> list[tuple[ImportRow, int]]:
        """Each decision of the file: its first row and its number of rows."""
        found = {}
        for row in self.rows:
            first, count = found.get(row.decision_key, (row, 0))
            found[row.decision_key] = (first, count + 1)
        return list(found.values())


# Reading ---------------------------------------------------------------------


def awards_parse(*, file) -> ParsedImport:
    """Read and check an .xlsx file; raise AwardsImportError listing every
    problem, or return the rows to import."""
    data = read_upload(file, max_bytes=MAX_FILE_BYTES, refused=AwardsImportError)
    sheet_rows = read_sheet(data, max_bytes=MAX_FILE_BYTES, refused=AwardsImportError)
    header = next(sheet_rows, None)
    _check_header(header)
    issuers = _lookup(Unit.objects.select_related("level"))
    forms = _lookup(AwardForm.objects.prefetch_related("allowed_levels"))
    errors, warnings, rows = [], [], []
    decisions, seen = {}, {}
    for number, values in enumerate(sheet_rows, start=2):
        if number > MAX_ROWS + 1:
            raise AwardsImportError(
                [
                    RowError(
                        None,
                        "too_many_rows",
                        _("The file has more than %(count)d rows; split it.")
                        % {"count": MAX_ROWS},
                    )
                ]
            )
        columns = len(HEADERS)
        cells = [
            cell_text(value) for value in (list(values) + [None] * columns)[:columns]
        ]
        if not any(cells):
            continue
        row_errors = []
        row = _check_row(number, values, cells, issuers, forms, row_errors)
        if row is not None:
            signer = decisions.setdefault(row.decision_key, row.signer)
            if row.signer and signer and name_key(signer) != name_key(row.signer):
                row_errors.append(
                    RowError(
                        number,
                        "signer_differs",
                        _("The signer differs from the other rows of this decision."),
                    )
                )
            identity = (
                row.decision_key,
                Recipient.key_for(row.kind, row.name, row.unit),
                row.form_id,
            )
            if identity in seen:
                row_errors.append(
                    RowError(
                        number,
                        "duplicate_row",
                        _("Same recipient and award as row %(row)d.")
                        % {"row": seen[identity]},
                    )
                )
            seen.setdefault(identity, number)
            if not row_errors:
                rows.append(row)
                issuer, form = issuers.by_id[row.issuer_id], forms.by_id[row.form_id]
                if not form_allowed(form=form, issuer=issuer):
                    warnings.append(
                        RowError(
                            number,
                            "form_outside_power",
                            _(
                                "%(issuer)s (level %(level)s) does not usually award %(form)s."
                            )
                            % {
                                "issuer": issuer.name_vi,
                                "level": issuer.level.name,
                                "form": form.name_vi,
                            },
                        )
                    )
        errors.extend(row_errors)
    if errors:
        raise AwardsImportError(errors)
    if not rows:
        raise AwardsImportError(
            [RowError(None, "no_rows", _("The file has no recipient rows."))]
        )
    return ParsedImport(rows=rows, warnings=warnings)


def _check_header(header):
    expected = [name_key(title) for title in HEADERS]
    found = [name_key(cell_text(value)) for value in (header or ())]
    while found and not found[-1]:
        found.pop()
    if found not in (expected, expected[: len(LEGACY_HEADERS)]):
        missing = [title for title in HEADERS if name_key(title) not in found]
        raise AwardsImportError(
            [
                RowError(
                    1,
                    "wrong_headers",
                    _(
                        "The first row must hold the columns: %(expected)s. "
                        "Missing or misplaced: %(missing)s."
                    )
                    % {
                        "expected": ", ".join(HEADERS),
                        "missing": ", ".join(missing) or _("the order of the columns"),
                    },
                )
            ]
        )


class _Lookup:
    def __init__(self, objects):
        self.by_id = {obj.pk: obj for obj in objects}
        self.by_key = {}
        for obj in self.by_id.values():
            for key in obj.keys():
                self.by_key.setdefault(key, obj)


def _lookup(queryset):
    return _Lookup(list(queryset))


def _check_row(number, values, cells, issuers, forms, errors):
    (order, decision_number, date, issuer, signer, form, kind, name, position, unit,
     achievement, signer_title, excerpt) = cells  # fmt: skip

    def error(code, message):
        errors.append(RowError(number, code, message))

    if order and not (order.isdigit() and int(order) > 0):
        error("bad_order", _("The number (STT) must be a whole number."))
    if not decision_number:
        error("number_missing", _("The decision number is missing."))
    parsed_date = cell_date(values[2] if len(values) > 2 else None)
    if not date:
        error("date_missing", _("The decision date is missing."))
    elif parsed_date is None:
        error(
            "bad_date",
            _("“%(value)s” is not a date in the form dd/mm/yyyy.") % {"value": date},
        )
    issuer_obj = issuers.by_key.get(name_key(issuer)) if issuer else None
    if not issuer:
        error("issuer_missing", _("The issuing body is missing."))
    elif issuer_obj is None:
        error(
            "unknown_issuer",
            _("Unknown issuing body “%(value)s”: add it in the admin first.")
            % {"value": issuer},
        )
    form_obj, award_class = _match_form(form, forms)
    if not form:
        error("form_missing", _("The form of commendation is missing."))
    elif form_obj is None:
        error(
            "unknown_form",
            _("Unknown form of commendation “%(value)s”: add it in the admin first.")
            % {"value": form},
        )
    elif form_obj.has_classes and not award_class:
        error(
            "class_missing",
            _("Give the class of %(form)s (hạng Nhất, Nhì or Ba).")
            % {"form": form_obj.name_vi},
        )
    kind_value = _KIND_KEYS.get(search_key(kind))
    if not kind:
        error("kind_missing", _("The kind of recipient is missing."))
    elif kind_value is None:
        error(
            "bad_kind",
            _(
                "Unknown kind of recipient “%(value)s”: write Cá nhân, Tập thể or Hộ gia đình."
            )
            % {"value": kind},
        )
    if not name:
        error("name_missing", _("The name of the person or collective is missing."))
    if position and kind_value and kind_value != RecipientKind.INDIVIDUAL:
        error("position_not_individual", _("Only an individual has a position."))
    for key, value in (
        ("number", decision_number),
        ("signer", signer),
        ("name", name),
        ("position", position),
        ("unit", unit),
        ("achievement", achievement),
        ("signer_title", signer_title),
        ("excerpt", excerpt),
    ):
        if len(value) > LIMITS[key]:
            error(
                "too_long",
                _("A value is too long: at most %(count)d characters.")
                % {"count": LIMITS[key]},
            )
            break
    if errors:
        return None
    return ImportRow(
        row=number,
        order=int(order) if order else 0,
        number=decision_number,
        date=parsed_date.isoformat(),
        issuer_id=issuer_obj.pk,
        issuer=issuer_obj.name_vi,
        signer=signer,
        form_id=form_obj.pk,
        form=form_obj.name_vi,
        award_class=award_class,
        kind=kind_value,
        name=name,
        position=position,
        unit=unit,
        achievement=achievement,
        signer_title=signer_title,
        excerpt=excerpt,
    )


def _match_form(text, forms):
    if not text:
        return None, ""
    key = name_key(text)
    if key in forms.by_key:
        return forms.by_key[key], ""
    match = _CLASS_SUFFIX.match(key)
    if match:
        form = forms.by_key.get(match["form"].strip())
        award_class = _CLASS_WORDS.get(search_key(match["cls"]))
        if form and award_class and form.has_classes:
            return form, award_class
    return None, ""


def form_allowed(*, form: AwardForm, issuer: Unit) -> bool:
    """May a body of this level award this form? No levels set: any may."""
    allowed = {level.pk for level in form.allowed_levels.all()}
    return not allowed or issuer.level_id in allowed


# Writing ---------------------------------------------------------------------


@transaction.atomic
def awards_import(
    *,
    file=None,
    parsed: ParsedImport | None = None,
    draft: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Import an .xlsx file (or rows already parsed by ``awards_parse``).

    New decisions are recorded as issued, i.e. public, unless ``draft``;
    existing decisions and rows are left as they are, so a re-import adds
    nothing. Raises AwardsImportError, having written nothing, on a bad file.

    The queries do not depend on the number of rows, only on the number of
    batches of BATCH_SIZE: decisions, recipients and rows are looked up and
    created in bulk (see ``_decisions``, ``_recipients``).
    """
    if parsed is None:
        parsed = awards_parse(file=file)
    issuers = Unit.objects.in_bulk({row.issuer_id for row in parsed.rows})
    forms = AwardForm.objects.in_bulk({row.form_id for row in parsed.rows})
    gone = [
        RowError(row.row, "changed", _("The issuer or form was deleted meanwhile."))
        for row in parsed.rows
        if row.issuer_id not in issuers or row.form_id not in forms
    ]
    if gone:
        raise AwardsImportError(gone)
    report = ImportReport(rows=len(parsed.rows), warnings=list(parsed.warnings))
    groups = {}
    for row in parsed.rows:
        groups.setdefault(row.decision_key, []).append(row)
    decisions, found = _decisions(groups, issuers=issuers, draft=draft)
    report.decisions_existing = len(found)
    report.decisions_created = len(decisions) - len(found)
    recipients = _recipients(parsed.rows)
    existing = set(
        _in_batches(
            Award.objects.values_list("decision_id", "recipient_id", "form_id"),
            "decision_id__in",
            [decisions[key].pk for key in found],
        )
    )
    awards = []
    for key, rows in groups.items():
        decision = decisions[key]
        for index, row in enumerate(rows, start=1):
            recipient_id = recipients[row.kind, row.name, row.unit]
            # Two keys of the file may name one recipient (merged ones).
            identity = (decision.pk, recipient_id, row.form_id)
            if identity in existing:
                report.awards_existing += 1
                continue
            existing.add(identity)
            award = Award(
                decision=decision,
                recipient_id=recipient_id,
                order=row.order or index,
                kind=row.kind,
                name=row.name,
                position=row.position,
                unit=row.unit,
                form=forms[row.form_id],
                award_class=row.award_class,
                achievement_vi=""
                if row.achievement == decision.achievement_vi
                else row.achievement,
            )
            award.set_derived_fields()
            awards.append(award)
    for start in range(0, len(awards), BATCH_SIZE):
        batch = awards[start : start + BATCH_SIZE]
        Award.objects.bulk_create(batch, batch_size=BATCH_SIZE)
        report.awards_created += len(batch)
        if progress:
            progress(report.awards_existing + report.awards_created, report.rows)
    if progress and not awards:
        progress(report.rows, report.rows)
    Decision.refresh_recipients({award.decision_id for award in awards})
    # bulk_create sends no signals: start a new content version, committed
    # with the rows (core.cache), and say what was imported in the audit trail.
    content_changed()
    if report.decisions_created or report.awards_created:
        record_bulk(
            AuditEntry.Action.CREATED,
            model=Award,
            description=_(
                "Import: %(decisions)d new decisions, %(awards)d new commendations"
            )
            % {
                "decisions": report.decisions_created,
                "awards": report.awards_created,
            },
            changes={
                "decisions_created": report.decisions_created,
                "awards_created": report.awards_created,
                "rows": report.rows,
            },
        )
    return report


def _in_batches(queryset, lookup, values):
    """Rows of ``queryset`` whose ``lookup`` is in ``values``, a batch of values
    per query (SQLite limits the parameters of one query)."""
    values = list(values)
    for start in range(0, len(values), BATCH_SIZE):
        yield from queryset.filter(**{lookup: values[start : start + BATCH_SIZE]})


def _recorded_decisions(groups) -> dict:
    """The decisions already recorded, by the decision keys of the rows."""
    decisions = {}
    for decision in _in_batches(
        Decision.objects.all(), "number_key__in", {key[1] for key in groups}
    ):
        key = (decision.issuer_id, decision.number_key, decision.date.isoformat())
        if key in groups:
            decisions[key] = decision
    return decisions


def _decisions(groups, *, issuers, draft) -> tuple[dict, set]:
    """The decision of each group of rows by decision key, created unless
    recorded already, and the keys of those recorded already."""
    decisions = _recorded_decisions(groups)
    found = set(decisions)
    new = []
    for key, rows in groups.items():
        if key in found:
            continue
        issuer_id, _number_key, date = key
        achievements = Counter(row.achievement for row in rows if row.achievement)
        decision = Decision(
            issuer=issuers[issuer_id],
            number=rows[0].number,
            date=datetime.date.fromisoformat(date),
            signer_name=next((row.signer for row in rows if row.signer), ""),
            signer_title_vi=next((r.signer_title for r in rows if r.signer_title), ""),
            excerpt_vi=next((row.excerpt for row in rows if row.excerpt), ""),
            achievement_vi=achievements.most_common(1)[0][0] if achievements else "",
            status=Decision.Status.DRAFT if draft else Decision.Status.ISSUED,
        )
        decision.set_derived_fields()
        decisions[key] = decision
        new.append(decision)
    Decision.objects.bulk_create(new, batch_size=BATCH_SIZE)
    return decisions, found


def _recipients(rows) -> dict[tuple[str, str, str], int]:
    """The recipient id for each (kind, name, unit) of the rows: the one
    recorded under its match key (its own or one merged into it, as
    Recipient.resolve finds it), else a new recipient, created with its key."""
    named = {}
    for row in rows:
        if (row.kind, row.name, row.unit) not in named:
            recipient = Recipient(kind=row.kind, name=row.name, unit=row.unit)
            recipient.set_derived_fields()
            named[row.kind, row.name, row.unit] = recipient
    by_key = {}
    for recipient in named.values():
        by_key.setdefault(recipient.match_key, recipient)
    found = dict(
        _in_batches(
            RecipientKey.objects.values_list("key", "recipient_id"),
            "key__in",
            by_key,
        )
    )
    new = [recipient for key, recipient in by_key.items() if key not in found]
    Recipient.objects.bulk_create(new, batch_size=BATCH_SIZE)
    RecipientKey.objects.bulk_create(
        [RecipientKey(key=r.match_key, recipient_id=r.pk) for r in new],
        batch_size=BATCH_SIZE,
    )
    found.update((recipient.match_key, recipient.pk) for recipient in new)
    return {names: found[r.match_key] for names, r in named.items()}


@dataclass
class ImportPlan:
    """What importing parsed rows would add, told before anything is written."""

    decisions_new: int = 0
    decisions_existing: int = 0
    rows_new: int = 0
    rows_existing: int = 0


def awards_import_plan(*, parsed: ParsedImport) -> ImportPlan:
    """Count, without writing, the decisions and rows an import would add and
    those recorded already (a re-import adds nothing: all rows recorded)."""
    groups = {}
    for row in parsed.rows:
        groups.setdefault(row.decision_key, []).append(row)
    recorded = _recorded_decisions(groups)
    keys = {
        Recipient.key_for(row.kind, row.name, row.unit)
        for key in recorded
        for row in groups[key]
    }
    recipients = dict(
        _in_batches(
            RecipientKey.objects.values_list("key", "recipient_id"), "key__in", keys
        )
    )
    existing = set(
        _in_batches(
            Award.objects.values_list("decision_id", "recipient_id", "form_id"),
            "decision_id__in",
            [decision.pk for decision in recorded.values()],
        )
    )
    plan = ImportPlan(
        decisions_new=len(groups) - len(recorded), decisions_existing=len(recorded)
    )
    seen = set()
    for key, rows in groups.items():
        decision = recorded.get(key)
        for row in rows:
            recipient_id = recipients.get(
                Recipient.key_for(row.kind, row.name, row.unit)
            )
            identity = (decision and decision.pk, recipient_id, row.form_id)
            if decision and recipient_id and (identity in existing or identity in seen):
                plan.rows_existing += 1
            else:
                plan.rows_new += 1
            if recipient_id:
                seen.add(identity)
    return plan


# Between the admin's preview and confirmation ------------------------------


def import_upload_store(*, owner, parsed: ParsedImport, file_name: str = "") -> str:
    """Keep checked rows for their owner to confirm; return the token that
    names them. Stale uploads go meanwhile."""
    import_uploads_clear()
    upload = ImportUpload.objects.create(
        owner=owner, parsed=parsed.as_json(), file_name=file_name[:255]
    )
    return upload.token


def import_upload_claim(*, token: str, owner) -> ParsedImport | None:
    """The rows stored under ``token`` if ``owner`` uploaded them less than
    IMPORT_UPLOAD_MAX_AGE ago, else None. Claiming deletes them: a preview is
    confirmed once, even by two requests at the same time."""
    upload = ImportUpload.objects.usable(token=token, owner=owner).first()
    if upload is None:
        return None
    deleted, _by_model = ImportUpload.objects.filter(pk=upload.pk).delete()
    if not deleted:  # claimed by a concurrent request
        return None
    try:
        return ParsedImport.from_json(upload.parsed)
    except (KeyError, TypeError, ValueError):  # stored by an older release
        return None


def import_uploads_clear() -> int:
    """Delete the uploads too old to confirm; return how many."""
    deleted, _by_model = ImportUpload.objects.stale().delete()
    return deleted


# Exporting -------------------------------------------------------------------


def awards_export_rows(*, awards: QuerySet) -> Iterable[list]:
    """The rows of an export, in the import's columns, in Vietnamese."""
    awards = awards.select_related("decision__issuer", "form").order_by(
        "decision__date", "decision_id", "order", "pk"
    )
    for award in awards.iterator(chunk_size=1000):
        decision = award.decision
        form = award.form.name_vi
        if award.award_class:
            form = f"{form} hạng {CLASS_LABELS[award.award_class]}"
        yield [
            award.order or None,
            decision.number,
            decision.date,
            decision.issuer.name_vi,
            decision.signer_name,
            form,
            KIND_LABELS[award.kind],
            award.name,
            award.position,
            award.unit,
            award.achievement_vi or decision.achievement_vi,
            decision.signer_title_vi,
            decision.excerpt_vi,
        ]


def awards_export_xlsx(*, awards: QuerySet) -> bytes:
    import openpyxl
    from openpyxl.styles import Font

    workbook = openpyxl.Workbook(write_only=False)
    sheet = workbook.active
    sheet.title = "Khen thưởng"
    sheet.append(HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for values in awards_export_rows(awards=awards):
        sheet.append(values)
        sheet.cell(row=sheet.max_row, column=3).number_format = "DD/MM/YYYY"
    for letter, width in zip(
        "ABCDEFGHIJKLM",
        (6, 16, 14, 28, 20, 24, 12, 30, 24, 30, 60, 24, 50),
        strict=True,
    ):
        sheet.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def awards_export_csv(*, awards: QuerySet) -> str:
    """CSV text starting with a BOM, so Excel reads it as UTF-8."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(HEADERS)
    for values in awards_export_rows(awards=awards):
        values[2] = values[2].strftime("%d/%m/%Y")
        writer.writerow(["" if value is None else value for value in values])
    return buffer.getvalue()


def awards_template_xlsx() -> bytes:
    """An empty import file with the headers, for editors to fill in."""
    return awards_export_xlsx(awards=Award.objects.none())


# Recipients ------------------------------------------------------------------


@transaction.atomic
def recipients_merge(*, target: Recipient, others: Iterable[Recipient]) -> int:
    """Merge ``others`` into ``target``: their awards and names move to it,
    a row that would repeat one of the target's in the same decision goes.
    Returns how many recipients were merged."""
    merged = 0
    for other in others:
        if other.pk == target.pk:
            continue
        target_rows = set(target.awards.values_list("decision_id", "form_id"))
        for award in other.awards.all():
            if (award.decision_id, award.form_id) in target_rows:
                award.delete()
            else:
                Award.objects.filter(pk=award.pk).update(recipient=target)
        other.keys.update(recipient=target)
        other.delete()
        merged += 1
    return merged

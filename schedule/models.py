"""The leaders' weekly work schedule (lịch công tác tuần): items per day."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.text import clean_text, name_key, nfc

# An item without an end time takes this long for the overlap check.
DEFAULT_LENGTH = datetime.timedelta(minutes=30)


def week_monday(year: int, week: int) -> datetime.date:
    """Monday of ISO week ``week`` of ``year``; ValueError if there is none."""
    return datetime.date.fromisocalendar(year, week, 1)


class ItemQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def in_week(self, monday: datetime.date):
        return self.filter(date__range=(monday, monday + datetime.timedelta(days=6)))

    def for_week(self, monday: datetime.date):
        """A week's published items, in day and time order, with their chair."""
        return (
            self.published()
            .in_week(monday)
            .select_related("chair")
            .order_by("date", "start", "pk")
        )


class Item(models.Model):
    """One engagement of the schedule: a meeting, a visit, a reception…"""

    date = models.DateField(_("date"), db_index=True)
    start = models.TimeField(_("start time"))
    end = models.TimeField(_("end time"), null=True, blank=True)
    content = models.TextField(
        _("content"),
        help_text=_("E.g. “Họp Ban Thường vụ Thị ủy”."),
    )
    chair = models.ForeignKey(
        "organisation.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("chaired by"),
        help_text=_("The leader who chairs it, from the organisation registry."),
    )
    chair_text = models.CharField(
        _("chaired by (text)"),
        max_length=200,
        blank=True,
        help_text=_("Where the chair is not in the registry, e.g. “Lãnh đạo UBND”."),
    )
    attendees = models.TextField(_("attendees"), blank=True)
    place = models.CharField(_("place"), max_length=255, blank=True)
    is_published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_("Only published items are shown on the public schedule."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ItemQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "start", "pk"]
        verbose_name = _("schedule item")
        verbose_name_plural = _("schedule items")
        indexes = [
            models.Index(fields=["is_published", "date"], name="item_public_idx")
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gt=models.F("start")),
                name="item_end_after_start",
                violation_error_message=_("The end time must be after the start time."),
            )
        ]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} {self.start:%H:%M} – {self.content[:60]}"

    def save(self, *args, **kwargs):
        for language in ("vi", "en"):
            for name in ("content", "chair_text", "attendees", "place"):
                field = f"{name}_{language}"
                value = getattr(self, field) or ""
                setattr(
                    self,
                    field,
                    nfc(value).strip() if name == "attendees" else clean_text(value),
                )
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.end is not None and self.start is not None and self.end <= self.start:
            raise ValidationError(
                {"end": _("The end time must be after the start time.")}
            )
        if self.date is None or self.start is None:
            return
        clash = self.clashing_item()
        if clash is not None:
            raise ValidationError(
                _(
                    "%(chair)s already chairs “%(content)s” from %(start)s on "
                    "%(date)s: the times overlap."
                ),
                code="overlap",
                params={
                    "chair": self.chair_name,
                    "content": clash.content,
                    "start": f"{clash.start:%H:%M}",
                    "date": f"{clash.date:%d/%m/%Y}",
                },
            )

    @property
    def chair_name(self):
        return self.chair.name if self.chair_id else self.chair_text

    def span(self) -> tuple[datetime.datetime, datetime.datetime]:
        start = datetime.datetime.combine(self.date, self.start)
        end = (
            datetime.datetime.combine(self.date, self.end)
            if self.end
            else start + DEFAULT_LENGTH
        )
        return start, end

    def clashing_item(self):
        """Another item the same chair has that day at an overlapping time
        (drafts included), or None."""
        if self.chair_id:
            same_chair = Item.objects.filter(chair_id=self.chair_id)
        elif self.chair_text_vi:
            same_chair = Item.objects.filter(chair__isnull=True).exclude(
                chair_text_vi=""
            )
        else:
            return None
        start, end = self.span()
        for other in same_chair.filter(date=self.date).exclude(pk=self.pk):
            if not self.chair_id and name_key(other.chair_text_vi) != name_key(
                self.chair_text_vi
            ):
                continue
            other_start, other_end = other.span()
            if start < other_end and other_start < end:
                return other
        return None

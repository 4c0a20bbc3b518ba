"""The registry of bodies and units: the town's own People's Committee, its
offices and wards, and the outside bodies that issue decisions and documents
(the province, ministries). Commendations and documents point here, so there
is one list to keep, not one per section."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import NamedEntry


class Level(models.Model):
    """Level of a body (Nhà nước, Bộ/ngành, Tỉnh, Huyện/Thị xã, Xã/phường…)."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=100)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("level")
        verbose_name_plural = _("levels")

    def __str__(self):
        return self.name


class Unit(NamedEntry):
    """A body or unit: it issues decisions and documents."""

    level = models.ForeignKey(
        Level, on_delete=models.PROTECT, related_name="bodies", verbose_name=_("level")
    )

    class Meta:
        ordering = ["level__order", "name"]
        verbose_name = _("agency or unit")
        verbose_name_plural = _("agencies and units")

from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.text import nfc


class Abbreviation(models.Model):
    """A glossary entry: on article pages the first use of the acronym is
    marked up with its expansion (portal.abbreviations)."""

    acronym = models.CharField(
        _("acronym"),
        max_length=30,
        unique=True,
        help_text=_(
            "As written in articles, case-sensitive, e.g. “UBND”. Matched as a "
            "whole word only."
        ),
    )
    expansion = models.CharField(
        _("expansion"),
        max_length=255,
        help_text=_("What the acronym stands for, e.g. “Ủy ban nhân dân”."),
    )

    class Meta:
        ordering = ["acronym"]
        verbose_name = _("abbreviation")
        verbose_name_plural = _("abbreviations")

    def __str__(self):
        return self.acronym

    def save(self, *args, **kwargs):
        self.acronym = nfc((self.acronym or "").strip())
        for language in ("vi", "en"):
            field = f"expansion_{language}"
            setattr(self, field, nfc((getattr(self, field) or "").strip()))
        super().save(*args, **kwargs)

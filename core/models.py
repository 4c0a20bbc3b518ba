import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.text import name_key, nfc


def new_epoch():
    return secrets.token_hex(4)


class ContentVersion(models.Model):
    """One row: the version of all public content (core.cache). It lives in the
    database so that every process — each server worker, a management command,
    the shell — sees a change as soon as it is committed, with the change."""

    epoch = models.CharField(max_length=16, default=new_epoch, editable=False)
    number = models.PositiveBigIntegerField(default=1)
    # When public content next changes without a save (a scheduled article):
    # the first process to see it passed moves the version on.
    next_change = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "content version"

    def __str__(self):
        return f"{self.epoch}.{self.number}"


class NamedEntry(models.Model):
    """A registry entry whose name files and lists spell with other case,
    spacing or aliases: `key` finds it whichever way it is written."""

    name = models.CharField(_("name"), max_length=200)
    aliases = models.TextField(
        _("other names"),
        blank=True,
        help_text=_(
            "Other ways files write this name, one per line, e.g. “UBND thị xã Hồng Lĩnh”."
        ),
    )
    key = models.CharField(max_length=200, unique=True, editable=False)

    class Meta:
        abstract = True

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # name_vi / name_en exist where modeltranslation registers `name`;
        # assigning `name` there would write the current language's column.
        translated = [
            f"name_{code}" for code in ("vi", "en") if hasattr(self, f"name_{code}")
        ]
        for field in translated or ["name"]:
            setattr(self, field, nfc(getattr(self, field)))
        self.aliases = nfc(self.aliases)
        self.key = name_key(getattr(self, "name_vi", None) or self.name)
        super().save(*args, **kwargs)

    def keys(self):
        return {self.key} | {
            name_key(line) for line in self.aliases.splitlines() if line.strip()
        }

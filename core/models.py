import secrets

from django.db import models


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

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("Audit entries are never changed.")

    def delete(self):
        raise TypeError("Audit entries are never deleted.")


class AuditEntry(models.Model):
    """One thing that happened: who, when, what, to which object. Written by
    the signal receivers of audit.recorder, never changed or deleted."""

    class Action(models.TextChoices):
        CREATED = "created", _("Created")
        CHANGED = "changed", _("Changed")
        DELETED = "deleted", _("Deleted")
        PUBLISHED = "published", _("Published")
        UNPUBLISHED = "unpublished", _("Unpublished")
        LOGIN = "login", _("Logged in")
        LOGIN_FAILED = "login_failed", _("Failed login")
        LOGOUT = "logout", _("Logged out")

    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    # Kept when the account is deleted: the name below still says who it was.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    username = models.CharField(_("user name"), max_length=150, blank=True)
    action = models.CharField(
        _("action"), max_length=16, choices=Action.choices, db_index=True
    )
    content_type = models.ForeignKey(
        ContentType,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("content type"),
    )
    object_id = models.CharField(_("object ID"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=300, blank=True)
    changes = models.JSONField(
        _("changes"),
        default=dict,
        blank=True,
        help_text=_("Changed fields, with their old and new values."),
    )
    ip_address = models.GenericIPAddressField(
        _("IP address"),
        null=True,
        blank=True,
        help_text=_("Recorded for staff only, never for citizens."),
    )

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")
        # Nobody may add, change or delete entries, not even in the admin:
        # only a view permission exists.
        default_permissions = ("view",)
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="audit_object_idx")
        ]

    def __str__(self):
        return f"{self.get_action_display()}: {self.object_repr or self.username}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise TypeError("Audit entries are never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("Audit entries are never deleted.")

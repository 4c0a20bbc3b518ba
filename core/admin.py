"""Admin of what Django and django-axes bring, in Vietnamese: permissions are
stored with English names ("Can add article"), so they are named at display
time from the model's translated name; django-axes names its rows in English."""

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.utils import formats
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "add": _("Can add %(model)s"),
    "change": _("Can change %(model)s"),
    "delete": _("Can delete %(model)s"),
    "view": _("Can view %(model)s"),
}


def permission_label(permission):
    """`Tin tức | bài viết | Có thể thêm bài viết` for `add_article`."""
    model = permission.content_type.model_class()
    if model is None:
        return str(permission)
    opts = model._meta
    action, _sep, model_name = permission.codename.partition("_")
    if action in ACTIONS and model_name == opts.model_name:
        name = ACTIONS[action] % {"model": opts.verbose_name}
    else:
        name = gettext(permission.name)
    return f"{opts.app_config.verbose_name} | {opts.verbose_name} | {name}"


class PermissionLabelsMixin:
    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name in ("permissions", "user_permissions"):
            field.queryset = field.queryset.select_related("content_type")
            field.label_from_instance = permission_label
        return field


admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(User)
class PortalUserAdmin(PermissionLabelsMixin, UserAdmin):
    pass


@admin.register(Group)
class PortalGroupAdmin(PermissionLabelsMixin, GroupAdmin):
    pass


def when(moment):
    return formats.date_format(moment, "SHORT_DATETIME_FORMAT") if moment else "—"


# django-axes names its rows in English f-strings ("Access Log for …"); the
# admin shows those names as page titles and in breadcrumbs.
AccessAttempt.__str__ = lambda attempt: (
    gettext("Login attempt at %(time)s") % {"time": when(attempt.attempt_time)}
)
AccessLog.__str__ = lambda log: (
    gettext("Login of %(user)s at %(time)s")
    % {
        "user": log.username,
        "time": when(log.attempt_time),
    }
)
AccessFailureLog.__str__ = lambda failure: (
    gettext("Failed login of %(user)s at %(time)s from %(address)s")
    % {
        "user": failure.username,
        "time": when(failure.attempt_time),
        "address": failure.ip_address,
    }
)

"""What the audit trail records, from signals alone: this app imports no
content app. Saves and deletions of the models of the apps named in
``AUDIT_APP_LABELS`` (except ``AUDIT_EXCLUDED_MODELS``, history tables and
counters), their many-to-many changes (a user's groups, a group's
permissions), publications and withdrawals, logins, logouts and failed logins.

Entries are written in the transaction of the change they record, so a change
rolled back leaves no entry, and loading fixtures (``raw``) records nothing.
The acting user comes from the request that django-simple-history's
middleware keeps for the thread; the IP address is recorded for staff only.
"""

import functools

from django.apps import apps as global_apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType

from core.client import client_address

from .models import AuditEntry

Action = AuditEntry.Action

# A status with one of these values, or a boolean field with one of these
# names, is what the public sees.
PUBLIC_STATUSES = frozenset({"published", "issued"})
PUBLIC_FLAGS = ("is_published", "published")
# Values never written to the trail, only the fact that they changed.
SECRET_FIELDS = frozenset({"password"})
# Changes to these alone are not worth an entry (a login sets last_login).
IGNORED_FIELDS = frozenset({"last_login"})
VALUE_LIMIT = 200
REPR_LIMIT = 300


def is_audited(model) -> bool:
    meta = model._meta
    # Migrations' historical models (a data migration seeding rows) are not
    # what staff did, and may run before the trail's table exists.
    if meta.apps is not global_apps or meta.app_label not in settings.AUDIT_APP_LABELS:
        return False
    if hasattr(model, "instance_type") or meta.object_name.startswith("Historical"):
        return False  # django-simple-history's copies
    return meta.label_lower not in settings.AUDIT_EXCLUDED_MODELS


def _request():
    from simple_history.models import HistoricalRecords

    return getattr(HistoricalRecords.context, "request", None)


def _address(request):
    return (client_address(request) or None) if request is not None else None


def record(
    action,
    *,
    instance=None,
    changes=None,
    user=None,
    request=None,
    content_type=None,
    object_repr="",
):
    """Write one entry; the user is the request's unless given."""
    request = request if request is not None else _request()
    if user is None:
        user = getattr(request, "user", None)
    if user is not None and not user.is_authenticated:
        user = None
    entry = AuditEntry(
        action=action,
        user=user,
        username=user.get_username()[:150] if user is not None else "",
        changes=changes or {},
        # Staff only: citizens' addresses are never kept.
        ip_address=_address(request) if user is not None and user.is_staff else None,
        content_type=content_type,
        object_repr=object_repr[:REPR_LIMIT],
    )
    if instance is not None:
        entry.content_type = ContentType.objects.get_for_model(
            instance, for_concrete_model=False
        )
        entry.object_id = str(instance.pk)[:64]
        entry.object_repr = _describe(instance)[:REPR_LIMIT]
    entry.save()
    return entry


def _describe(instance) -> str:
    # A model's __str__ may read related rows or files that are already gone
    # (a deletion cascading, a photo whose file is missing): recording must
    # never stop the change it records.
    try:
        return str(instance)
    except Exception:  # noqa: BLE001
        return f"{instance._meta.verbose_name} #{instance.pk}"


def record_bulk(action, *, model, description: str, changes=None):
    """One entry for rows written in bulk, which send no signals (e.g. an
    import of commendations): ``description`` says what was done."""
    return record(
        action,
        changes=changes,
        content_type=ContentType.objects.get_for_model(model),
        object_repr=description,
    )


# Field values ----------------------------------------------------------------


@functools.cache  # a model's fields do not change while it runs
def _fields(model):
    """The fields worth comparing: concrete, editable, not set by themselves
    (auto_now), and for a translated field its per-language columns only."""
    concrete = [field for field in model._meta.concrete_fields if not field.primary_key]
    names = {field.name for field in concrete}
    return [
        field
        for field in concrete
        if field.editable
        and not getattr(field, "auto_now", False)
        and not getattr(field, "auto_now_add", False)
        and f"{field.name}_{settings.LANGUAGE_CODE}" not in names
        and field.name not in IGNORED_FIELDS
    ]


def _shown(field, value):
    if value is None:
        return None
    if field.name in SECRET_FIELDS or _is_personal(field):
        return "***"
    if isinstance(value, bool | int | float):
        return value
    text = str(value)
    return text if len(text) <= VALUE_LIMIT else text[: VALUE_LIMIT - 1] + "…"


def _is_personal(field) -> bool:
    # Citizens' contact details are deleted after their retention period; a
    # copy in the never-deleted trail would outlive it (Nghị định 13/2023).
    name = field.name
    for code, _name in settings.LANGUAGES:
        name = name.removesuffix(f"_{code}")
    label = field.model._meta.label_lower
    return f"{label}.{name}" in settings.AUDIT_PERSONAL_FIELDS


def _same(field, old, new):
    try:
        return field.to_python(old) == field.to_python(new)
    except Exception:  # noqa: BLE001 - any value that does not convert differs
        return old == new


def _is_public(model, values) -> bool | None:
    """Whether the row is public by its status or flag (None: no such field)."""
    names = {field.name for field in model._meta.concrete_fields}
    if "status" in names:
        return values.get("status") in PUBLIC_STATUSES
    for name in PUBLIC_FLAGS:
        if name in names:
            return bool(values.get(name))
    return None


# Receivers -------------------------------------------------------------------


def before_save(sender, instance, raw=False, **kwargs):
    if raw or not is_audited(sender):
        return
    instance._audit_before = None
    if instance.pk is None or instance._state.adding:
        return
    fields = _fields(sender)
    instance._audit_before = (
        sender._base_manager.filter(pk=instance.pk)
        .values(*(field.attname for field in fields))
        .first()
    )


def after_save(sender, instance, created, raw=False, **kwargs):
    if raw or not is_audited(sender):
        return
    fields = _fields(sender)
    new = {field.attname: getattr(instance, field.attname) for field in fields}
    before = getattr(instance, "_audit_before", None)
    instance._audit_before = None
    if created or before is None:
        record(Action.CREATED, instance=instance)
        if _is_public(sender, new):
            record(Action.PUBLISHED, instance=instance)
        return
    changes = {
        field.name: [
            _shown(field, before[field.attname]),
            _shown(field, new[field.attname]),
        ]
        for field in fields
        if not _same(field, before[field.attname], new[field.attname])
    }
    if not changes:
        return
    was_public, is_public = _is_public(sender, before), _is_public(sender, new)
    if was_public != is_public:
        action = Action.PUBLISHED if is_public else Action.UNPUBLISHED
    else:
        action = Action.CHANGED
    record(action, instance=instance, changes=changes)


def after_delete(sender, instance, **kwargs):
    if is_audited(sender):
        record(Action.DELETED, instance=instance)


def many_to_many_changed(sender, instance, action, model, pk_set, reverse, **kwargs):
    if not is_audited(type(instance)):
        return
    field = next(
        (
            field
            for field in type(instance)._meta.many_to_many
            if field.remote_field.through is sender
        ),
        None,
    )
    if field is None:  # the reverse side: recorded on the other object
        return
    if action == "pre_clear":
        instance._audit_cleared = [
            str(obj) for obj in getattr(instance, field.name).all()
        ]
        return
    if action == "post_clear":
        names = getattr(instance, "_audit_cleared", [])
    elif action in ("post_add", "post_remove") and pk_set:
        names = [str(obj) for obj in model._base_manager.filter(pk__in=pk_set)]
    else:
        return
    if names:
        change = "added" if action == "post_add" else "removed"
        record(
            Action.CHANGED,
            instance=instance,
            changes={field.name: {change: sorted(names)}},
        )


def logged_in(sender, request, user, **kwargs):
    record(Action.LOGIN, instance=user, user=user, request=request)


def logged_out(sender, request, user, **kwargs):
    if user is not None:
        record(Action.LOGOUT, instance=user, user=user, request=request)


def login_failed(sender, credentials, request=None, **kwargs):
    """Only the admin has a login, so every attempt is a (would-be) staff
    member's: the address is kept, as django-axes keeps it for the lockout."""
    username = str(credentials.get("username") or "")
    AuditEntry.objects.create(
        action=Action.LOGIN_FAILED,
        username=username[:150],
        ip_address=_address(request),
    )


def connect():
    from django.contrib.auth import signals as auth_signals
    from django.db.models import signals

    signals.pre_save.connect(before_save, dispatch_uid="audit-pre-save")
    signals.post_save.connect(after_save, dispatch_uid="audit-post-save")
    signals.post_delete.connect(after_delete, dispatch_uid="audit-post-delete")
    signals.m2m_changed.connect(many_to_many_changed, dispatch_uid="audit-m2m")
    auth_signals.user_logged_in.connect(logged_in, dispatch_uid="audit-login")
    auth_signals.user_logged_out.connect(logged_out, dispatch_uid="audit-logout")
    auth_signals.user_login_failed.connect(login_failed, dispatch_uid="audit-failed")

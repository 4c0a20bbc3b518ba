"""The admin's change history (django-simple-history) as Vietnamese editors
read it: each change listed once, under the field's own name, and an empty
link shown as empty rather than as a deleted object."""

import dataclasses

from django.conf import settings
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import DeletedObject
from simple_history.template_utils import HistoricalRecordContextHelper

EMPTY = "—"


def default_language_twin(field_name, changed):
    """True for `title_vi` when `title` changed too: modeltranslation keeps
    the default language's text in both columns."""
    suffix = "_" + settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    return field_name.endswith(suffix) and field_name[: -len(suffix)] in changed


class HistoryContextHelper(HistoricalRecordContextHelper):
    def context_for_delta_changes(self, delta):
        changed = {change.field for change in delta.changes}
        kept = [
            change
            for change in delta.changes
            if not default_language_twin(change.field, changed)
        ]
        return super().context_for_delta_changes(
            dataclasses.replace(delta, changes=kept)
        )

    def prepare_delta_change_value(self, change, value):
        if isinstance(value, DeletedObject) and value.pk is None:
            return EMPTY
        return super().prepare_delta_change_value(change, value)


class HistoryAdmin(SimpleHistoryAdmin):
    """SimpleHistoryAdmin for the portal's models: use it instead of the
    library's class."""

    def get_historical_record_context_helper(self, request, historical_record):
        return HistoryContextHelper(self.model, historical_record)

"""The content version: a database row, bumped with each change."""

import pytest
from django.db import transaction

from core.cache import content_changed, content_version, forget_local_version

pytestmark = pytest.mark.django_db


def test_a_rolled_back_change_never_hands_its_version_to_the_next_one():
    """A page cached under the version of a change that was rolled back would
    otherwise be served as the next change's."""
    before = content_version()
    with pytest.raises(RuntimeError), transaction.atomic():
        content_changed()
        rolled_back = content_version()
        raise RuntimeError("the save failed")
    forget_local_version()
    assert content_version() == before
    content_changed()
    assert content_version() not in (before, rolled_back)


def test_a_change_is_seen_by_this_process_at_once():
    before = content_version()
    content_changed()
    assert content_version() != before

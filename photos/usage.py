"""Where library photos are used, learnt from the apps above that use them.

The library sits below the content apps and never imports them: an app that
places library photos (news) registers, in its ``AppConfig.ready()``, a
function taking photo primary keys and returning ``(photo pk, page)`` pairs for
the public pages showing them (pages have ``__str__`` and
``get_absolute_url``). Each function should make one query.
"""

from collections.abc import Callable, Iterable
from typing import Any

Provider = Callable[[list[int]], Iterable[tuple[int, Any]]]
_providers: list[Provider] = []


def register(provider: Provider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def public_uses(photo_ids: Iterable[int]) -> dict[int, list[Any]]:
    """{photo pk: [public pages using it]}, one query per registered app."""
    ids = list(photo_ids)
    uses: dict[int, list[Any]] = {}
    if not ids:
        return uses
    for provider in _providers:
        for photo_id, page in provider(ids):
            if page not in uses.setdefault(photo_id, []):
                uses[photo_id].append(page)
    return uses

"""Counting page views without a database write per view.

What siteblocks (visit statistics) and news (views per article) share: who is
not counted (bots, by their User-Agent), atomic counters in the cache, and a
queue of batches that each process pushes to the cache and that one request
(or a command) moves to the database now and then.
"""

import re

from django.core.cache import cache

BOTS = re.compile(
    r"bot|crawl|spider|slurp|fetch|monitor|curl|wget|python-|httpclient|java/|go-http|headless|"
    r"preview|scan|lighthouse|pingdom|facebookexternalhit|zalo",
    re.I,
)


def is_bot(user_agent: str) -> bool:
    return not user_agent or bool(BOTS.search(user_agent))


def incr(key, delta=1, timeout=None) -> int:
    """Add ``delta`` to a counter in the cache, creating it if missing."""
    # add-then-incr: incr alone fails on a missing key; both are atomic in Redis.
    if cache.add(key, delta, timeout):
        return delta
    try:
        return cache.incr(key, delta)
    except ValueError:  # expired between add and incr
        cache.add(key, delta, timeout)
        return delta


class BatchQueue:
    """Batches (any picklable value) pushed by many processes, taken in order
    by one flusher at a time.

    Each batch gets the next number of a shared counter and is stored under
    it. The flusher reads the numbers it has not taken yet; a number whose
    batch is not there yet (its process is between the two steps) is looked
    for again at the next flush, and given up at the one after.
    """

    BATCH_SECONDS = 24 * 3600
    MAX_TAKEN = 5000

    def __init__(self, prefix: str):
        self.prefix = prefix
        self.sequence_key = f"{prefix}:sequence"
        self.state_key = f"{prefix}:taken"

    def _key(self, number: int) -> str:
        return f"{self.prefix}:batch:{number}"

    def push(self, batch) -> None:
        number = incr(self.sequence_key)
        cache.set(self._key(number), batch, self.BATCH_SECONDS)

    def take(self):
        """(batches, done): the waiting batches, oldest first, and a callable
        to call once they are stored elsewhere (until then they stay queued)."""
        state = cache.get(self.state_key) or {"done": 0, "seen": 0}
        last = cache.get(self.sequence_key) or 0
        if last < state["done"]:  # the counter was evicted and started again
            state = {"done": 0, "seen": 0}
        numbers = range(
            state["done"] + 1, min(last, state["done"] + self.MAX_TAKEN) + 1
        )
        found = cache.get_many([self._key(number) for number in numbers])
        batches, waiting = [], []
        for number in numbers:
            key = self._key(number)
            if key in found:
                batches.append(found[key])
            elif number > state["seen"]:
                waiting.append(number)
        new_state = {
            "done": waiting[0] - 1 if waiting else numbers.stop - 1,
            "seen": numbers.stop - 1,
        }

        def done():
            cache.delete_many(list(found))
            cache.set(self.state_key, new_state, None)

        return batches, done

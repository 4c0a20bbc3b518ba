"""Two editors saving the same article at the same moment (PostgreSQL: the
lock's row is read FOR UPDATE, so one save waits for the other)."""

import threading

import pytest
from django.db import connection
from django.test import Client

from news.models import Article
from tests.factories import ArticleFactory
from tests.news.newsroom_helpers import change_form, change_url, edit_token, editor


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_saves_one_wins_the_other_is_told(django_db_blocker):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers; the race needs PostgreSQL")
    article = ArticleFactory(status=Article.Status.DRAFT, title_vi="Gốc")
    clients, tokens = [], []
    for name in ("bientap1", "bientap2"):
        client = Client()
        client.force_login(editor(name))
        clients.append(client)
        tokens.append(edit_token(client, article))
    assert tokens[0] == tokens[1]
    barrier = threading.Barrier(2)
    results = {}

    def save(index):
        barrier.wait()
        response = clients[index].post(
            change_url(article),
            change_form(article, title_vi=f"Bản {index}", edit_token=tokens[index]),
        )
        results[index] = response.status_code
        connection.close()

    threads = [threading.Thread(target=save, args=(index,)) for index in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(results.values()) == [200, 302]
    winner = next(index for index, code in results.items() if code == 302)
    article.refresh_from_db()
    assert article.title_vi == f"Bản {winner}"
    assert article.history.count() == 2

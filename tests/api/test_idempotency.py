"""An Idempotency-Key makes a retried POST answer the first answer, and run once."""

import threading
from datetime import timedelta

import pytest
from django.db import connections
from django.test import Client
from django.utils import timezone

from clientdesk.api.models import IdempotencyKey
from clientdesk.support.models import SupportRequest
from tests.api.factories import bearer, customer_token
from tests.api.test_requests_api import REQUESTS, new_request
from tests.conftest import postgresql_only


def post(client, plain, body, key="retry-1"):
    return client.post(
        REQUESTS,
        body,
        content_type="application/json",
        headers={**bearer(plain), "Idempotency-Key": key},
    )


@pytest.mark.django_db
def test_a_retried_call_returns_the_first_answer_and_files_once(client, alfa_admin, alfa):
    _token, plain = customer_token(alfa_admin)
    body = new_request(alfa)
    first = post(client, plain, body)
    again = post(client, plain, body)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert SupportRequest.objects.count() == 1


@pytest.mark.django_db
def test_the_same_key_with_another_body_is_refused_with_a_code(client, alfa_admin, alfa):
    _token, plain = customer_token(alfa_admin)
    post(client, plain, new_request(alfa))
    other = post(client, plain, new_request(alfa, subject="Alt subiect"))
    assert other.status_code == 422
    assert other.json()["detail"][0]["code"] == "idempotency.key_reused"
    assert SupportRequest.objects.count() == 1


@pytest.mark.django_db
def test_a_key_is_kept_for_24_hours_only(client, alfa_admin, alfa):
    _token, plain = customer_token(alfa_admin)
    post(client, plain, new_request(alfa))
    IdempotencyKey.objects.update(created_at=timezone.now() - timedelta(hours=24, seconds=1))
    later = post(client, plain, new_request(alfa))
    assert later.status_code == 201
    assert "Idempotent-Replayed" not in later
    assert SupportRequest.objects.count() == 2


@pytest.mark.django_db
def test_keys_belong_to_their_token(client, alfa_admin, alfa):
    _first, first_plain = customer_token(alfa_admin)
    _second, second_plain = customer_token(alfa_admin, name="Other script")
    post(client, first_plain, new_request(alfa))
    other = post(client, second_plain, new_request(alfa))
    assert other.status_code == 201
    assert SupportRequest.objects.count() == 2


@pytest.mark.django_db
def test_a_refused_token_does_not_take_the_key(client, alfa_admin, alfa):
    from clientdesk.api.scopes import Scope

    _token, plain = customer_token(alfa_admin, [Scope.REQUESTS_READ])
    assert post(client, plain, new_request(alfa)).status_code == 403
    assert not IdempotencyKey.objects.exists()


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_calls_with_the_same_key_file_once(alfa_admin, alfa):
    _token, plain = customer_token(alfa_admin)
    body = new_request(alfa)
    start = threading.Barrier(2)
    answers: list[int] = []

    def call() -> None:
        try:
            start.wait()
            answers.append(post(Client(), plain, body, key="same-moment").status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=call) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert SupportRequest.objects.count() == 1
    # The second waits for the first's key: it replays the answer, or is told it is running.
    assert sorted(answers) in ([201, 201], [201, 409])

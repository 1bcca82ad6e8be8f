"""Workers sweeping at the same time skip each other's rows: each webhook is sent once."""

import threading

import pytest
from django.db import connections

from clientdesk.webhooks import delivery
from clientdesk.webhooks.models import Delivery
from tests.conftest import postgresql_only
from tests.webhooks.factories import DeliveryFactory, EndpointFactory


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_four_workers_sweeping_at_once_send_each_webhook_once(receiver):
    endpoint = EndpointFactory(url=receiver.url)
    for _ in range(40):
        DeliveryFactory(endpoint=endpoint)
    workers = 4
    start = threading.Barrier(workers)
    errors: list[BaseException] = []
    sent: list[int] = []

    def sweep() -> None:
        try:
            start.wait()
            sent.append(delivery.sweep())
        except BaseException as error:  # reported below, in the test's thread
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sweep) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sum(sent) == 40
    assert len(receiver.received) == len(set(receiver.ids())) == 40
    assert set(Delivery.objects.values_list("status", flat=True)) == {Delivery.Status.DELIVERED}

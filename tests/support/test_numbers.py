"""Request numbers: REQ-YYYY-NNNNNN, in sequence, never shared, even when filed at once."""

import re
import threading
from zoneinfo import ZoneInfo

import pytest
from django.db import connections, transaction
from django.utils import timezone

from clientdesk.core.actors import Actor
from clientdesk.support.models import RequestCounter, RequestType, SupportRequest
from clientdesk.support.numbers import next_number
from clientdesk.support.services import NewRequest, request_create
from tests.conftest import postgresql_only

BUCHAREST = ZoneInfo("Europe/Bucharest")


@pytest.mark.django_db
def test_numbers_follow_each_other_within_the_year():
    with transaction.atomic():
        first, second = next_number(tz=BUCHAREST), next_number(tz=BUCHAREST)
    year = timezone.localtime(timezone=BUCHAREST).year
    assert first == f"REQ-{year}-000001"
    assert second == f"REQ-{year}-000002"


@pytest.mark.django_db
def test_each_year_counts_from_one_again():
    year = timezone.localtime(timezone=BUCHAREST).year
    RequestCounter.objects.create(year=year - 1, last=4123)
    with transaction.atomic():
        assert next_number(tz=BUCHAREST) == f"REQ-{year}-000001"


@pytest.mark.django_db(transaction=True)
def test_a_number_is_only_taken_inside_the_requests_transaction():
    with pytest.raises(RuntimeError, match="inside the request's transaction"):
        next_number(tz=BUCHAREST)


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_requests_filed_at_the_same_moment_never_share_a_number(general_types, alfa_admin, alfa):
    workers, each = 8, 10
    request_type = RequestType.objects.get(code="general-question")
    new = NewRequest(
        account=alfa,
        request_type=request_type,
        subject="Aceeași secundă",
        description="Depusă în paralel.",
        contact_name="Ana",
        contact_email="ana@alfa.example",
    )
    errors: list[BaseException] = []
    start = threading.Barrier(workers)

    def file_requests() -> None:
        try:
            start.wait()
            for _ in range(each):
                request_create(actor=Actor.of_user(alfa_admin), new=new)
        except BaseException as error:  # reported below, in the test's thread
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=file_requests) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    numbers = list(SupportRequest.objects.values_list("number", flat=True))
    assert len(numbers) == len(set(numbers)) == workers * each
    assert all(re.fullmatch(r"REQ-\d{4}-\d{6}", n) for n in numbers)
    assert sorted(int(n[-6:]) for n in numbers) == list(range(1, workers * each + 1))

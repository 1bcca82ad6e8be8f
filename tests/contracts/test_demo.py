import pytest
from django.core.management import call_command

from clientdesk.contracts import verification
from clientdesk.contracts.models import Contract, Equipment, SignatureRequest
from clientdesk.core.models import Event

pytestmark = pytest.mark.django_db


def test_the_demo_has_every_kind_and_status_a_pending_and_a_verifiable_signature(settings):
    settings.DEBUG = True  # the demo CA is used in development only
    call_command("demo_data", verbosity=0)
    alfa = Contract.objects.filter(account__number="C-100245")
    assert set(alfa.values_list("kind", flat=True)) == set(Contract.Kind.values)
    assert set(alfa.values_list("status", flat=True)) == set(Contract.Status.values)
    assert Contract.objects.filter(account__number="C-100318").count() == 6
    assert Equipment.objects.count() == 6
    pending = SignatureRequest.objects.get(status="pending")
    assert pending.steps.get().user.email == "ana.popescu@alfa.example"
    done = SignatureRequest.objects.get(status="completed")
    from clientdesk.contracts import signing

    report = verification.verify_pdf(done.signed_document.file.read(), keys=signing.load_keys())
    assert report.all_ok
    events = Event.objects.count()
    call_command("demo_data", verbosity=0)
    assert Event.objects.count() == events

"""Request types are data; a kind registered in code gives a type its own form and rules."""

import pytest
from django import forms
from django.urls import reverse
from django.utils import translation

from clientdesk.core import events
from clientdesk.core.actors import Actor
from clientdesk.core.errors import CommonError, ServiceError
from clientdesk.core.models import Event
from clientdesk.support import types
from clientdesk.support.events import RequestEvent
from clientdesk.support.forms import RequestForm
from clientdesk.support.general import InvoiceQuestionForm
from clientdesk.support.models import SupportRequest
from tests.support.factories import RequestTypeFactory


class ContractCopyForm(RequestForm):
    contract_number = forms.CharField(label="Contract number", max_length=30)
    format = forms.ChoiceField(label="Format", choices=[("pdf", "PDF"), ("paper", "On paper")])


def contract_is_known(details, *, user, account):
    if not details["contract_number"].startswith("CT-"):
        raise ServiceError(
            CommonError.INVALID,
            field="contract_number",
            message="No contract of yours has this number.",
        )


def note_the_contract(support_request):
    events.record(
        RequestEvent.QUEUE,
        actor=Actor.system("test"),
        subject=support_request,
        data={"from": "-", "to": "ct"},
    )


@pytest.fixture
def contract_copy(monkeypatch, db):
    """What the contracts app does from its ready(): a row of data and a kind in code."""
    monkeypatch.setattr(types, "_REGISTRY", dict(types._REGISTRY))
    kind = types.register(
        types.RequestKind(
            "example-copy",
            ContractCopyForm,
            rules=[contract_is_known],
            on_created=note_the_contract,
        )
    )
    RequestTypeFactory(code="example-copy", name_en="Copy of a contract")
    return kind


def post(client, account, **extra):
    data = {
        "account": account.pk,
        "subject": "Copie contract",
        "description": "Avem nevoie de o copie.",
        "contact_name": "Ana Popescu",
        "contact_email": "ana@alfa.example",
        **extra,
    }
    return client.post(f"{reverse('support:new')}?type=example-copy", data)


def test_a_registered_kind_brings_its_fields_to_the_form(client, alfa_admin, contract_copy):
    client.force_login(alfa_admin)
    page = client.get(f"{reverse('support:new')}?type=example-copy").content.decode()
    assert 'name="contract_number"' in page
    assert 'name="format"' in page


def test_a_registered_kind_applies_its_rules_next_to_the_field(
    client, alfa_admin, alfa, contract_copy
):
    client.force_login(alfa_admin)
    page = post(client, alfa, contract_number="X-1", format="pdf").content.decode()
    assert 'id="id_contract_number_error"' in page
    assert "No contract of yours has this number." in page
    assert not SupportRequest.objects.exists()


def test_a_registered_kind_stores_its_details_and_runs_its_hook(
    client, alfa_admin, alfa, contract_copy
):
    client.force_login(alfa_admin)
    post(client, alfa, contract_number="CT-2024-0042", format="paper")
    created = SupportRequest.objects.get()
    assert created.details == {"contract_number": "CT-2024-0042", "format": "paper"}
    assert Event.objects.about(created).filter(kind=RequestEvent.QUEUE).exists()
    assert contract_copy.fields(created.details) == [
        ("Contract number", "CT-2024-0042"),
        ("Format", "On paper"),
    ]
    page = client.get(reverse("support:detail", args=[created.number])).content.decode()
    assert "On paper" in page


def test_a_type_whose_code_has_no_kind_gets_the_general_form():
    assert types.kind_for("something-the-vendor-added") is types.GENERAL
    assert types.GENERAL.form_class is RequestForm


def test_a_code_cannot_be_registered_twice_with_another_form(monkeypatch):
    monkeypatch.setattr(types, "_REGISTRY", dict(types._REGISTRY))
    with pytest.raises(ValueError, match="already registered"):
        types.register(types.RequestKind("invoice-question", RequestForm))
    assert types.kind_for("invoice-question").form_class is InvoiceQuestionForm


def test_details_read_with_the_labels_of_choices_and_dates_in_the_language():
    kind = types.kind_for("support-services")
    with translation.override("en"):
        shown = kind.fields({"service": "training", "preferred_date": "2026-12-03"})
    assert shown == [("Service", "Training"), ("Preferred date", "3 Dec 2026")]

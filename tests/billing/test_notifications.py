"""New-invoice e-mails: only to the account's people who opted in, in their language."""

import pytest
from django.urls import reverse

from clientdesk.billing.models import BillingPreference
from clientdesk.core.models import Event, OutboundEmail
from tests.billing.factories import issue
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def test_whoever_opted_in_gets_an_email_in_their_language(client, alfa, alfa_admin, alfa_limited):
    alfa_admin.language = "ro"
    alfa_admin.save()
    client.force_login(alfa_admin)
    response = client.post(reverse("billing:preferences"), {"new_invoice_email": "on"})
    assert response.status_code == 302
    assert BillingPreference.objects.get(user=alfa_admin).new_invoice_email
    assert Event.objects.filter(kind="billing.preference_set").count() == 1
    # Opted in but without the grant: no e-mail.
    BillingPreference.objects.create(user=alfa_limited, new_invoice_email=True)
    issue(alfa, number="CTS-MAIL-1")
    mail = OutboundEmail.objects.get()
    assert mail.to == alfa_admin.email
    assert "Factură CTS-MAIL-1" in mail.subject
    assert "http://testserver/invoices/CTS-MAIL-1/" in mail.body_text


def test_nobody_is_mailed_without_opting_in_nor_on_another_account(alfa, beta_user):
    BillingPreference.objects.create(user=beta_user, new_invoice_email=True)
    MembershipFactory(account=alfa, grant_invoices=True)
    issue(alfa)
    assert not OutboundEmail.objects.exists()


def test_opting_out_stops_the_emails(client, alfa, alfa_admin):
    BillingPreference.objects.create(user=alfa_admin, new_invoice_email=True)
    client.force_login(alfa_admin)
    client.post(reverse("billing:preferences"), {})
    issue(alfa)
    assert not OutboundEmail.objects.exists()


def test_a_reminder_waits_for_the_due_date_and_goes_only_if_still_unpaid(
    alfa, alfa_admin, django_capture_on_commit_callbacks
):
    import datetime

    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from clientdesk.billing.tasks import remind_due
    from tests.billing.factories import pay

    BillingPreference.objects.create(user=alfa_admin, due_reminder_email=True)
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        unpaid = issue(alfa, issued_on=today, due_on=today + datetime.timedelta(days=30))
        paid = issue(alfa, issued_on=today, due_on=today + datetime.timedelta(days=30))
        past = issue(alfa, issued_on=today, due_on=today)  # too late to remind
    tasks = DBTaskResult.objects.filter(task_path__endswith="remind_due")
    assert sorted(task.args_kwargs["args"][0] for task in tasks) == [unpaid.pk, paid.pk]
    assert all(task.run_after.date() == today + datetime.timedelta(days=27) for task in tasks)
    pay(alfa, str(paid.total), (paid.number, str(paid.total)))
    remind_due.call(paid.pk)
    assert not OutboundEmail.objects.exists()
    remind_due.call(unpaid.pk)
    assert OutboundEmail.objects.get().to == alfa_admin.email
    assert past.pk not in [task.args_kwargs["args"][0] for task in tasks]

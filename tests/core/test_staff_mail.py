"""Staff hear of new requests and customer replies in their queues, unless they switched it off."""

import email.message

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from clientdesk.backoffice import roles
from clientdesk.core import services
from clientdesk.core.actors import Actor
from clientdesk.core.errors import ServiceError
from clientdesk.core.models import Event, StaffMailOptOut
from clientdesk.support import services as support_services
from clientdesk.support.services import NewRequest
from tests.core.test_mail import run_worker
from tests.factories import UserFactory
from tests.support.factories import QueueFactory, RequestTypeFactory, SupportRequestFactory

NEW, REPLY = "support.new_request", "support.customer_reply"


def staff(email: str, language: str = "en", *, role: str | None = roles.SUPPORT_AGENT):
    user = UserFactory(is_staff=True, email=email, first_name=email.split("@")[0].title())
    user.language = language
    user.save()
    if role:
        user.groups.set([Group.objects.get(name=role)])
    return user


def text_of(message: email.message.Message) -> str:
    return next(
        part.get_payload(decode=True).decode()
        for part in message.walk()
        if part.get_content_type() == "text/plain"
    )


def file_request(user, account):
    return support_services.request_create(
        actor=Actor.of_user(user),
        new=NewRequest(
            account=account,
            request_type=RequestTypeFactory(),
            subject="Imprimanta nu mai scanează",
            description="Scanarea în folderul partajat dă eroare.",
            contact_name=user.get_full_name(),
            contact_email=user.email,
        ),
    )


@pytest.mark.django_db(transaction=True)
def test_the_queues_staff_hear_of_a_new_request_in_their_language(smtp, alfa_admin, alfa):
    andrei = staff("andrei@vendor.test", "ro")
    bianca = staff("bianca@vendor.test", "en")
    named = staff("named@vendor.test", role=None)
    QueueFactory().members.add(named)
    staff("contracts@vendor.test", role=roles.CONTRACTS_REPRESENTATIVE)
    StaffMailOptOut.objects.create(user=bianca, topic=NEW)

    support_request = file_request(alfa_admin, alfa)
    run_worker()

    staff_mail = {m["To"]: m for m in smtp.messages if m["To"].endswith("@vendor.test")}
    assert set(staff_mail) == {andrei.email, named.email}
    text = text_of(staff_mail[andrei.email])
    assert "O cerere nouă" in text
    assert f"http://testserver/staff/requests/{support_request.number}/" in text
    assert "Imprimanta nu mai scanează" in text
    assert {part.get_content_type() for part in staff_mail[andrei.email].walk()} >= {
        "text/plain",
        "text/html",
    }


@pytest.mark.django_db(transaction=True)
def test_a_customer_reply_goes_to_the_assignee_alone_once_the_request_is_taken(
    smtp, alfa_admin, alfa
):
    andrei = staff("andrei@vendor.test")
    staff("bianca@vendor.test")
    support_request = SupportRequestFactory(account=alfa, requester=alfa_admin, assignee=andrei)

    support_services.request_reply(
        actor=Actor.of_user(alfa_admin),
        support_request=support_request,
        body="Am repornit imprimanta, tot nu merge.",
        attachments=(),
    )
    run_worker()

    assert [m["To"] for m in smtp.messages] == [andrei.email]
    text = text_of(smtp.messages[0])
    assert "Am repornit imprimanta, tot nu merge." in text
    assert f"/staff/requests/{support_request.number}/" in text


@pytest.mark.django_db(transaction=True)
def test_a_customer_reply_to_an_untaken_request_goes_to_the_queue_less_who_switched_it_off(
    smtp, alfa_admin, alfa
):
    andrei = staff("andrei@vendor.test")
    bianca = staff("bianca@vendor.test")
    StaffMailOptOut.objects.create(user=bianca, topic=REPLY)
    support_request = SupportRequestFactory(account=alfa, requester=alfa_admin)

    support_services.request_reply(
        actor=Actor.of_user(alfa_admin),
        support_request=support_request,
        body="Încă ceva.",
        attachments=(),
    )
    run_worker()

    assert [m["To"] for m in smtp.messages] == [andrei.email]


@pytest.mark.django_db
def test_a_staff_member_sees_every_staff_mail_on_until_they_switch_it_off(client):
    andrei = staff("andrei@vendor.test")
    client.force_login(andrei)

    page = client.get(reverse("backoffice:mail_preferences")).content.decode()
    assert page.count("checked") == 2

    response = client.post(reverse("backoffice:mail_preferences"), {"topics": [NEW]})

    assert response.status_code == 302
    assert list(StaffMailOptOut.objects.values_list("user", "topic")) == [(andrei.pk, REPLY)]
    event = Event.objects.get(kind="staff.mail_preferences")
    assert event.data == {"on": [NEW], "off": [REPLY]}
    page = client.get(reverse("backoffice:mail_preferences")).content.decode()
    assert page.count("checked") == 1


@pytest.mark.django_db
def test_switching_a_staff_mail_back_on_removes_the_refusal():
    andrei = staff("andrei@vendor.test")
    StaffMailOptOut.objects.create(user=andrei, topic=REPLY)

    services.staff_mail_preferences_set(actor=Actor.of_user(andrei), wanted=frozenset({NEW, REPLY}))

    assert not StaffMailOptOut.objects.exists()


@pytest.mark.django_db
def test_it_refuses_an_unknown_kind_of_staff_mail_and_a_customer():
    andrei = staff("andrei@vendor.test")
    with pytest.raises(ServiceError):
        services.staff_mail_preferences_set(
            actor=Actor.of_user(andrei), wanted=frozenset({"nothing.such"})
        )
    with pytest.raises(ServiceError):
        services.staff_mail_preferences_set(
            actor=Actor.of_user(UserFactory()), wanted=frozenset({NEW})
        )
    assert not Event.objects.filter(kind="staff.mail_preferences").exists()

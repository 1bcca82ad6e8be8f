"""Two agents saving the same request: the second is told, and loses nothing."""

from django.urls import reverse

from clientdesk.support.models import Message, Status


def post(client, name, support_request, data):
    return client.post(reverse(f"support_staff:{name}", args=[support_request.number]), data)


def test_the_second_of_two_saves_made_from_the_same_version_gets_a_conflict(
    client, agent, other_agent, alfa_request
):
    # Both opened the page at version 1.
    client.force_login(agent)
    first = {"version": 1, "status": Status.WAITING, "queue": alfa_request.queue.pk}
    assert post(client, "update", alfa_request, first).status_code == 302

    client.force_login(other_agent)
    second = {
        "version": 1,
        "status": Status.RESOLVED,
        "assignee": other_agent.pk,
        "queue": alfa_request.queue.pk,
    }
    response = post(client, "update", alfa_request, second)
    page = response.content.decode()

    assert response.status_code == 409
    assert "Someone changed this request while you were working on it" in page
    alfa_request.refresh_from_db()
    assert alfa_request.status == Status.WAITING
    assert alfa_request.assignee is None
    # The page shows the request as it is now, and the second agent's choices, ready to resend.
    assert "Waiting on customer" in page
    assert '<option value="resolved" selected>' in page
    assert f'<option value="{other_agent.pk}" selected>' in page
    assert f'name="version" value="{alfa_request.version}"' in page


def test_a_stale_save_is_a_conflict_even_when_its_status_is_no_longer_allowed(
    client, agent, other_agent, alfa_request
):
    client.force_login(agent)
    first = {"version": 1, "status": Status.RESOLVED, "queue": alfa_request.queue.pk}
    assert post(client, "update", alfa_request, first).status_code == 302

    # From version 1 "waiting" was a next status; from "resolved" it is not.
    client.force_login(other_agent)
    second = {"version": 1, "status": Status.WAITING, "queue": alfa_request.queue.pk}
    response = post(client, "update", alfa_request, second)

    assert response.status_code == 409
    assert "Someone changed this request while you were working on it" in response.content.decode()
    alfa_request.refresh_from_db()
    assert alfa_request.status == Status.RESOLVED


def test_a_reply_typed_against_an_old_version_is_kept_and_can_be_sent_again(
    client, agent, other_agent, alfa_request
):
    client.force_login(agent)
    post(client, "reply", alfa_request, {"version": 1, "body": "Primul răspuns."})

    client.force_login(other_agent)
    text = "Un răspuns lung, scris cu grijă, care nu trebuie pierdut."
    response = post(client, "reply", alfa_request, {"version": 1, "body": text})
    assert response.status_code == 409
    page = response.content.decode()
    assert text in page
    assert "Primul răspuns." in page
    assert Message.objects.count() == 1

    alfa_request.refresh_from_db()
    resent = post(client, "reply", alfa_request, {"version": alfa_request.version, "body": text})
    assert resent.status_code == 302
    assert Message.objects.filter(body=text).exists()


def test_a_customer_reply_in_between_makes_a_staff_save_conflict(
    client, agent, alfa_admin, alfa_request
):
    client.force_login(alfa_admin)
    client.post(reverse("support:reply", args=[alfa_request.number]), {"body": "Ceva nou."})
    client.force_login(agent)
    take = post(client, "take", alfa_request, {"version": 1})
    assert take.status_code == 409
    alfa_request.refresh_from_db()
    assert alfa_request.assignee is None


def test_internal_notes_need_no_version_and_never_conflict(
    client, agent, other_agent, alfa_request
):
    client.force_login(agent)
    post(
        client,
        "update",
        alfa_request,
        {"version": 1, "status": "in_progress", "queue": alfa_request.queue.pk},
    )
    client.force_login(other_agent)
    assert post(client, "note", alfa_request, {"body": "Sun clientul mâine."}).status_code == 302
    assert Message.objects.get().internal

"""Signatures as Standard Webhooks specifies, checked by an independent implementation
(the ``standardwebhooks`` package) over the exact bytes the receiver got."""

import base64
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone
from standardwebhooks import Webhook
from standardwebhooks.webhooks import WebhookVerificationError

from clientdesk.webhooks import delivery, services, signing
from clientdesk.webhooks.models import Endpoint
from tests.webhooks.helpers import change_order, make_due_now

pytestmark = pytest.mark.django_db


def test_a_new_secret_is_whsec_and_the_base64_of_random_bytes():
    secret = signing.new_secret()
    assert secret.startswith("whsec_")
    assert 24 <= len(base64.b64decode(secret.removeprefix("whsec_"))) <= 32
    assert signing.new_secret() != secret


def test_the_signature_is_the_hmac_of_id_timestamp_and_body():
    secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    # The example of the Standard Webhooks specification.
    assert signing.signature(
        secret,
        webhook_id="msg_p5jXN8AQM9LWM0D4loKWxJek",
        timestamp=1614265330,
        body=b'{"test": 2432232314}',
    ) == Webhook(secret).sign(
        "msg_p5jXN8AQM9LWM0D4loKWxJek",
        datetime.fromtimestamp(1614265330, tz=UTC),
        '{"test": 2432232314}',
    )


def test_the_receiver_verifies_the_signature_over_the_exact_bytes(endpoint, order, receiver):
    change_order(order)
    delivery.sweep()

    [request] = receiver.received
    assert Webhook(endpoint.secret).verify(request.body, request.headers)
    with pytest.raises(WebhookVerificationError):
        Webhook(endpoint.secret).verify(request.body + b" ", request.headers)
    with pytest.raises(WebhookVerificationError):
        Webhook(signing.new_secret()).verify(request.body, request.headers)


def test_after_a_rotation_both_secrets_sign_then_only_the_new_one_after_the_overlap(
    endpoint, order, receiver, admin_actor
):
    old = endpoint.secret
    new = services.endpoint_rotate_secret(actor=admin_actor, endpoint=endpoint).secret
    change_order(order)
    delivery.sweep()
    [during] = receiver.received
    assert len(during.headers["webhook-signature"].split(" ")) == 2
    assert Webhook(old).verify(during.body, during.headers)
    assert Webhook(new).verify(during.body, during.headers)

    # 24 hours on, the overlap is over.
    Endpoint.objects.update(previous_secret_until=timezone.now() - timedelta(seconds=1))
    change_order(order)
    delivery.sweep()
    after = receiver.received[1]
    assert len(after.headers["webhook-signature"].split(" ")) == 1
    assert Webhook(new).verify(after.body, after.headers)
    with pytest.raises(WebhookVerificationError):
        Webhook(old).verify(after.body, after.headers)


def test_a_retry_carries_the_same_webhook_id_and_a_fresh_timestamp_and_signature(
    endpoint, order, receiver
):
    receiver.status = 503
    change_order(order)
    delivery.sweep()
    receiver.status = 200
    make_due_now()
    delivery.sweep()

    first, second = receiver.received
    assert first.headers["webhook-id"] == second.headers["webhook-id"]
    assert first.body == second.body
    assert Webhook(endpoint.secret).verify(second.body, second.headers)

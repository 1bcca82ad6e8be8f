import factory

from clientdesk.core.models import Event
from clientdesk.webhooks import catalogue, signing
from clientdesk.webhooks.models import Delivery, Endpoint
from clientdesk.webhooks.subscribers import new_webhook_id


class EndpointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Endpoint

    url = "https://93.184.216.34/erp/hooks"
    description = "ERP"
    event_types = factory.LazyFunction(lambda: list(catalogue.NAMES))
    secret = factory.LazyFunction(signing.new_secret)


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    kind = "order.status"
    actor_kind = "system"
    actor_name = "erp"


class DeliveryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Delivery

    endpoint = factory.SubFactory(EndpointFactory)
    event = factory.SubFactory(EventFactory)
    event_type = "order.updated"
    webhook_id = factory.LazyFunction(new_webhook_id)
    body = b'{"type":"order.updated","timestamp":"2026-12-01T10:00:00Z","data":{}}'

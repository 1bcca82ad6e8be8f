from datetime import timedelta
from decimal import Decimal

import factory
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone

from clientdesk.backoffice import roles
from clientdesk.support.models import Attachment, Message, Queue, RequestType, SupportRequest
from tests.factories import CustomerAccountFactory, UserFactory


class QueueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Queue
        django_get_or_create = ["code"]

    code = "customer-support"
    name_ro = "Suport clienți"
    name_en = "Customer support"
    group = factory.LazyFunction(lambda: Group.objects.get_or_create(name=roles.SUPPORT_AGENT)[0])


class RequestTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RequestType
        django_get_or_create = ["code"]

    code = "general-question"
    name_ro = "Întrebare generală"
    name_en = "General question"
    queue = factory.SubFactory(QueueFactory)
    first_response_hours = Decimal(8)
    resolution_hours = Decimal(40)


class SupportRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupportRequest

    # A year no real request gets, so factory numbers never meet allocated ones.
    number = factory.Sequence(lambda n: f"REQ-2000-{n + 1:06d}")
    account = factory.SubFactory(CustomerAccountFactory)
    requester = factory.SubFactory(UserFactory)
    type = factory.SubFactory(RequestTypeFactory)
    queue = factory.SelfAttribute("type.queue")
    subject = factory.Sequence(lambda n: f"Imprimanta {n} nu mai scanează")
    description = "Din dimineața asta scanarea în folderul partajat dă eroare."
    contact_name = factory.LazyAttribute(lambda o: o.requester.get_full_name())
    contact_email = factory.LazyAttribute(lambda o: o.requester.email)
    language = "en"
    first_response_due = factory.LazyFunction(lambda: timezone.now() + timedelta(hours=8))
    resolution_due = factory.LazyFunction(lambda: timezone.now() + timedelta(days=5))


class MessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Message

    request = factory.SubFactory(SupportRequestFactory)
    author = factory.SubFactory(UserFactory, is_staff=True)
    from_staff = True
    body = "Am verificat și revenim."


class AttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attachment

    request = factory.SubFactory(SupportRequestFactory)
    name = "raport.txt"
    content_type = "text/plain"
    size = factory.LazyAttribute(lambda o: len(o.content))
    file = factory.LazyAttribute(lambda o: ContentFile(o.content, name=o.name))

    class Params:
        content = b"Raport de test\n"

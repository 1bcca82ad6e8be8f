import factory
from allauth.account.models import EmailAddress

from clientdesk.accounts.models import AccessRequest, CustomerAccount, Membership, User
from clientdesk.core import grants as G

PASSWORD = "a-long-test-password-1"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.com")
    first_name = "Ioana"
    last_name = factory.Sequence(lambda n: f"Pop{n}")
    phone = "+40722555101"
    company = "Test SRL"
    job_title = "Engineer"
    country = "RO"
    language = "en"
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


class CustomerAccountFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CustomerAccount

    number = factory.Sequence(lambda n: f"C-{200000 + n}")
    name = factory.Sequence(lambda n: f"Client {n} SRL")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    class Params:
        all_grants = factory.Trait(
            **{G.field_name(grant): True for grant in G.ALL},
        )

    user = factory.SubFactory(UserFactory)
    account = factory.SubFactory(CustomerAccountFactory)


class AccessRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AccessRequest

    user = factory.SubFactory(UserFactory)
    customer_number = factory.LazyAttribute(lambda o: o.account.number if o.account else "C-999999")
    account = factory.SubFactory(CustomerAccountFactory)
    proof_kind = AccessRequest.ProofKind.INVOICE
    proof_number = "INV-2026-000123"
    areas = ["invoices", "orders"]

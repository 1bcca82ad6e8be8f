import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from clientdesk.accounts.validators import validate_cui
from clientdesk.core import grants as G
from clientdesk.core.tenancy import TenantQuerySet


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create(self, email: str, password: str | None, **fields):
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **fields):
        fields.setdefault("is_staff", False)
        fields.setdefault("is_superuser", False)
        return self._create(email, password, **fields)

    def create_superuser(self, email: str, password: str | None = None, **fields):
        fields.update(is_staff=True, is_superuser=True)
        return self._create(email, password, **fields)


class User(AbstractUser):
    """A person: a customer user, or vendor staff (is_staff, with a role group)."""

    username = None  # type: ignore[assignment]
    email = models.EmailField(_("e-mail"), unique=True)
    phone = models.CharField(_("phone"), max_length=32)
    company = models.CharField(_("company"), max_length=200)
    job_title = models.CharField(_("job title"), max_length=120)
    country = CountryField(_("country"))
    language = models.CharField(
        _("preferred language"), max_length=5, choices=settings.LANGUAGES, default="ro"
    )
    # Bumped with every change of the user's memberships, in its transaction: the
    # navigation keeps the grants in the session and knows by this when to reread them.
    access_version = models.PositiveIntegerField(default=0, editable=False)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["first_name", "last_name"]
    # An e-mail-only manager: the stubs expect Django's username-based one here.
    objects = UserManager()  # type: ignore[assignment,misc]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.email


class Consent(models.Model):
    """One consent, given separately, with the version of the text agreed to."""

    class Kind(models.TextChoices):
        CONTACT = "contact", _("Store and use my personal data to contact me")
        TRANSFER = "transfer", _("Transfer my personal data outside my country of residence")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="consents")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    version = models.CharField(max_length=20)
    text = models.TextField()
    given_at = models.DateTimeField()
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-given_at"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.version})"


class CustomerAccountQuerySet(TenantQuerySet["CustomerAccount"]):
    """The tenancy gate's root: an account is its own tenant."""

    tenant_path = "pk"


class CustomerAccount(models.Model):
    """A customer company of the vendor."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    number = models.CharField(_("customer number"), max_length=30, unique=True)
    external_id = models.CharField(max_length=100, unique=True, null=True, blank=True)
    name = models.CharField(_("name"), max_length=200)
    tax_id = models.CharField(
        _("tax identification number (CUI)"),
        max_length=20,
        blank=True,
        validators=[validate_cui],
    )
    trade_register = models.CharField(_("trade register number"), max_length=40, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    county = models.CharField(_("county"), max_length=100, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=20, blank=True)
    country = CountryField(_("country"), default="RO")
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CustomerAccountQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("customer account")
        verbose_name_plural = _("customer accounts")

    def __str__(self) -> str:
        return f"{self.name} ({self.number})"


class Membership(models.Model):
    """A user's membership of a customer account, with the grants it carries."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    account = models.ForeignKey(
        CustomerAccount, on_delete=models.CASCADE, related_name="memberships"
    )
    grant_requests = models.BooleanField(_("requests"), default=False)
    grant_orders = models.BooleanField(_("orders"), default=False)
    grant_invoices = models.BooleanField(_("invoices"), default=False)
    grant_contracts_view = models.BooleanField(_("view contracts"), default=False)
    grant_contracts_approve = models.BooleanField(_("approve contracts"), default=False)
    grant_contracts_sign = models.BooleanField(_("sign contracts"), default=False)
    grant_admin = models.BooleanField(_("administer users"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "account"], name="membership_unique")
        ]
        ordering = ["account__name"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.user} @ {self.account}"

    def save(self, *args, **kwargs) -> None:
        super().save(*args, **kwargs)
        self._access_changed()

    def delete(self, *args, **kwargs):
        deleted = super().delete(*args, **kwargs)
        self._access_changed()
        return deleted

    def _access_changed(self) -> None:
        User.objects.filter(pk=self.user_id).update(access_version=models.F("access_version") + 1)

    @property
    def grants(self) -> list[str]:
        return [grant for grant in G.ALL if getattr(self, G.field_name(grant))]

    def set_grants(self, grants: list[str]) -> None:
        for grant in G.ALL:
            setattr(self, G.field_name(grant), grant in grants)


class Invitation(models.Model):
    """A customer admin's invitation of a colleague, accepted by following a link."""

    account = models.ForeignKey(
        CustomerAccount, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mail"))
    grants = models.JSONField(default=list)
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    # The link's secret, known only to the service that created the invitation (and its
    # e-mail): the table keeps the hash.
    link_token: str = ""

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} @ {self.account}"


class AccessRequest(models.Model):
    """Step two of access: a registered user asks for access to a customer account."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        GRANTED = "granted", _("Granted")
        REFUSED = "refused", _("Refused")

    class ProofKind(models.TextChoices):
        CONTRACT = "contract", _("Contract number")
        INVOICE = "invoice", _("Invoice number")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="access_requests")
    customer_number = models.CharField(_("customer number"), max_length=30)
    proof_kind = models.CharField(_("proof"), max_length=10, choices=ProofKind.choices)
    proof_number = models.CharField(_("contract or invoice number"), max_length=40)
    areas = models.JSONField(_("access requested"), default=list)
    message = models.TextField(_("message"), blank=True)
    account = models.ForeignKey(
        CustomerAccount, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    granted = models.JSONField(default=list)
    reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"])]
        permissions = [("decide_accessrequest", "Can grant or refuse access requests")]
        verbose_name = _("access request")
        verbose_name_plural = _("access requests")

    def __str__(self) -> str:
        return f"{self.user} → {self.customer_number}"


class KnownBrowser(models.Model):
    """A browser a user has signed in from: the cookie's random key, kept as a hash."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="known_browsers")
    key_hash = models.CharField(max_length=64)
    user_agent = models.CharField(max_length=300, blank=True)
    first_seen_at = models.DateTimeField(default=timezone.now)
    last_seen_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "key_hash"], name="known_browser_once")
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.user_agent}"

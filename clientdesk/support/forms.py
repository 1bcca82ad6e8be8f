"""Customer-side forms: a new request (the base every kind extends), replies and decisions."""

from typing import TYPE_CHECKING, cast

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from clientdesk.accounts.models import CustomerAccount
from clientdesk.core.form_fields import ModelChoiceField
from clientdesk.support.attachments import AttachmentsField

if TYPE_CHECKING:
    from clientdesk.support.services import NewRequest

MAX_TEXT = 10_000


class SubjectInput(forms.TextInput):
    """The subject box, followed by the live region where FAQ suggestions appear as it is typed."""

    template_name = "support/widgets/subject.html"


class RequestForm(forms.Form):
    """The fields every request has. A kind's form subclasses it and declares its
    own fields; those are the request's details (see types.RequestKind)."""

    account = ModelChoiceField(
        queryset=CustomerAccount.objects.none(),
        label=_("Customer account"),
        empty_label=_("Choose the account"),
    )
    subject = forms.CharField(
        label=_("Subject"),
        max_length=200,
        help_text=_("A few words; matching answers from the FAQ appear as you type."),
        widget=SubjectInput(attrs={"autocomplete": "off"}),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=MAX_TEXT,
        help_text=_("Give as many details as you can: what happened, since when, what you tried."),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    contact_name = forms.CharField(label=_("Contact person"), max_length=200)
    contact_email = forms.EmailField(label=_("Contact e-mail"))
    contact_phone = forms.CharField(label=_("Contact phone"), max_length=32, required=False)
    attachments = AttachmentsField()
    visit = forms.UUIDField(widget=forms.HiddenInput, required=False)

    _HEAD = ("account", "subject")
    _TAIL = ("description", "contact_name", "contact_email", "contact_phone", "attachments")

    def __init__(self, *args, user, accounts, kind, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.kind = kind
        account = cast(forms.ModelChoiceField, self.fields["account"])
        account.queryset = CustomerAccount.objects.filter(pk__in=[a.pk for a in accounts])
        if len(accounts) == 1:
            # One account: nothing to choose; the page names it instead.
            account.widget = forms.HiddenInput()
            account.initial = accounts[0].pk
        # A subject already there (given in the link, or sent back with an error)
        # gets its suggestions as soon as the page loads.
        trigger = "input changed delay:300ms"
        if self["subject"].value():
            trigger += ", load"
        subject = self.fields["subject"].widget.attrs
        subject.update(
            {
                "hx-get": f"{reverse('support:suggestions')}?type={kind.code}",
                "hx-trigger": trigger,
                "hx-target": "#suggestions",
                "hx-include": "[name=visit]",
                "hx-sync": "this:replace",
                "aria-controls": "suggestions",
            }
        )
        self.order_fields([*self._HEAD, *self.detail_fields(), *self._TAIL])

    @classmethod
    def detail_fields(cls) -> list[str]:
        return [name for name in cls.base_fields if name not in RequestForm.base_fields]

    def new_request(self, request_type) -> "NewRequest":
        """What the form holds, for the service, which checks the kind's rules."""
        from clientdesk.support.services import NewRequest

        data = self.cleaned_data
        return NewRequest(
            account=data["account"],
            request_type=request_type,
            subject=data["subject"],
            description=data["description"],
            contact_name=data["contact_name"],
            contact_email=data["contact_email"],
            contact_phone=data["contact_phone"],
            details={name: data.get(name) for name in self.detail_fields()},
            attachments=data["attachments"],
            visit=data.get("visit"),
        )


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Your reply"), max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 4})
    )
    attachments = AttachmentsField()


class ReopenForm(forms.Form):
    body = forms.CharField(
        label=_("What is still not solved?"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RateForm(forms.Form):
    RATINGS = [
        (5, _("Very satisfied")),
        (4, _("Satisfied")),
        (3, _("Neither satisfied nor dissatisfied")),
        (2, _("Dissatisfied")),
        (1, _("Very dissatisfied")),
    ]
    rating = forms.TypedChoiceField(
        label=_("How satisfied are you with how we handled this request?"),
        choices=RATINGS,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how satisfied you are.")},
    )
    comment = forms.CharField(
        label=_("Anything you would like to tell us? (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

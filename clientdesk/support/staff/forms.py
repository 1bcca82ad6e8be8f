"""Staff forms. Each one that changes the request carries the version it was made from.

A request's page shows several of them at once (reply, note, update), and
the queue its filters next to the bulk status: each form but the reply has
its own id prefix, so that no two fields share an id (and a label or an
aria-describedby never points at another form's field).
"""

from typing import cast

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.http import QueryDict
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from clientdesk.core.form_fields import ModelChoiceField
from clientdesk.support.attachments import AttachmentsField
from clientdesk.support.filters import BaseFilterForm
from clientdesk.support.forms import MAX_TEXT
from clientdesk.support.lifecycle import STAFF_TRANSITIONS
from clientdesk.support.models import Queue, Status, SupportRequest
from clientdesk.support.queries import OPEN
from clientdesk.support.staff.queries import ALL_QUEUES, ME, MY_QUEUES, NOBODY


class Versioned(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, support_request: SupportRequest | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.support_request = support_request

    def is_stale(self) -> bool:
        """Made from an older version of the request than it has now: whatever else is wrong
        with it (a status no longer allowed from the new one), the agent first hears that."""
        current = self.support_request
        return current is not None and self.data.get("version") != str(current.version)

    def kept_for(self, current: SupportRequest) -> "Versioned":
        """The same form with what the agent typed, now made from the request as it is."""
        data = self.data.copy() if isinstance(self.data, QueryDict) else QueryDict(mutable=True)
        data["version"] = str(current.version)
        return type(self)(data, support_request=current)


def _choice_field(form: forms.BaseForm, name: str) -> forms.ChoiceField:
    """A choice field of the form, whose choices are set when the form is made."""
    return cast(forms.ChoiceField, form.fields[name])


def _next_statuses(support_request: SupportRequest) -> list[tuple[str, str | Promise]]:
    allowed = STAFF_TRANSITIONS[support_request.status]
    return [(value, label) for value, label in Status.choices if value in allowed]


class StaffReplyForm(Versioned):
    body = forms.CharField(
        label=_("Reply to the customer"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("The customer reads this and gets it by e-mail."),
    )
    attachments = AttachmentsField()
    status = forms.ChoiceField(label=_("And set the status to"), required=False)

    def __init__(self, *args, support_request: SupportRequest, **kwargs):
        super().__init__(*args, support_request=support_request, **kwargs)
        _choice_field(self, "status").choices = [
            ("", _("Keep it as it is")),
            *_next_statuses(support_request),
        ]


class NoteForm(forms.Form):
    body = forms.CharField(
        label=_("Note"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only staff see notes; the customer never does."),
    )
    attachments = AttachmentsField()

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "note_%s")
        super().__init__(*args, **kwargs)


def assignable_staff():
    return (
        get_user_model()
        .objects.filter(is_staff=True, is_active=True)
        .filter(
            Q(is_superuser=True)
            | Q(groups__permissions__codename="change_supportrequest")
            | Q(user_permissions__codename="change_supportrequest")
        )
        .distinct()
        .order_by("first_name", "last_name")
    )


class StaffUser(ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.email


class UpdateForm(Versioned):
    status = forms.ChoiceField(label=_("Status"))
    assignee = StaffUser(
        label=_("Assigned to"),
        queryset=assignable_staff(),
        required=False,
        empty_label=_("Nobody"),
    )
    queue = ModelChoiceField(label=_("Queue"), queryset=Queue.objects.all(), empty_label=None)

    def __init__(self, *args, support_request: SupportRequest, **kwargs):
        kwargs.setdefault("auto_id", "update_%s")
        kwargs.setdefault(
            "initial",
            {
                "status": support_request.status,
                "assignee": support_request.assignee_id,
                "queue": support_request.queue_id,
                "version": support_request.version,
            },
        )
        super().__init__(*args, support_request=support_request, **kwargs)
        current = (support_request.status, support_request.get_status_display())
        _choice_field(self, "status").choices = [current, *_next_statuses(support_request)]


class BulkStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Set the status of the selected requests to"))
    selected = forms.MultipleChoiceField(
        error_messages={"required": _("Select at least one request.")}
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "bulk_%s")
        super().__init__(*args, **kwargs)
        _choice_field(self, "status").choices = [
            ("", _("Choose a status")),
            *[(value, label) for value, label in Status.choices if value != Status.NEW],
        ]
        # Values are "NUMBER:VERSION" from the list; only their shape is checked here.
        chosen = self.data.getlist("selected") if isinstance(self.data, QueryDict) else []
        _choice_field(self, "selected").choices = [(value, value) for value in chosen]

    def clean_selected(self) -> dict[str, int]:
        versions = {}
        for value in self.cleaned_data["selected"]:
            number, _sep, version = value.rpartition(":")
            if not number or not version.isdigit():
                raise forms.ValidationError(_("The selection was not understood; try again."))
            versions[number] = int(version)
        return versions


class StaffFilterForm(BaseFilterForm):
    queue = forms.ChoiceField(label=_("Queue"), required=False)
    assignee = forms.ChoiceField(
        label=_("Assigned to"),
        required=False,
        choices=[("", _("Anyone")), (ME, _("Me")), (NOBODY, _("Nobody"))],
    )
    overdue = forms.BooleanField(label=_("Only overdue"), required=False)
    due_soon = forms.BooleanField(label=_("Only due within two business hours"), required=False)

    def __init__(self, data, *, queues: list[Queue]):
        # An empty query string means the defaults: open requests of my queues.
        super().__init__(data or {"queue": MY_QUEUES, "status": OPEN})
        _choice_field(self, "queue").choices = [
            (MY_QUEUES, _("My queues")),
            (ALL_QUEUES, _("All queues")),
            *[(queue.code, queue.name) for queue in queues],
        ]

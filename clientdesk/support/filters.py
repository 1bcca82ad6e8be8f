"""The filters of "My requests" and of the staff queues; a bad value is reported, not fatal."""

from datetime import datetime, time, timedelta

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clientdesk.support import queries, sla
from clientdesk.support.models import OPEN_STATUSES, Queue, RequestType, Status, SupportRequest

OPEN = "open"
_DATE = forms.DateInput(attrs={"type": "date"})


def _status_choices(any_label) -> list:
    return [("", any_label), (OPEN, _("Open")), *Status.choices]


class _Filters(forms.Form):
    q = forms.CharField(label=_("Number or words"), max_length=100, required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    type = forms.ModelChoiceField(
        label=_("Type"),
        queryset=RequestType.objects.all(),
        to_field_name="code",
        empty_label=_("Any type"),
        required=False,
    )

    def filter(self, queryset: QuerySet[SupportRequest]) -> QuerySet[SupportRequest]:
        """The queryset narrowed by every field that is valid; invalid ones are ignored."""
        self.is_valid()
        data = self.cleaned_data
        status = data.get("status")
        if status == OPEN:
            queryset = queryset.filter(status__in=OPEN_STATUSES)
        elif status:
            queryset = queryset.filter(status=status)
        if data.get("type"):
            queryset = queryset.filter(type=data["type"])
        return queries.search(queryset, data.get("q") or "")


class RequestFilterForm(_Filters):
    created_from = forms.DateField(label=_("Filed from"), required=False, widget=_DATE)
    created_to = forms.DateField(label=_("Filed until"), required=False, widget=_DATE)
    mine = forms.BooleanField(label=_("Only the requests I filed"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["status"].choices = _status_choices(_("Any status"))

    def clean(self):
        data = super().clean()
        start, end = data.get("created_from"), data.get("created_to")
        if start and end and start > end:
            self.add_error("created_to", _("This date is before the start of the period."))
        return data

    def filter(self, queryset):
        queryset = super().filter(queryset)
        data = self.cleaned_data
        tz = sla.vendor_calendar().tz
        if data.get("created_from"):
            queryset = queryset.filter(
                created_at__gte=datetime.combine(data["created_from"], time.min, tzinfo=tz)
            )
        if data.get("created_to"):
            end = datetime.combine(data["created_to"], time.min, tzinfo=tz) + timedelta(days=1)
            queryset = queryset.filter(created_at__lt=end)
        if data.get("mine"):
            queryset = queryset.filter(requester=self.user)
        return queryset


class StaffFilterForm(_Filters):
    MINE, ALL = "mine", "all"
    ME, NOBODY = "me", "nobody"

    queue = forms.ChoiceField(label=_("Queue"), required=False)
    assignee = forms.ChoiceField(
        label=_("Assigned to"),
        required=False,
        choices=[("", _("Anyone")), (ME, _("Me")), (NOBODY, _("Nobody"))],
    )
    overdue = forms.BooleanField(label=_("Only overdue"), required=False)

    def __init__(self, data, *, staff, queues: list[Queue]):
        # An empty query string means the defaults: open requests of my queues.
        super().__init__(data or {"queue": self.MINE, "status": OPEN})
        self.staff = staff
        self.fields["queue"].choices = [
            (self.MINE, _("My queues")),
            (self.ALL, _("All queues")),
            *[(queue.code, queue.name) for queue in queues],
        ]
        self.fields["status"].choices = _status_choices(_("Any status"))

    def filter(self, queryset):
        queryset = super().filter(queryset)
        data = self.cleaned_data
        queue = data.get("queue") or self.MINE
        if queue == self.MINE:
            queryset = queryset.filter(queue__in=Queue.objects.worked_by(self.staff))
        elif queue != self.ALL:
            queryset = queryset.filter(queue__code=queue)
        if data.get("assignee") == self.ME:
            queryset = queryset.filter(assignee=self.staff)
        elif data.get("assignee") == self.NOBODY:
            queryset = queryset.filter(assignee__isnull=True)
        if data.get("overdue"):
            now = timezone.now()
            queryset = queryset.filter(status__in=OPEN_STATUSES).filter(
                Q(first_response_at__isnull=True, first_response_due__lt=now)
                | Q(resolved_at__isnull=True, resolution_due__lt=now)
            )
        return queryset

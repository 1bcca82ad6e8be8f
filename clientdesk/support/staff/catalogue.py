"""The vendor admin's pages of the request catalogue: request types and queues."""

from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from clientdesk.core.actors import actor_of
from clientdesk.core.staff.access import staff_with
from clientdesk.core.staff.editing import saved
from clientdesk.support import configuration
from clientdesk.support.models import Queue, RequestType
from clientdesk.support.staff.catalogue_forms import QueueForm, RequestTypeForm
from clientdesk.support.staff.page import SECTION
from clientdesk.support.types import registered_codes

types_admin = staff_with("support.change_requesttype")
queues_admin = staff_with("support.change_queue")


@types_admin
@require_GET
def type_list(request):
    own_form = set(registered_codes())
    types = RequestType.objects.select_related("queue").order_by("position", "code")
    return render(
        request,
        "support/staff/type_list.html",
        {"types": [(t, t.code in own_form) for t in types], **SECTION},
    )


def _type_page(request, form, request_type=None):
    return render(
        request,
        "support/staff/type_form.html",
        {
            "form": form,
            "request_type": request_type,
            "own_form": request_type is not None and request_type.code in registered_codes(),
            **SECTION,
        },
    )


@types_admin
@require_http_methods(["GET", "POST"])
def type_create(request):
    form = RequestTypeForm(request.POST or None)

    def save(values):
        return configuration.request_type_create(actor=actor_of(request), values=values)

    if saved(request, form, save, done=_("The request type was added.")):
        return redirect("support_staff:types")
    return _type_page(request, form)


@types_admin
@require_http_methods(["GET", "POST"])
def type_edit(request, pk):
    request_type = get_object_or_404(RequestType, pk=pk)
    form = RequestTypeForm(request.POST or None, instance=request_type)

    def save(values):
        return configuration.request_type_update(
            actor=actor_of(request), request_type=request_type, values=values
        )

    if saved(request, form, save, done=_("The request type was saved.")):
        return redirect("support_staff:types")
    # The heading names the type as saved, not as a refused form left it in memory.
    return _type_page(request, form, RequestType.objects.get(pk=pk))


@queues_admin
@require_GET
def queue_list(request):
    queues = (
        Queue.objects.select_related("group")
        .annotate(type_count=Count("request_types", distinct=True))
        .prefetch_related("members")
        .order_by("position", "code")
    )
    return render(request, "support/staff/queue_list.html", {"queues": queues, **SECTION})


def _queue_page(request, form, queue=None):
    return render(
        request, "support/staff/queue_form.html", {"form": form, "queue": queue, **SECTION}
    )


@queues_admin
@require_http_methods(["GET", "POST"])
def queue_create(request):
    form = QueueForm(request.POST or None)

    def save(values):
        return configuration.queue_create(actor=actor_of(request), values=values)

    if saved(request, form, save, done=_("The queue was added.")):
        return redirect("support_staff:queues")
    return _queue_page(request, form)


@queues_admin
@require_http_methods(["GET", "POST"])
def queue_edit(request, pk):
    queue = get_object_or_404(Queue, pk=pk)
    form = QueueForm(request.POST or None, instance=queue)

    def save(values):
        return configuration.queue_update(actor=actor_of(request), queue=queue, values=values)

    if saved(request, form, save, done=_("The queue was saved.")):
        return redirect("support_staff:queues")
    return _queue_page(request, form, Queue.objects.get(pk=pk))

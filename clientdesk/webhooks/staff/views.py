"""The vendor admin's webhook pages: endpoints, their secret (shown once), state, delivery log."""

from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import permission_required
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from clientdesk.core.actors import actor_of
from clientdesk.core.errors import ServiceError, add_to_form
from clientdesk.core.paging import CappedPaginator
from clientdesk.webhooks import services
from clientdesk.webhooks.models import Delivery, Endpoint
from clientdesk.webhooks.staff.forms import EndpointForm, NewEndpointForm

MANAGE = services.MANAGE
PER_PAGE = 50
SECTION = {"current_section": "backoffice"}
MISSED = Q(deliveries__status__in=[Delivery.Status.HELD, Delivery.Status.FAILED])


def _admin_only(view):
    return staff_member_required(permission_required(MANAGE, raise_exception=True)(view))


def _endpoint(public_id) -> Endpoint:
    return get_object_or_404(Endpoint, public_id=public_id)


def _secret_page(request, result: services.WithSecret, *, rotated: bool):
    # Shown in this answer only: never stored in a page a browser or a proxy keeps.
    response = render(
        request,
        "webhooks/staff/secret.html",
        {"endpoint": result.endpoint, "secret": result.secret, "rotated": rotated, **SECTION},
    )
    response["Cache-Control"] = "no-store"
    return response


@_admin_only
@require_GET
def endpoint_list(request):
    endpoints = Endpoint.objects.annotate(missed=Count("deliveries", filter=MISSED)).order_by(
        "created_at", "pk"
    )
    return render(request, "webhooks/staff/endpoint_list.html", {"endpoints": endpoints, **SECTION})


@_admin_only
@never_cache
@require_http_methods(["GET", "POST"])
def endpoint_create(request):
    form = NewEndpointForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            result = services.endpoint_create(
                actor=actor_of(request),
                data=form.data_for_service(),
                enabled=form.cleaned_data["enabled"],
            )
        except ServiceError as error:
            add_to_form(form, error)
        else:
            return _secret_page(request, result, rotated=False)
    return render(request, "webhooks/staff/endpoint_form.html", {"form": form, **SECTION})


@_admin_only
@require_http_methods(["GET", "POST"])
def endpoint_detail(request, public_id):
    endpoint = _endpoint(public_id)
    initial = {
        "url": endpoint.url,
        "description": endpoint.description,
        "event_types": endpoint.event_types,
    }
    form = EndpointForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.endpoint_update(
                actor=actor_of(request),
                endpoint=endpoint,
                data=form.data_for_service(),
                version=int(request.POST.get("version") or 0),
            )
        except ServiceError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("The endpoint was saved."))
            return redirect("webhooks_staff:detail", endpoint.public_id)
    return render(
        request,
        "webhooks/staff/endpoint_detail.html",
        {
            "endpoint": endpoint,
            "form": form,
            "missed": services.missed(endpoint).count(),
            "now": timezone.now(),
            **SECTION,
        },
    )


@_admin_only
@never_cache
@require_POST
def endpoint_rotate(request, public_id):
    result = services.endpoint_rotate_secret(actor=actor_of(request), endpoint=_endpoint(public_id))
    return _secret_page(request, result, rotated=True)


@_admin_only
@require_POST
def endpoint_disable(request, public_id):
    services.endpoint_disable(actor=actor_of(request), endpoint=_endpoint(public_id))
    messages.success(request, _("The endpoint is disabled; what happens meanwhile is held."))
    return redirect("webhooks_staff:detail", public_id)


@_admin_only
@require_POST
def endpoint_enable(request, public_id):
    services.endpoint_enable(actor=actor_of(request), endpoint=_endpoint(public_id))
    messages.success(request, _("The endpoint is enabled."))
    return redirect("webhooks_staff:detail", public_id)


@_admin_only
@require_POST
def endpoint_replay(request, public_id):
    try:
        count = services.endpoint_replay(actor=actor_of(request), endpoint=_endpoint(public_id))
    except ServiceError as error:
        messages.error(request, error.text)
    else:
        messages.success(
            request, _("%(count)s webhooks queued to be sent again.") % {"count": count}
        )
    return redirect("webhooks_staff:detail", public_id)


@_admin_only
@require_GET
def delivery_log(request, public_id):
    endpoint = _endpoint(public_id)
    deliveries = endpoint.deliveries.defer("body").order_by("-created_at", "-pk")
    page = CappedPaginator(deliveries, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "webhooks/staff/delivery_log.html",
        {"endpoint": endpoint, "page": page, **SECTION},
    )


@_admin_only
@require_GET
def delivery_detail(request, public_id):
    delivery = get_object_or_404(Delivery.objects.select_related("endpoint"), public_id=public_id)
    return render(
        request,
        "webhooks/staff/delivery_detail.html",
        {"delivery": delivery, "attempts": delivery.attempt_log.all(), **SECTION},
    )


@_admin_only
@require_POST
def delivery_resend(request, public_id):
    delivery = get_object_or_404(Delivery, public_id=public_id)
    try:
        services.delivery_resend(actor=actor_of(request), delivery=delivery)
    except ServiceError as error:
        messages.error(request, error.text)
    else:
        messages.success(request, _("The webhook will be sent again in a moment."))
    return redirect("webhooks_staff:delivery", public_id)

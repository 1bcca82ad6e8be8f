"""What a customer admin's company pages and the staff's customer pages do alike to an
account's members and invitations: call the service, say what happened. Each page then
redirects to its own list."""

from django.contrib import messages
from django.http import HttpRequest
from django.utils.translation import gettext as _

from clientdesk.accounts import services
from clientdesk.accounts.forms import MembershipGrantsForm
from clientdesk.accounts.models import Invitation, Membership
from clientdesk.core.actors import actor_of
from clientdesk.core.errors import ServiceError, add_to_form


def save_grants(request: HttpRequest, membership: Membership, form: MembershipGrantsForm) -> bool:
    """True once the grants are saved; a refusal stays on the form, next to its field."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        services.membership_set_grants(
            actor=actor_of(request), membership=membership, grants=form.cleaned_data["grants"]
        )
    except ServiceError as error:
        add_to_form(form, error)
        return False
    messages.success(request, _("The grants were saved."))
    return True


def remove(request: HttpRequest, membership: Membership) -> None:
    try:
        services.membership_revoke(actor=actor_of(request), membership=membership)
    except ServiceError as error:
        messages.error(request, error.text)
    else:
        messages.success(request, _("%(name)s no longer has access.") % {"name": membership.user})


def resend(request: HttpRequest, invitation: Invitation) -> None:
    try:
        services.invitation_resend(actor=actor_of(request), invitation=invitation)
    except ServiceError as error:
        messages.error(request, error.text)
    else:
        messages.success(
            request, _("The invitation was sent again to %(email)s.") % {"email": invitation.email}
        )


def withdraw(request: HttpRequest, invitation: Invitation) -> None:
    try:
        services.invitation_revoke(actor=actor_of(request), invitation=invitation)
    except ServiceError as error:
        messages.error(request, error.text)
    else:
        messages.success(
            request,
            _("The invitation to %(email)s was withdrawn; its link no longer works.")
            % {"email": invitation.email},
        )

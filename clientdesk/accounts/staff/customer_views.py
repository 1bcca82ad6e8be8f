"""The staff's customer pages: accounts, their members and grants, invitations, access
requests, and a user's page. Accounts themselves come from the ERP (API or CSV)."""

from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from clientdesk.accounts import member_actions, queries
from clientdesk.accounts.company import STAFF_PERMISSION
from clientdesk.accounts.forms import MembershipGrantsForm
from clientdesk.accounts.models import CustomerAccount, Invitation, Membership, User
from clientdesk.accounts.staff import queries as staff_queries
from clientdesk.accounts.staff.forms import CustomerSearchForm
from clientdesk.core import keyset

SECTION = {"current_section": "backoffice"}
# Newest first: the keyset helper pages by a number or a date and the customer number.
ORDER = "-pk"


def _staff_with(permission: str):
    def decorate(view):
        return staff_member_required(permission_required(permission, raise_exception=True)(view))

    return decorate


viewers = _staff_with("accounts.view_customeraccount")
changers = _staff_with(STAFF_PERMISSION)


@viewers
@require_GET
def customer_list(request: HttpRequest) -> HttpResponse:
    form = CustomerSearchForm(request.GET)
    after, before = form.cursors()
    accounts = staff_queries.customer_accounts(form.text())
    page = keyset.paginate(accounts, ORDER, after=after, before=before)
    context = {"form": form, "page": page, "text": form.text(), **SECTION}
    return render(request, "backoffice/customer_list.html", context)


def _account(public_id) -> CustomerAccount:
    return get_object_or_404(CustomerAccount, public_id=public_id)


@viewers
@require_GET
def customer_detail(request: HttpRequest, public_id) -> HttpResponse:
    account = _account(public_id)
    context = {
        "account": account,
        "members": list(queries.account_members(account)),
        "invitations": list(queries.pending_invitations(account)),
        "access_requests": staff_queries.account_access_requests(account),
        "now": timezone.now(),
        **SECTION,
    }
    return render(request, "backoffice/customer_detail.html", context)


@changers
@require_http_methods(["GET", "POST"])
def customer_member(request: HttpRequest, public_id, member_id: int) -> HttpResponse:
    membership = _member(public_id, member_id)
    form = MembershipGrantsForm(request.POST or None, initial={"grants": membership.grants})
    if member_actions.save_grants(request, membership, form):
        return redirect("backoffice:customer_detail", public_id)
    context = {"membership": membership, "form": form, **SECTION}
    return render(request, "backoffice/customer_member.html", context)


@changers
@require_POST
def customer_member_revoke(request: HttpRequest, public_id, member_id: int) -> HttpResponse:
    member_actions.remove(request, _member(public_id, member_id))
    return redirect("backoffice:customer_detail", public_id)


def _member(public_id, member_id: int) -> Membership:
    return get_object_or_404(staff_queries.member_of(_account(public_id), member_id))


def _invitation(public_id, invitation_id: int) -> Invitation:
    return get_object_or_404(queries.pending_invitations(_account(public_id)), pk=invitation_id)


@changers
@require_POST
def customer_invitation_resend(request: HttpRequest, public_id, invitation_id: int):
    member_actions.resend(request, _invitation(public_id, invitation_id))
    return redirect("backoffice:customer_detail", public_id)


@changers
@require_POST
def customer_invitation_revoke(request: HttpRequest, public_id, invitation_id: int):
    member_actions.withdraw(request, _invitation(public_id, invitation_id))
    return redirect("backoffice:customer_detail", public_id)


@_staff_with("accounts.view_user")
@require_GET
def user_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(User.objects.prefetch_related("groups"), pk=pk)
    context = {
        "person": person,
        "memberships": staff_queries.user_memberships(person),
        "access_requests": list(queries.access_requests_of(person).order_by("-created_at")),
        "sign_ins": staff_queries.user_sign_ins(person),
        **SECTION,
    }
    return render(request, "backoffice/user_detail.html", context)

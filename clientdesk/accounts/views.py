import json

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from clientdesk.accounts import member_actions, queries, services
from clientdesk.accounts.consents import MANDATORY, WITHDRAWING
from clientdesk.accounts.forms import (
    AccessRequestForm,
    ConsentWithdrawForm,
    DeleteAccountForm,
    InvitationForm,
    MembershipGrantsForm,
    ProfileForm,
)
from clientdesk.accounts.models import Invitation, Membership
from clientdesk.accounts.services import PROFILE_FIELDS
from clientdesk.core import tenancy
from clientdesk.core.actors import actor_of
from clientdesk.core.errors import ServiceError, add_to_form


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    user = request.user
    initial = {field: getattr(user, field) for field in PROFILE_FIELDS}
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.user_update_profile(actor=actor_of(request), user=user, profile=form.profile())
        messages.success(request, _("Your profile was saved."))
        return redirect("profile")
    return render(request, "accounts/profile.html", {"form": form, "current_section": "profile"})


@login_required
@require_GET
def my_data(request):
    return render(
        request,
        "accounts/my_data.html",
        {
            "consents": request.user.consents.all(),
            "withdrawing": WITHDRAWING,
            "mandatory": MANDATORY,
            "memberships": tenancy.memberships(request.user),
            "delete_form": DeleteAccountForm(user=request.user),
            "current_section": "profile",
        },
    )


@login_required
@require_GET
def my_data_export(request):
    data = services.user_export_data(user=request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="clientdesk-my-data-{stamp}.json"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def consent_withdraw(request):
    # The choice and what it means are on "My data"; a GET (a reload) just goes back there.
    form = ConsentWithdrawForm(request.POST or None)
    if not form.is_valid():
        return redirect("my_data")
    try:
        services.consent_withdraw(
            actor=actor_of(request), user=request.user, kind=form.cleaned_data["kind"]
        )
    except ServiceError as error:
        messages.error(request, error.text)
    else:
        messages.success(
            request, _("Your consent was withdrawn. We no longer use your data for this purpose.")
        )
    return redirect("my_data")


@login_required
@reauthentication_required
@require_http_methods(["GET", "POST"])
def delete_account(request):
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user, actor = request.user, actor_of(request)
        logout(request)
        services.user_delete(actor=actor, user=user)
        messages.success(request, _("Your account and personal data were deleted."))
        return redirect("home")
    return render(
        request, "accounts/delete_account.html", {"form": form, "current_section": "profile"}
    )


@login_required
@require_GET
def access_list(request):
    return render(
        request,
        "accounts/access_list.html",
        {
            "access_requests": queries.access_requests_of(request.user),
            "memberships": tenancy.memberships(request.user),
            "current_section": "access",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def access_new(request):
    form = AccessRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.access_request_create(
                actor=actor_of(request),
                customer_number=data["customer_number"],
                proof_kind=data["proof_kind"],
                proof_number=data["proof_number"],
                areas=data["areas"],
                message=data["message"],
            )
        except ServiceError as error:
            add_to_form(form, error)
        else:
            messages.success(
                request, _("Your request was sent. We will e-mail you when it has been reviewed.")
            )
            return redirect("access_list")
    return render(request, "accounts/access_new.html", {"form": form, "current_section": "access"})


@login_required
@require_http_methods(["GET", "POST"])
def company_users(request, account_id):
    account = queries.administered_account(request.user, account_id)
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_create(
                actor=actor_of(request),
                account=account,
                email=form.cleaned_data["email"],
                grants=form.cleaned_data["grants"],
            )
        except ServiceError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("The invitation was sent."))
            return redirect("company_users", account_id=account.public_id)
    return render(
        request,
        "accounts/company_users.html",
        {
            "account": account,
            "members": queries.account_members(account),
            "invitations": queries.pending_invitations(account),
            "now": timezone.now(),
            "form": form,
            "current_section": "company",
        },
    )


def _invitation_of(request, account_id, invitation_id) -> Invitation:
    account = queries.administered_account(request.user, account_id)
    return get_object_or_404(queries.pending_invitations(account), pk=invitation_id)


@login_required
@require_POST
def company_invitation_resend(request, account_id, invitation_id):
    member_actions.resend(request, _invitation_of(request, account_id, invitation_id))
    return redirect("company_users", account_id=account_id)


@login_required
@require_POST
def company_invitation_revoke(request, account_id, invitation_id):
    member_actions.withdraw(request, _invitation_of(request, account_id, invitation_id))
    return redirect("company_users", account_id=account_id)


def _member_of(request, account_id, member_id) -> Membership:
    account = queries.administered_account(request.user, account_id)
    return get_object_or_404(
        Membership.objects.select_related("user", "account"), account=account, pk=member_id
    )


@login_required
@require_http_methods(["GET", "POST"])
def company_member(request, account_id, member_id):
    membership = _member_of(request, account_id, member_id)
    form = MembershipGrantsForm(request.POST or None, initial={"grants": membership.grants})
    if member_actions.save_grants(request, membership, form):
        return redirect("company_users", account_id=account_id)
    return render(
        request,
        "accounts/company_member.html",
        {"membership": membership, "form": form, "current_section": "company"},
    )


@login_required
@require_POST
def company_member_revoke(request, account_id, member_id):
    member_actions.remove(request, _member_of(request, account_id, member_id))
    return redirect("company_users", account_id=account_id)


@require_http_methods(["GET", "POST"])
def invitation_accept(request, token):
    invitation = services.invitation_by_token(token)
    if invitation is None:
        raise Http404
    if not request.user.is_authenticated:
        # Kept for the sign-up that follows: the form fixes the invited address, and the
        # invitation is accepted once that address is confirmed (signals.py).
        request.session[queries.INVITATION_SESSION_KEY] = token
        return render(request, "accounts/invitation.html", {"invitation": invitation})
    if request.user.email.lower() != invitation.email:
        return render(
            request, "accounts/invitation.html", {"invitation": invitation, "wrong_user": True}
        )
    if request.method == "POST":
        services.invitation_accept(actor=actor_of(request), invitation=invitation)
        messages.success(
            request, _("You now have access to %(account)s.") % {"account": invitation.account.name}
        )
        return redirect("dashboard")
    return render(request, "accounts/invitation.html", {"invitation": invitation})

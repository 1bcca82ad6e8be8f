"""Giving notice on a maintenance contract: the form, then the filer signs the written notice.

The form is the request kind's own (requests.MaintenanceTerminationForm); the
request is filed only once the notice is signed (notices.py).
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from clientdesk.contracts import notices
from clientdesk.core.actors import actor_of
from clientdesk.core.errors import ServiceError, add_to_form
from clientdesk.support import queries as support_queries


@login_required
@require_http_methods(["GET", "POST"])
def give_notice(request):
    request_type = support_queries.active_type(notices.KIND)
    accounts = support_queries.accounts_for_requests(request.user)
    if request_type is None or not accounts:
        raise Http404
    user = request.user
    kind = request_type.kind
    form = kind.form_class(
        request.POST or None,
        user=user,
        accounts=accounts,
        kind=kind,
        initial={
            "contact_name": user.get_full_name(),
            "contact_email": user.email,
            "contact_phone": user.phone,
            "contract_number": request.GET.get("contract_number", "")[:40],
            "subject": request_type.name,
        },
    )
    del form.fields["attachments"]  # the signed notice is the request's attachment
    # No FAQ suggestions here: the subject is only the request's title for staff.
    subject = form.fields["subject"]
    subject.help_text, subject.widget.attrs = "", {}
    form.fields["contract_number"].help_text = ""
    if request.method == "POST" and form.is_valid():
        form.cleaned_data["attachments"] = ()
        try:
            signature_request = notices.notice_start(
                actor=actor_of(request), new=form.new_request(request_type)
            )
        except ServiceError as error:
            add_to_form(form, error)
        else:
            return redirect("contracts:signature_sign", signature_request.public_id)
    return render(
        request,
        "contracts/give_notice.html",
        {
            "form": form,
            "request_type": request_type,
            "account": accounts[0] if len(accounts) == 1 else None,
            "current_section": "contracts",
        },
    )

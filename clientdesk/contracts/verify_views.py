"""The public verification page: upload a PDF, see what its signatures say. No login.

pyHanko is imported when a file is checked, not with the URLs (docs/performance.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from clientdesk.contracts.models import ContractDocument
from clientdesk.core.actors import client_ip
from clientdesk.core.counters import count
from clientdesk.core.models import VendorConfig

if TYPE_CHECKING:
    from clientdesk.contracts.signing import SigningKeys

MAX_BYTES = 10 * 1024 * 1024
# Checking signatures costs CPU: a visitor may check this many files per window.
CHECKS_PER_WINDOW, WINDOW_SECONDS = 20, 600
DSS_DEMO_URL = "https://ec.europa.eu/digital-building-blocks/DSS/webapp-demo/validation"


class VerifyForm(forms.Form):
    file = forms.FileField(label=_("The signed PDF"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        return upload


def _within_rate(request) -> bool:
    used, _ends = count(f"contracts:verify:{client_ip(request) or 'unknown'}", WINDOW_SECONDS)
    return used <= CHECKS_PER_WINDOW


def _keys() -> SigningKeys | None:
    from clientdesk.contracts import signing

    try:
        return signing.load_keys()
    except (signing.SigningUnavailable, OSError, ValueError):
        return None


@require_http_methods(["GET", "POST"])
def verify_page(request):
    form = VerifyForm(request.POST or None, request.FILES or None)
    report = None
    ours = False
    status = 200
    if request.method == "POST" and not _within_rate(request):
        form.add_error(None, _("Too many checks from your address; try again in a few minutes."))
        status = 429
    elif request.method == "POST" and form.is_valid():
        from clientdesk.contracts import verification

        content = form.cleaned_data["file"].read()
        report = verification.verify_pdf(content, keys=_keys())
        ours = ContractDocument.objects.filter(sha256=report.sha256).exists()
    vendor = VendorConfig.get()
    return render(
        request,
        "contracts/verify.html",
        {
            "form": form,
            "report": report,
            "ours": ours,
            "zone_name": vendor.time_zone,
            "dss_url": DSS_DEMO_URL,
        },
        status=status,
    )

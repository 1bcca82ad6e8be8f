"""The ERP's tokens, made and revoked by a vendor admin."""

from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_http_methods, require_POST

from clientdesk.api import services, views
from clientdesk.api.models import ApiToken


@staff_member_required
@permission_required(services.VENDOR_PERMISSION, raise_exception=True)
@require_http_methods(["GET", "POST"])
def vendor_tokens(request: HttpRequest) -> HttpResponse:
    return views.tokens_page(request, ApiToken.Kind.VENDOR, "backoffice:api_tokens")


@staff_member_required
@permission_required(services.VENDOR_PERMISSION, raise_exception=True)
@require_POST
def vendor_token_revoke(request: HttpRequest, public_id) -> HttpResponse:
    return views.revoke(request, ApiToken.Kind.VENDOR, public_id, "backoffice:api_tokens")

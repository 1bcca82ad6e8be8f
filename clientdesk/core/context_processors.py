from django.conf import settings

from clientdesk.core.models import VendorConfig
from clientdesk.core.navigation import sections_for
from clientdesk.core.tenancy import grants_held


def portal(request) -> dict:
    user = request.user
    held = grants_held(user)
    return {
        "vendor": VendorConfig.get(),
        "nav_sections": sections_for(user, held),
        "held_grants": held,
        "languages": settings.LANGUAGES,
    }

from django.conf import settings

from clientdesk.core.models import VendorConfig
from clientdesk.core.navigation import held_grants, sections_for


def portal(request) -> dict:
    user = request.user
    held = held_grants(request)
    return {
        "vendor": VendorConfig.get(),
        "nav_sections": sections_for(user, held),
        "held_grants": held,
        "languages": settings.LANGUAGES,
    }

from django.conf import settings

from clientdesk.core.models import VendorConfig
from clientdesk.core.navigation import held_grants, sections_for


def portal(request) -> dict:
    user = request.user
    held = held_grants(request)
    offered = sections_for(user, held)
    return {
        "vendor": VendorConfig.get(),
        "nav_sections": [section for section in offered if not section.is_help],
        "nav_help": [section for section in offered if section.is_help],
        "held_grants": held,
        "languages": settings.LANGUAGES,
    }

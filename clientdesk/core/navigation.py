"""The portal's sections: what the navigation and the dashboard offer.

A section is shown to a user only when they hold its grant on some account
(or when it needs no grant). Each app adds its section here when it exists.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Section:
    key: str
    label: Promise
    description: Promise
    url_name: str
    grant: str | None = None  # None: every signed-in user
    public: bool = False  # shown to visitors too


# In the order of the navigation: the customer's work first, then help.
SECTIONS = [
    Section(
        "requests",
        _("My requests"),
        _("Submit, follow and answer your requests to our support team."),
        "support:list",
        grant="requests",
    ),
    Section(
        "orders",
        _("My orders"),
        _("Follow your orders and their deliveries, with the carriers' tracking links."),
        "orders:list",
        grant="orders",
    ),
    Section(
        "faq",
        _("FAQ"),
        _("Answers to the questions customers ask most."),
        "kb:home",
        public=True,
    ),
    Section(
        "contact",
        _("Contact"),
        _("Phone, e-mail and hours of the customer support team."),
        "contact",
        public=True,
    ),
]


def sections_for(user, held_grants: set[str]) -> list[Section]:
    if not user.is_authenticated:
        return [s for s in SECTIONS if s.public]
    return [s for s in SECTIONS if s.grant is None or s.grant in held_grants]

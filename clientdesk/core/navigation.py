"""The portal's sections: what the navigation and the dashboard offer.

Each app registers its own sections from its ``AppConfig.ready()``, so that a
new app adds its page to the navigation and its tile to the dashboard without
a change to core::

    navigation.register(
        Section(key="orders", label=_("My orders"), description=_("..."),
                url_name="orders:list", order=20, grant="orders")
    )

``order`` places the section in the navigation: the customer's work first
(10-79: requests 10, orders 20), then help (80-99: FAQ 80, contact 90).
A section is shown to a user only when they hold its grant on some account
(or when it needs no grant); the dashboard has a tile for each section that
needs a grant the user holds (help has tiles of its own there).
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.utils.functional import Promise

HELP_ORDER = 80


@dataclass(frozen=True, kw_only=True)
class Section:
    key: str
    label: Promise
    description: Promise
    url_name: str
    order: int
    grant: str | None = None  # None: every signed-in user
    public: bool = False  # shown to visitors too
    # The figures its dashboard tile shows ("1.234,56 lei open"), given the user; a fixed
    # number of queries, whatever the data: kept balances, not sums of rows.
    summary: Callable[[Any], str] | None = None

    @property
    def is_help(self) -> bool:
        """Help (FAQ, contact) sits beside the language switch; the rest are the tabs."""
        return self.order >= HELP_ORDER


@dataclass(frozen=True)
class Tile:
    """A section as the dashboard shows it, with its figures for this user."""

    section: Section
    summary: str = ""

    @property
    def key(self) -> str:
        return self.section.key


_SECTIONS: dict[str, Section] = {}


def register(section: Section) -> None:
    """Add a section; registering the same one again is harmless, another under its key is not."""
    known = _SECTIONS.get(section.key)
    if known is not None and known != section:
        raise ValueError(f"navigation section {section.key!r} is already registered: {known}")
    _SECTIONS[section.key] = section


@contextmanager
def registered(section: Section) -> Iterator[Section]:
    """The section registered for the duration of the block (for tests): a new key only."""
    if section.key in _SECTIONS:
        raise ValueError(f"navigation section {section.key!r} is already registered")
    register(section)
    try:
        yield section
    finally:
        del _SECTIONS[section.key]


def sections() -> list[Section]:
    return sorted(_SECTIONS.values(), key=lambda s: (s.order, s.key))


def sections_for(user, held_grants: set[str] | frozenset[str]) -> list[Section]:
    """The navigation of this user, who holds ``held_grants`` on some account."""
    if not user.is_authenticated:
        return [s for s in sections() if s.public]
    return [s for s in sections() if s.grant is None or s.grant in held_grants]


def tiles_for(user: Any, held_grants: set[str] | frozenset[str]) -> list[Tile]:
    """The dashboard's tiles: the sections whose grant the user holds, with their figures."""
    return [
        Tile(section, section.summary(user) if section.summary is not None else "")
        for section in sections()
        if section.grant is not None and section.grant in held_grants
    ]


@dataclass(frozen=True)
class Waiting:
    """One line of the dashboard's "waiting for you": a count, in words, linked to the list
    it counts (filtered to those rows)."""

    text: str
    url: str
    count: int
    urgent: bool = False


# Given the user and the grants they hold, what waits: a fixed number of queries whatever
# the data, and none when the user cannot have any (no grant, not staff).
WaitingProvider = Callable[[Any, frozenset[str]], list[Waiting]]
_WAITING: dict[str, tuple[int, WaitingProvider]] = {}


def register_waiting(key: str, provider: WaitingProvider, *, order: int) -> None:
    """Add what an app counts on the dashboard (``order`` as the sections')."""
    known = _WAITING.get(key)
    if known is not None and known != (order, provider):
        raise ValueError(f"dashboard count {key!r} is already registered")
    _WAITING[key] = (order, provider)


def waiting_for(user: Any, held_grants: frozenset[str]) -> list[Waiting]:
    """What waits for this user, in the providers' order; counts of zero are left out."""
    found: list[Waiting] = []
    for _order, provider in sorted(_WAITING.values(), key=lambda entry: entry[0]):
        found.extend(item for item in provider(user, held_grants) if item.count)
    return found


SESSION_GRANTS = "_held_grants"


def held_grants(request: HttpRequest) -> frozenset[str]:
    """The signed-in user's grants, for the navigation: kept in the session (read with it
    anyway) and read again only when the user's memberships changed (``access_version``).

    Only what the navigation offers depends on this; every read of customer data still
    goes through the tenancy gate's own query.
    """
    user = request.user
    if not user.is_authenticated:
        return frozenset()
    version = getattr(user, "access_version", None)
    kept = request.session.get(SESSION_GRANTS)
    if kept is not None and kept[0] == version:
        return frozenset(kept[1])
    # Imported here: the apps import this module before the models are ready.
    from clientdesk.core.tenancy import grants_held

    held = grants_held(user)
    request.session[SESSION_GRANTS] = [version, sorted(held)]
    return held

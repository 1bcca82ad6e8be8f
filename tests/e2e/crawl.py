"""The pages a person reaches by following links, one of each kind.

From a start page, every same-origin link is followed, breadth first. A page's kind is
its route (``resolve(path).view_name``): the first address of each route is kept, and
up to QUERY_VARIANTS more of the same route with a different set of query keys (a list
filtered by status, by queue...; paging keys do not count). What is not a page is left
out: signing out, files (a ``download`` link, or an answer that is not HTML), the Django
admin (its own templates, not the portal's) and the API.
"""

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlsplit

from django.urls import Resolver404, resolve

QUERY_VARIANTS = 2
PAGING = {"after", "before", "page"}  # another page of the same list is no other kind
NOT_PAGES = ("/account/logout/", "/admin/", "/api/", "/static/", "/media/", "/brand/")
SKIPPED_ROUTES = {"account_logout", "set_language"}

LINKS = """() => [...document.querySelectorAll("a[href]")]
    .filter(a => a.origin === location.origin && !a.hasAttribute("download"))
    .map(a => a.pathname + a.search)"""


@dataclass
class Crawl:
    max_pages: int
    seconds: float
    skipped: Callable[[str], bool] = lambda route: False
    pages: list[str] = field(default_factory=list)
    broken: list[str] = field(default_factory=list)
    _routes: Counter = field(default_factory=Counter)
    _query_keys: set = field(default_factory=set)

    def kind(self, address: str) -> str | None:
        """ "new" for a route not seen yet, "variant" for another query of one, else None."""
        path, query = urlsplit(address).path, urlsplit(address).query
        if path.startswith(NOT_PAGES):
            return None
        try:
            route = resolve(path).view_name
        except Resolver404:
            self.broken.append(f"{address}: no route")
            return None
        if route in SKIPPED_ROUTES or self.skipped(route):
            return None
        keys = (route, frozenset(key for key, _ in parse_qsl(query)) - PAGING)
        if keys in self._query_keys or self._routes[route] > QUERY_VARIANTS:
            return None
        self._query_keys.add(keys)
        self._routes[route] += 1
        return "new" if self._routes[route] == 1 else "variant"

    def run(self, page, start: str, on_page) -> None:
        """Visits the pages found from ``start``, every route's first address before any
        variant; ``on_page(path)`` is called on each."""
        deadline = time.monotonic() + self.seconds
        queues: dict[str, list[str]] = {"new": [start], "variant": []}
        self.kind(start)
        while len(self.pages) < self.max_pages and time.monotonic() < deadline:
            waiting = queues["new"] or queues["variant"]
            if not waiting:
                return
            address = waiting.pop(0)
            try:
                response = page.goto(address)
            except Exception as error:  # Playwright's "Download is starting": a file
                if "Download is starting" in str(error):
                    continue
                raise
            if response is None or response.status == 405:  # a form's POST-only target
                continue
            if not response.ok:
                self.broken.append(f"{address}: {response.status}")
                continue
            if not response.headers.get("content-type", "").startswith("text/html"):
                continue
            self.pages.append(address)
            for link in page.evaluate(LINKS):
                if kind := self.kind(link):
                    queues[kind].append(link)
            on_page(address)

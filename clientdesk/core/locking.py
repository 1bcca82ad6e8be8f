"""Lock the row, check the version the user saw, bump it: one way for every app.

A page that changes a shared object (a request, a contract) carries the
``version`` it was made from. The service locks the row and, when a version is
given, refuses with ``Conflict`` if anyone changed the object since, so no
update is lost; every change then saves with ``save_new_version``.
"""

from typing import Any, Protocol, TypeVar

from django.db import models

from clientdesk.core.errors import CommonError, ServiceError


class Versioned(Protocol):
    pk: Any
    version: int

    def save(self, *args: Any, **kwargs: Any) -> None: ...


M = TypeVar("M", bound=models.Model)


class Conflict(ServiceError):
    def __init__(self, current: models.Model):
        super().__init__(CommonError.CONFLICT)
        self.current = current


def lock(queryset: models.QuerySet[M], pk: Any, *, version: int | None = None) -> M:
    """The row, locked until the end of the transaction; Conflict if it moved past ``version``."""
    locked = queryset.select_for_update(of=("self",)).get(pk=pk)
    if version is not None and getattr(locked, "version") != version:  # noqa: B009
        raise Conflict(locked)
    return locked


def save_new_version(obj: Versioned) -> None:
    obj.version += 1
    obj.save()

"""Who may open a staff page: a staff member holding the page's permission.

Signed out (or not staff): the sign-in page; staff without the permission: 403.
"""

from collections.abc import Callable

from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import permission_required


def staff_with(permission: str) -> Callable[[Callable], Callable]:
    def decorator(view: Callable) -> Callable:
        return staff_member_required(permission_required(permission, raise_exception=True)(view))

    return decorator

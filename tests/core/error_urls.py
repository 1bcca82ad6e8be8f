"""The portal's URLs and error handlers, with views that fail (tests/core/test_error_pages.py)."""

from django.db import connection
from django.urls import path

from clientdesk.urls import handler400, handler500
from clientdesk.urls import urlpatterns as portal_urlpatterns


def _refuse(execute, sql, params, many, context):
    from django.db import OperationalError

    raise OperationalError("the database is down")


def broken(request):
    raise RuntimeError("a bug")


def database_down(request):
    # From here on every query fails, as when the server has gone away; the test restores it.
    connection.execute_wrappers.append(_refuse)
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


urlpatterns = [
    path("test/broken/", broken),
    path("test/database-down/", database_down),
    *portal_urlpatterns,
]

__all__ = ["handler400", "handler500", "urlpatterns"]

"""Who may read the API's description: anyone in development, signed-in staff in
production unless the vendor opens it (``API_DOCS_PUBLIC=1``)."""

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse


def docs_guard(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def guarded(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        open_to_all = settings.DEBUG or settings.API_DOCS_PUBLIC
        if not open_to_all and not request.user.is_staff:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return guarded

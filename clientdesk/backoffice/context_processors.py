from django.http import HttpRequest
from django.urls import reverse


def workspace(request: HttpRequest) -> dict:
    """Whether the page is one of the staff workspace's, whichever app serves it: the
    layout then takes the screen's full width for queues and tables."""
    return {"staff_workspace": request.path.startswith(reverse("backoffice:home"))}

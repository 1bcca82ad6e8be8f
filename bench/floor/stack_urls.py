"""The project's URLs plus /bench/layout/: the base layout with no data, the stack's floor."""

from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_GET

from clientdesk.urls import urlpatterns as project_urlpatterns


@require_GET
def layout(request):
    return render(request, "bench/layout.html")


urlpatterns = [path("bench/layout/", layout), *project_urlpatterns]

"""One view, one small template: what Django itself costs a request."""

from functools import cache

from django.http import HttpResponse
from django.template import engines
from django.urls import path

PAGE = "<!doctype html><title>{{ title }}</title><p>{% for n in numbers %}{{ n }} {% endfor %}</p>"


@cache
def _template():
    return engines["django"].from_string(PAGE)


def bare(request):
    return HttpResponse(_template().render({"title": "floor", "numbers": range(10)}))


urlpatterns = [path("bench/bare/", bare)]

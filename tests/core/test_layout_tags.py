"""{% route %}: a route's URL reversed once, for the URLconf in force."""

from django.http import HttpResponse
from django.test import override_settings
from django.urls import path

from clientdesk.core.templatetags.layout import route


def contact_page(request):
    return HttpResponse("contact")


# The portal's routes elsewhere: the contact page under another path.
urlpatterns = [path("help/contact-us/", contact_page, name="contact")]
# A path with a character HTML must escape.
escaped_urlpatterns = [path("help&contact/", contact_page, name="contact")]


def test_a_route_follows_the_urlconf_in_force():
    assert route("contact") == "/contact/"
    with override_settings(ROOT_URLCONF=__name__):
        assert route("contact") == "/help/contact-us/"
    assert route("contact") == "/contact/"


class EscapedUrls:
    urlpatterns = escaped_urlpatterns


def test_a_route_is_escaped_for_html():
    with override_settings(ROOT_URLCONF=EscapedUrls):
        assert route("contact") == "/help&amp;contact/"

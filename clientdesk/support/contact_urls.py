# Contact us keeps its global name "contact": every page's footer links to it.
from django.urls import path

from clientdesk.support.views.contact import contact

urlpatterns = [path("", contact, name="contact")]

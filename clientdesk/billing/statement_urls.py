from django.urls import path

from clientdesk.billing import statement_views

app_name = "statement"

urlpatterns = [
    path("", statement_views.statement_page, name="show"),
]

from django.urls import path

from clientdesk.billing import statement_views

app_name = "statement"

urlpatterns = [
    path("", statement_views.statement_page, name="show"),
    path("csv/", statement_views.statement_csv, name="csv"),
    path("xlsx/", statement_views.statement_xlsx, name="xlsx"),
    path("pdf/", statement_views.statement_pdf, name="pdf"),
]

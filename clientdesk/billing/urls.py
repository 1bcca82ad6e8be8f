from django.urls import path

from clientdesk.billing import bulk_views, preference_views, views
from clientdesk.billing.converters import INVOICE_NUMBER

app_name = "billing"

urlpatterns = [
    path("", views.invoice_list, name="list"),
    # Before <number>/: these words are never invoice numbers (every number has a digit).
    path("zip/", bulk_views.zip_new, name="zip_new"),
    path("export/csv/", views.export_csv, name="export_csv"),
    path("export/xlsx/", views.export_xlsx, name="export_xlsx"),
    path("e-mails/", preference_views.preferences, name="preferences"),
    path("zip/<uuid:public_id>/", bulk_views.zip_status, name="zip"),
    path("zip/<uuid:public_id>/file/", bulk_views.zip_file, name="zip_file"),
    # A number may hold a slash (billing/converters.py): the longer routes first.
    path(f"<{INVOICE_NUMBER}:number>/print/", views.invoice_print, name="print"),
    path(f"<{INVOICE_NUMBER}:number>/pdf/", views.invoice_pdf, name="pdf"),
    path(f"<{INVOICE_NUMBER}:number>/xml/", views.invoice_xml, name="xml"),
    path(f"<{INVOICE_NUMBER}:number>/", views.invoice_detail, name="detail"),
]

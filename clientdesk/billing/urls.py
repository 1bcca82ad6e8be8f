from django.urls import path

from clientdesk.billing import bulk_views, preference_views, views

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
    # An ERP's numbers may hold a slash ("FV/2026/0001"): <path:>, the longer routes first.
    path("<path:number>/print/", views.invoice_print, name="print"),
    path("<path:number>/pdf/", views.invoice_pdf, name="pdf"),
    path("<path:number>/xml/", views.invoice_xml, name="xml"),
    path("<path:number>/", views.invoice_detail, name="detail"),
]

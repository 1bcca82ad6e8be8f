from django.urls import path

from clientdesk.billing import views

app_name = "billing"

urlpatterns = [
    path("", views.invoice_list, name="list"),
    path("<str:number>/", views.invoice_detail, name="detail"),
    path("<str:number>/print/", views.invoice_print, name="print"),
    path("<str:number>/pdf/", views.invoice_pdf, name="pdf"),
    path("<str:number>/xml/", views.invoice_xml, name="xml"),
]

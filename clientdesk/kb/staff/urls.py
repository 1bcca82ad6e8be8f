from django.urls import path

from clientdesk.kb.staff import views

app_name = "kb_staff"

urlpatterns = [
    path("vocabulary/", views.vocabulary, name="vocabulary"),
    path("vocabulary/<int:pk>/", views.vocabulary_update, name="vocabulary_update"),
    path("vocabulary/<int:pk>/delete/", views.vocabulary_delete, name="vocabulary_delete"),
    path("searches/", views.searches, name="searches"),
    path("searches/add/", views.search_add, name="search_add"),
    path("searches/add/phrasing/", views.add_phrasing, name="add_phrasing"),
    path("searches/add/synonym/", views.add_synonym, name="add_synonym"),
]

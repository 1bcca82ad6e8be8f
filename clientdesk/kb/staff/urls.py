from django.urls import path

from clientdesk.kb.staff import article_views, views

app_name = "kb_staff"

urlpatterns = [
    path("articles/", article_views.article_list, name="articles"),
    path("articles/new/", article_views.article_create, name="article_create"),
    path("articles/preview/", article_views.article_preview, name="article_preview"),
    path("articles/<int:pk>/", article_views.article_edit, name="article_edit"),
    path("articles/<int:pk>/publish/", article_views.article_publish, name="article_publish"),
    path("categories/", article_views.category_list, name="categories"),
    path("categories/new/", article_views.category_edit, name="category_create"),
    path("categories/<int:pk>/", article_views.category_edit, name="category_edit"),
    path("vocabulary/", views.vocabulary, name="vocabulary"),
    path("vocabulary/<int:pk>/", views.vocabulary_update, name="vocabulary_update"),
    path("vocabulary/<int:pk>/delete/", views.vocabulary_delete, name="vocabulary_delete"),
    path("searches/", views.searches, name="searches"),
    path("searches/add/", views.search_add, name="search_add"),
    path("searches/add/phrasing/", views.add_phrasing, name="add_phrasing"),
    path("searches/add/synonym/", views.add_synonym, name="add_synonym"),
]

from django.urls import path

from clientdesk.kb import views

app_name = "kb"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("categories/<slug:slug>/", views.category, name="category"),
    path("articles/<slug:slug>/", views.article, name="article"),
    path("articles/<slug:slug>/vote/", views.vote, name="vote"),
]

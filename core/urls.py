from django.urls import path

from . import source_pages

app_name = "sources"

urlpatterns = [
    path("", source_pages.source_list, name="list"),
    path("<int:pk>/", source_pages.source_detail, name="detail"),
]

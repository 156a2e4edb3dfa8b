from django.urls import path

from core.views import list_paths

from . import views
from .exports import ORGANISATIONS

app_name = "members"

urlpatterns = [
    *list_paths(
        "organisations/", views.OrganisationListView, export=ORGANISATIONS, name="organisation"
    ),
    path("organisations/<int:pk>/", views.organisation_detail, name="organisation-detail"),
    path("people/<int:pk>/", views.person_detail, name="person-detail"),
]

from django.urls import path

from . import views

app_name = "members"

urlpatterns = [
    path("organisations/", views.OrganisationListView.as_view(), name="organisation-list"),
    path("organisations/<int:pk>/", views.organisation_detail, name="organisation-detail"),
    path("people/<int:pk>/", views.person_detail, name="person-detail"),
]

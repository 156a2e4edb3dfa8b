from django.urls import path

from . import views

app_name = "members"

urlpatterns = [
    path(
        "organisations/<int:pk>/",
        views.OrganisationDetailView.as_view(),
        name="organisation-detail",
    ),
    path("people/<int:pk>/", views.PersonDetailView.as_view(), name="person-detail"),
]

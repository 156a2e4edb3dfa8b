from django.urls import path

from . import views

app_name = "councils"

urlpatterns = [
    path("<slug:slug>/", views.CouncilDetailView.as_view(), name="detail"),
]

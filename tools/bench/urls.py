from django.urls import path

from portal.urls import urlpatterns as portal_urlpatterns

from .views import hello

urlpatterns = [path("bench/hello/", hello, name="bench-hello"), *portal_urlpatterns]

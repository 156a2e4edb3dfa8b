from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from councils.views import home

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path(settings.ADMIN_URL, admin.site.urls),
]

# Japanese pages live at the unprefixed URLs, English ones under /en/.
urlpatterns += i18n_patterns(
    path("", home, name="home"),
    path("councils/", include("councils.urls")),
    path("", include("members.urls")),
    path("", include("events.urls")),
    prefix_default_language=False,
)

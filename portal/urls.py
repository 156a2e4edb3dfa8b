from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from .health import healthz
from .language import set_language
from .search import search
from .views import home

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("i18n/setlang/", set_language, name="set_language"),
    path(settings.ADMIN_URL, admin.site.urls),
]

# Japanese pages live at the unprefixed URLs, English ones under /en/.
urlpatterns += i18n_patterns(
    path("", home, name="home"),
    path("search/", search, name="search"),
    path("councils/", include("councils.urls")),
    path("", include("members.urls")),
    path("", include("events.urls")),
    prefix_default_language=False,
)

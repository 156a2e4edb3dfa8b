from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from .changes_views import ChangesFeed, changes
from .health import healthz
from .language import set_language
from .pages import about, favicon, region_map, robots_txt
from .search import search
from .sitemaps import SITEMAPS
from .views import home

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("robots.txt", robots_txt, name="robots"),
    path("favicon.ico", favicon, name="favicon"),
    path("sitemap.xml", sitemap_views.index, {"sitemaps": SITEMAPS}, name="sitemap"),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path(settings.ADMIN_URL, admin.site.urls),
]

# Japanese pages live at the unprefixed URLs, English ones under /en/.
urlpatterns += i18n_patterns(
    path("", home, name="home"),
    path("search/", search, name="search"),
    path("map/", region_map, name="region-map"),
    path("about/", about, name="about"),
    path("changes/", changes, name="changes"),
    path("changes/feed/", ChangesFeed(), name="changes-feed"),
    path("sources/", include("core.urls")),
    path("councils/", include("councils.urls")),
    path("", include("members.urls")),
    path("", include("events.urls")),
    prefix_default_language=False,
)

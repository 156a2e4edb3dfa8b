"""The portal's own settings, plus what only the benchmark needs.

Middleware, templates, database and cache settings are the portal's, so the
pages are measured exactly as production serves them; this module only adds
the hello-world view (the ceiling every page is compared with) and the
command that writes synthetic data. Neither is part of the public portal.
"""

import os

from portal.settings import *  # noqa: F403
from portal.settings import BASE_DIR, DATABASES, INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "tools.bench"]
ROOT_URLCONF = "tools.bench.urls"

# Kept apart from the portal's own collectstatic output.
STATIC_ROOT = BASE_DIR / "bench-results" / "staticfiles"

# Writing the synthetic data: SQLite need not wait for the disk after every
# migration and batch, as a crash only means writing the file again.
if os.environ.get("BENCH_UNSAFE_FAST_WRITES") and DATABASES["default"]["ENGINE"].endswith(
    "sqlite3"
):
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = (
        "PRAGMA synchronous=OFF; PRAGMA journal_mode=MEMORY;"
    )

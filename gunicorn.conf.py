"""gunicorn settings for production: `gunicorn -c gunicorn.conf.py portal.wsgi`.

Every value can be overridden from the environment, so the same file serves a
laptop (`make serve`), the load test and a server.
"""

import multiprocessing
import os

cpus = multiprocessing.cpu_count()

bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")

# Threads serve requests while others wait on the database. Several worker
# processes only make sense with a shared cache (REDIS_URL): with the local
# memory cache each process would keep its own copy, and an edit would be
# invalidated in one process only. WEB_CONCURRENCY overrides either way.
worker_class = "gthread"
default_workers = 2 * cpus + 1 if os.environ.get("REDIS_URL") else 1
workers = int(os.environ.get("WEB_CONCURRENCY", default_workers))
threads = int(os.environ.get("GUNICORN_THREADS", 2 * cpus))

# A request taking longer than this is stuck: the worker is replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# On SIGHUP or SIGTERM, workers finish the requests in hand for up to this long.
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = 5
# Workers are replaced now and then (jittered, so not all at once) to bound
# the growth of any slow leak.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = max_requests // 10
# Not preloaded, so `kill -HUP <master>` restarts the workers gracefully with
# freshly loaded code.
preload_app = False
# The workers' heartbeat files on a memory file system: a slow disk must not
# make gunicorn think a worker hangs.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None

# The portal writes one line per request itself (logger portal.request, with
# duration, cache outcome and request id). gunicorn's own access log, which
# also sees requests that never reach Django, is written where
# GUNICORN_ACCESS_LOG says ("-" for stdout).
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s" id=%({x-request-id}o)s'
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")

# X-Forwarded-Proto is believed only from these addresses (the local proxy).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# Hostile requests: bounded request line and headers.
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190

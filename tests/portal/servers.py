"""Start the portal under gunicorn, as production runs it, for tests and scripts."""

import os
import secrets
import socket
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import requests

from tests.helpers import xdist_worker_number

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
# Ports for servers started by tests: TEST_PORTS=first-last.
PORTS = os.environ.get("TEST_PORTS", "8440-8479")


def ports():
    """This process's ports: TEST_PORTS, or under pytest-xdist this worker's share of it.
    Two workers looking for a free port in one range could both find the same one
    before either server takes it."""
    first, last = (int(port) for port in PORTS.split("-"))
    worker = xdist_worker_number()
    if worker is not None:
        workers = int(os.environ["PYTEST_XDIST_WORKER_COUNT"])
        share = (last - first + 1) // workers
        if share < 1:
            raise RuntimeError(f"TEST_PORTS={PORTS} has fewer ports than the {workers} workers")
        first += worker * share
        last = first + share - 1
    return range(first, last + 1)


def free_port():
    for port in ports():
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {ports()} (TEST_PORTS={PORTS})")


def production_env(**overrides):
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        # As behind a TLS proxy: requests carry X-Forwarded-Proto: https.
        "TRUST_X_FORWARDED_PROTO": "1",
    }
    env.update(overrides)
    return env


def collectstatic(env):
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )


class Instance:
    """One gunicorn instance; a context manager that always stops it."""

    def __init__(self, env, log_path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {**env, "GUNICORN_BIND": f"127.0.0.1:{self.port}"}
        self.log_path = log_path
        self.process = None

    def __enter__(self):
        self.log = open(self.log_path, "w")  # noqa: SIM115 - closed in __exit__
        self.process = subprocess.Popen(
            [GUNICORN, "-c", "gunicorn.conf.py", "portal.wsgi"],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        try:
            self.wait_until_healthy()
        except BaseException:
            self.__exit__()
            raise
        return self

    def wait_until_healthy(self, seconds=60):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited: {Path(self.log_path).read_text()}")
            try:
                if requests.get(self.url + "/healthz", timeout=5).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"gunicorn did not answer: {Path(self.log_path).read_text()}")

    def __exit__(self, *exc_info):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


class Browser:
    """Just enough of a browser behind a TLS proxy: cookies (Secure ones too,
    as the proxy would carry them over HTTPS) and the proxy's headers."""

    def __init__(self, instance):
        self.instance = instance
        self.cookies = {}

    def request(self, method, path, **kwargs):
        headers = {
            "X-Forwarded-Proto": "https",
            "Origin": f"https://127.0.0.1:{self.instance.port}",
            "Referer": f"https://127.0.0.1:{self.instance.port}{path}",
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        response = requests.request(
            method,
            self.instance.url + path,
            headers=headers,
            allow_redirects=False,
            timeout=30,
            **kwargs,
        )
        self.cookies.update(response.cookies.get_dict())
        return response

    def get(self, path):
        return self.request("GET", path)

    def submit(self, path, changes, form_id=None):
        """Fill in the form on `path` as a browser would, change some fields, post it."""
        page = self.get(path)
        assert page.status_code == 200, (path, page.status_code)
        fields = FormFields(form_id)
        fields.feed(page.text)
        data = [(name, value) for name, value in fields.values if name not in changes]
        data += list(changes.items())
        return self.request("POST", path, data=data)

    def log_in(self, username, password):
        response = self.submit(
            "/admin/login/?next=/admin/", {"username": username, "password": password}
        )
        assert response.status_code == 302, response.text[:2000]


class FormFields(HTMLParser):
    """The name/value pairs a browser would submit for one form of a page."""

    def __init__(self, form_id=None):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.values = []
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = self.form_id is None or attrs.get("id") == self.form_id
            return
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in {"submit", "button", "file", "image", "reset"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            self.values.append((name, attrs.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select" and name:
            self._select = [name, None, attrs.get("multiple") is not None]
        elif tag == "option" and self._select is not None:
            if "selected" in attrs:
                self.values.append((self._select[0], attrs.get("value", "")))
                self._select[1] = True
        elif tag == "textarea" and name:
            self._textarea = [name, ""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            # A browser drops the one newline that follows <textarea>.
            name, value = self._textarea
            self.values.append((name, value[1:] if value.startswith("\n") else value))
            self._textarea = None

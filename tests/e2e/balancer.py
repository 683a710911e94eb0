"""Two app instances behind HAProxy (Debian's package), as on two machines sharing PostgreSQL and Redis:
the layout of the PostgreSQL + Redis browser pass (README "Beyond one machine").

- instance A: `reflex run --env prod --single-port` (it builds the front end once, with the balancer's
  address baked in as the backend URL, so every websocket goes through the balancer);
- instance B: the same app's backend in a process of its own (tests/backend_harness.py) serving A's
  built front end: nothing is built twice;
- HAProxy in front: HTTP and websockets (Upgrade passed through, long tunnel timeout), health checks on
  /ping, everything to A unless the cookie `mrko_instance` names B (a test pins a browser there), and
  to the other instance when the chosen one is down (`option redispatch`). Responses say which
  instance served them (`X-Served-By`); the log (haproxy.log) names the instance of every websocket.
"""

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

HAPROXY = os.environ.get("MRKO_HAPROXY", "/usr/sbin/haproxy")
COOKIE = "mrko_instance"

CONFIG = """global
    maxconn 2000
    log stdout format raw local0 info
defaults
    mode http
    log global
    option httplog
    option logasap
    option forwardfor
    option redispatch
    retries 3
    timeout connect 2s
    timeout client 1h
    timeout server 1h
    timeout tunnel 1h
frontend diary
    bind 127.0.0.1:{lb}
    default_backend app
backend app
    balance first
    option httpchk GET /ping
    http-response set-header X-Served-By %[srv_name]
    server a 127.0.0.1:{a} check inter 300 fall 2 rise 1
    server b 127.0.0.1:{b} check inter 300 fall 2 rise 1
    use-server b if {{ req.cook({cookie}) -m str b }}
    use-server a if {{ req.cook({cookie}) -m str a }}
"""


def available() -> str | None:
    """None when HAProxy is installed, else the reason to skip (`make haproxy` installs it)."""
    return None if Path(HAPROXY).exists() else f"HAProxy not installed at {HAPROXY} (make haproxy)"


def _up(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "/ping", timeout=2) as r:
            return r.status == 200
    except OSError:
        return False


def wait_up(url: str, proc: subprocess.Popen, log: Path, timeout: float = 120) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{url} exited early:\n{log.read_text()[-4000:]}")
        if _up(url):
            return
        time.sleep(0.3)
    raise RuntimeError(f"{url} did not start in {timeout}s:\n{log.read_text()[-4000:]}")


def _stop(proc: subprocess.Popen | None) -> None:
    if proc is None or proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(proc.pid, signal.SIGKILL)


class Balanced:
    """Instance B and HAProxy around an instance A started by the caller on port `a`."""

    def __init__(self, lb: int, a: int, b: int, env: dict, folder: Path, root: Path):
        self.lb, self.a, self.b, self.env, self.folder, self.root = lb, a, b, env, folder, root
        self.url = f"http://127.0.0.1:{lb}"
        self.b_url = f"http://127.0.0.1:{b}"
        self._b: subprocess.Popen | None = None
        self._proxy: subprocess.Popen | None = None

    def start_b(self) -> None:
        env = {**self.env, "__REFLEX_MOUNT_FRONTEND_COMPILED_APP": "1", "REFLEX_ENV_MODE": "prod",
               "PYTHONPATH": str(self.root)}
        log = self.folder / "instance-b.log"
        with open(log, "a") as out:
            self._b = subprocess.Popen([sys.executable, "-m", "tests.backend_harness", "--port", str(self.b)],
                                       cwd=self.root, env=env, stdout=out, stderr=subprocess.STDOUT,
                                       start_new_session=True)
        wait_up(self.b_url, self._b, log)

    def stop_b(self) -> None:
        _stop(self._b)

    def start(self) -> "Balanced":
        self.start_b()
        cfg = self.folder / "haproxy.cfg"
        cfg.write_text(CONFIG.format(lb=self.lb, a=self.a, b=self.b, cookie=COOKIE))
        log = self.folder / "haproxy.log"
        with open(log, "w") as out:
            self._proxy = subprocess.Popen([HAPROXY, "-db", "-f", str(cfg)], stdout=out, stderr=subprocess.STDOUT,
                                           start_new_session=True)
        wait_up(self.url, self._proxy, log, timeout=30)
        return self

    def sockets_on(self, server: str) -> int:
        """How many websockets (`/_event`) the balancer has passed to instance `server` ("a" or "b")."""
        text = (self.folder / "haproxy.log").read_text(errors="replace")
        return sum(1 for line in text.splitlines() if f" app/{server} " in line and "/_event" in line)

    def close(self) -> None:
        _stop(self._proxy)
        _stop(self._b)

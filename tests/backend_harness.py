"""The app's backend without its front end: Reflex's ASGI app under uvicorn, for tests and benches that
speak the websocket protocol (tests/e2e/socket_client.py) and need no browser nor front-end build.

    server, thread = serve_in_thread(port)       # in this process (the in-process change channel)
    python -m tests.backend_harness --port 8001  # a process of its own (Redis: REFLEX_REDIS_URL)
"""

import argparse
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build_asgi():
    os.environ["__REFLEX_SKIP_COMPILE"] = "1"  # the backend only: no front-end build
    from mrko_app.mrko_app import app

    app._apply_decorated_pages()  # what the compiler would do: register the pages' on_load handlers
    return app()


def serve_in_thread(port: int, timeout: float = 60):
    import uvicorn

    server = uvicorn.Server(uvicorn.Config(build_asgi(), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the backend did not start")
        time.sleep(0.05)
    return server, thread


def start_process(port: int, env: dict, timeout: float = 180) -> subprocess.Popen:
    """The backend in a process of its own (its CPU its own, as a bench measures it), up and answering."""
    proc = subprocess.Popen([sys.executable, "-m", "tests.backend_harness", "--port", str(port)], cwd=ROOT,
                            env={**env, "PYTHONPATH": str(ROOT)})
    url, deadline = f"http://127.0.0.1:{port}", time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the backend on port {port} exited: {proc.returncode}")
        try:
            with urllib.request.urlopen(url + "/ping", timeout=2):
                return proc
        except OSError:
            time.sleep(0.2)
    proc.terminate()
    raise RuntimeError(f"the backend on port {port} did not start")


if __name__ == "__main__":
    import uvicorn

    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    uvicorn.run(build_asgi(), host="127.0.0.1", port=parser.parse_args().port, log_level="warning")

"""The app's backend without its front end: Reflex's ASGI app under uvicorn, for tests and benches that
speak the websocket protocol (tests/e2e/socket_client.py) and need no browser nor front-end build.

    server, thread = serve_in_thread(port)       # in this process (the in-process change channel)
    python -m tests.backend_harness --port 8001  # a process of its own (Redis: REFLEX_REDIS_URL)
"""

import argparse
import os
import socket
import threading
import time


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


if __name__ == "__main__":
    import uvicorn

    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    uvicorn.run(build_asgi(), host="127.0.0.1", port=parser.parse_args().port, log_level="warning")

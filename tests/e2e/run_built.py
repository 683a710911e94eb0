"""`reflex run` over a front end that is already built: the same command line and the same server (Granian,
its workers, the compiled front end mounted on the backend's port), with the compile and the `bun` build
skipped. The browser passes of `make test` build the front end once (the SQLite pass) and the PostgreSQL +
Redis pass reuses it when nothing it was built from has changed (tests/e2e/conftest.py `_build_stamp`).

    python -m tests.e2e.run_built run --env prod --single-port --backend-port P --frontend-port P
"""

from reflex import reflex as reflex_cli
from reflex.utils import build


def _env_json_only(root) -> None:
    build.setup_frontend(root)  # env.json (the backend's address, the same as the build's), no build


reflex_cli._compile_app = lambda *args, **kwargs: None
build.setup_frontend_prod = _env_json_only

if __name__ == "__main__":
    reflex_cli.cli(prog_name="reflex")

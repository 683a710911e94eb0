"""The catalogue's cost: start-up (Babel compiling every .po into memory) and one tr() call, against the old
hand-written pairs (the STRINGS modules as they were before the move, read from git) in the same run.

    .venv/bin/python bench/i18n_bench.py
"""

import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _old_sources() -> list[str]:
    deleted = subprocess.run(["git", "-C", str(ROOT), "log", "--diff-filter=D", "--format=%H", "-1", "--",
                              "mrko_app/i18n/common.py"], capture_output=True, text=True, check=True).stdout.strip()
    names = subprocess.run(["git", "-C", str(ROOT), "ls-tree", "--name-only", f"{deleted}~1", "mrko_app/i18n/"],
                           capture_output=True, text=True, check=True).stdout.split()
    return [subprocess.run(["git", "-C", str(ROOT), "show", f"{deleted}~1:{n}"], capture_output=True, text=True,
                           check=True).stdout for n in names if not n.endswith("__init__.py")]


def best(fn, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    from mrko_app.i18n import tr
    from mrko_app.i18n.catalogue import Catalogue

    sources = _old_sources()

    def old_load():
        catalogue = {}
        for source in sources:
            namespace: dict = {}
            exec(compile(source, "old", "exec"), namespace)  # noqa: S102 - the repository's own old data
            catalogue.update(namespace["STRINGS"])
        return catalogue

    old = old_load()
    old_start, new_start = best(old_load), best(Catalogue)

    def old_tr(n=20000):
        for _ in range(n):
            old["nav.diary"][1].format()

    def new_tr(n=20000):
        for _ in range(n):
            tr("nav.diary", "ru")

    old_call, new_call = best(old_tr), best(new_tr)
    print(f"start-up: pairs {old_start * 1000:.1f} ms, Babel .po {new_start * 1000:.1f} ms, "
          f"ratio {new_start / old_start:.1f}x")
    print(f"tr() x20000: pairs {old_call * 1000:.1f} ms, gettext {new_call * 1000:.1f} ms, "
          f"ratio {new_call / old_call:.1f}x")


if __name__ == "__main__":
    main()

"""The public face of a service package: its `__init__` names what it offers and where each name lives,
and the names are looked up in their submodules on first use (PEP 562), so that importing a package never
imports all of it (no import cycles between packages).

    _API = {"send": "messages", ...}
    _SUBMODULES = ("messages", ...)
    __getattr__, __dir__ = _facade.lazy(__name__, _API, _SUBMODULES)
"""

import importlib
import sys
from collections.abc import Callable, Iterable, Mapping


def lazy(package: str, api: Mapping[str, str], submodules: Iterable[str]) -> tuple[Callable, Callable]:
    """The package's module-level `__getattr__` and `__dir__`."""
    subs = frozenset(submodules)

    def __getattr__(name: str):
        if name in subs:
            return importlib.import_module(f"{package}.{name}")
        if name in api:
            return getattr(importlib.import_module(f"{package}.{api[name]}"), name)
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    def __dir__() -> list[str]:
        return sorted(set(vars(sys.modules[package])) | set(api) | subs)

    return __getattr__, __dir__

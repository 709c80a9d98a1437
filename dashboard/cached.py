"""Declare caching where a function is defined: `@cached.metric`, `@cached.figure`, `@cached.output`,
`@cached.definitions`.

The mark changes nothing about the function: it stays pure and is unit-tested as it is. dashboard/cache.py wraps
every marked function of the modules it lists in its family's memo (one budget per family, the table there) and
offers it under the same name: `@cached.metric def vacatures(...)` in dashboard/metrics/ is `cache.vacatures(...)`
for the views. A test fails when a marked function is not offered by the cache, or a view calls one that is not.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from types import ModuleType
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])
FAMILY = "cache_family"  # the attribute the mark sets
FAMILIES = ("metric", "figure", "output", "definitions")


def _mark(family: str) -> Callable[[F], F]:
    def mark(fn: F) -> F:
        setattr(fn, FAMILY, family)
        return fn

    return mark


metric, figure, output, definitions = (_mark(family) for family in FAMILIES)


def with_submodules(*modules: ModuleType) -> tuple[ModuleType, ...]:
    """`modules`, and for a package every module in it: a function marked in dashboard/metrics/behoud.py is found
    without being re-exported by the package."""
    found = list(modules)
    for module in modules:
        for info in pkgutil.walk_packages(getattr(module, "__path__", ()), f"{module.__name__}."):
            found.append(importlib.import_module(info.name))
    return tuple(found)


def marked(*modules: ModuleType) -> dict[str, Callable[..., Any]]:
    """Every marked function in `modules`, by name; one name may not mean two functions."""
    found: dict[str, Callable[..., Any]] = {}
    for module in modules:
        for name, value in vars(module).items():
            if getattr(value, FAMILY, None) in FAMILIES and not name.startswith("_"):
                if found.get(name, value) is not value:
                    raise ValueError(f"Twee gecachete functies heten {name}: kies een andere naam.")
                found[name] = value
    return found

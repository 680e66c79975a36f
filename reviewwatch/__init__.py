"""reviewwatch: self-hosted review monitoring and response assistant."""

import sys as _sys

__version__ = "0.1.0"


def _sqlite_utils_without_numpy() -> None:
    """Import sqlite-utils without numpy and pandas.

    sqlite-utils imports both when they are installed (the `train` and `test` extras bring
    numpy), only to map their types in `table.insert()`, which reviewwatch never calls
    (every write is SQL). That was ~18 MB and 60 ms in every process: the collector and the
    triage workers' fork server (bench/bench_ingest.py). numpy stays importable afterwards
    (the training imports it)."""
    if "sqlite_utils" in _sys.modules:
        return
    hidden = [name for name in ("numpy", "pandas") if name not in _sys.modules]
    for name in hidden:
        _sys.modules[name] = None  # type: ignore[assignment]  (an import of it fails)
    try:
        import sqlite_utils  # noqa: F401
    finally:
        for name in hidden:
            if _sys.modules.get(name, 0) is None:
                del _sys.modules[name]


_sqlite_utils_without_numpy()

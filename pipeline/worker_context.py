"""A ``spawn`` multiprocessing context whose workers do not re-run the caller's script.

``spawn`` normally re-imports the parent's ``__main__`` in every worker, so a script
that calls :func:`jixiao.ingest.ingest` at top level (the README example, pasted into
a file) without an ``if __name__ == "__main__":`` guard would start the ingest again
in each worker and fail. The workers only need :mod:`jixiao.ingest_worker` and the
parse function, both importable by name, so this context leaves ``__main__`` out of
what a worker is told to prepare. The consequence: with ``workers > 1`` a custom
``process`` function must live in an importable module, not in the script itself
(:func:`check_importable` says so before any worker starts).
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable
from multiprocessing import context, popen_spawn_posix, spawn
from typing import Any

_local = threading.local()
_install_lock = threading.Lock()
_MAIN_KEYS = ("init_main_from_path", "init_main_from_name")


def _without_main(original: Callable[[str], dict[str, Any]]) -> Callable[[str], dict[str, Any]]:
    def get_preparation_data(name: str) -> dict[str, Any]:
        data = original(name)
        if getattr(_local, "active", False):  # only for workers this module starts
            for key in _MAIN_KEYS:
                data.pop(key, None)
        return data

    get_preparation_data.__wrapped__ = original  # type: ignore[attr-defined]
    return get_preparation_data


def _install() -> None:
    """Wrap ``spawn.get_preparation_data`` once; it behaves as before for every other
    caller (the wrapper acts only inside :class:`_Popen` launches, per thread)."""
    with _install_lock:
        if not hasattr(spawn.get_preparation_data, "__wrapped__"):
            spawn.get_preparation_data = _without_main(spawn.get_preparation_data)


class _Popen(popen_spawn_posix.Popen):
    def _launch(self, process_obj: Any) -> None:
        _local.active = True
        try:
            super()._launch(process_obj)
        finally:
            _local.active = False


class _Process(context.SpawnProcess):
    @staticmethod
    def _Popen(process_obj: Any) -> Any:
        return _Popen(process_obj)


class _Context(context.SpawnContext):
    Process = _Process  # type: ignore[assignment]


def worker_context() -> multiprocessing.context.BaseContext:
    """The context for :class:`concurrent.futures.ProcessPoolExecutor`'s ``mp_context``."""
    _install()
    return _Context()


def check_importable(process: Callable[..., Any]) -> None:
    """Workers cannot see functions defined in the caller's script: say so up front."""
    if getattr(process, "__module__", None) == "__main__":
        raise ValueError(
            "with workers > 1, process must be defined in an importable module, not in "
            "the script being run (__main__): move it to a module, or use workers=1"
        )

"""Parsing on a Dask cluster: the same ingest, its parse tasks run by Dask workers.

``jixiao ingest … --cluster tcp://scheduler:8786`` (or ``--cluster local:N`` for a
LocalCluster of N worker processes on this machine) hands each file's parse to the
cluster instead of the built-in process pool. Everything else stays in the driver
(this process): listing, hashing, skipping unchanged files with the batched lookups,
and loading each result in one transaction per document. Tasks go through Dask's
``concurrent.futures`` executor, so the driver's bounded in-flight loop is the same
code for both pools.

Faults, and what they become:

- a worker killed mid-task: Dask re-runs the task on another worker; after
  ``retries`` deaths (the scheduler's ``allowed-failures``) the file fails with
  ``the worker process died N times …`` and the run goes on;
- a worker over its memory limit on a hostile file: its nanny kills it, same path;
- the scheduler lost: :class:`ClusterLostError` (an infrastructure error, exit 3);
  nothing half-loaded (each document is one transaction), the next run resumes;
- workers running another parser version than the driver: refused at start.

Dask is an optional dependency (``pip install 'jixiao[dask]'``); nothing here imports
it before a cluster is asked for.
"""

from __future__ import annotations

import contextlib
import tempfile
from concurrent.futures import CancelledError, Executor
from concurrent.futures import TimeoutError as FuturesTimeout
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jixiao import PARSER_VERSION, __version__
from jixiao.errors import InfrastructureError
from jixiao.ingest_worker import Parsed, ProcessFn, parse_file

INSTALL_HINT = "the Dask cluster needs the dask extra: pip install 'jixiao[dask]'"
CONNECT_TIMEOUT = "30s"


class ClusterError(InfrastructureError):
    """The cluster cannot be used: not installed, unreachable, or mismatched."""


class ClusterLostError(ClusterError):
    """The scheduler went away during the run."""


@dataclass(frozen=True)
class ClusterSpec:
    """``local:N`` (a LocalCluster of N processes) or a scheduler address."""

    address: str | None = None
    local_workers: int | None = None

    @classmethod
    def parse(cls, value: str) -> ClusterSpec:
        """``local:2`` → 2 local worker processes; ``tcp://host:8786`` → that scheduler."""
        if value.startswith("local:"):
            count = value.removeprefix("local:")
            if not count.isdigit() or int(count) < 1:
                raise ValueError(f"--cluster {value!r}: local:N needs a number of workers ≥ 1")
            return cls(local_workers=int(count))
        if "://" not in value:
            raise ValueError(
                f"--cluster {value!r}: expected local:N or a scheduler address such as "
                "tcp://scheduler:8786"
            )
        return cls(address=value)


def worker_versions() -> tuple[str, int]:
    """Run on each worker: the jixiao and parser version it would parse with."""
    return __version__, PARSER_VERSION


def parse_shipped(process: ProcessFn, name: str, data: bytes, options: Any) -> Parsed:
    """Run on a worker that cannot see the driver's files: parse the bytes it was sent.

    The bytes go to a private temporary file with the original name (readers sniff the
    content, but a name keeps messages and the LibreOffice conversion familiar).
    """
    with tempfile.TemporaryDirectory(prefix="jixiao-shipped-") as folder:
        path = Path(folder) / (Path(name).name or "document")
        path.write_bytes(data)
        return parse_file(process, str(path), options)


class DaskPool:
    """A connection to a Dask cluster, shaped like the built-in process pool."""

    def __init__(self, spec: ClusterSpec, *, retries: int = 2, ship_bytes: bool = False) -> None:
        try:
            import dask
            from distributed import Client, LocalCluster
        except ImportError as exc:
            raise ClusterError(INSTALL_HINT) from exc
        self.spec = spec
        self.retries = retries
        self.ship_bytes = ship_bytes
        self._cluster: Any = None
        # allowed-failures: how often a task may take its worker down before the
        # scheduler gives up on it (KilledWorker). worker-saturation 1.0: a worker holds
        # only the tasks it runs, so a crash is blamed on the file that caused it, not
        # on innocent files queued behind it. A remote scheduler has its own settings
        # (README: start it with the same two).
        settings = {
            "distributed.scheduler.allowed-failures": retries,
            "distributed.scheduler.worker-saturation": 1.0,
        }
        with dask.config.set(settings):
            try:
                if spec.local_workers is not None:
                    self._cluster = LocalCluster(
                        n_workers=spec.local_workers,
                        threads_per_worker=1,
                        processes=True,
                        dashboard_address=None,
                    )
                    self.client = Client(self._cluster, set_as_default=False)
                else:
                    self.client = Client(
                        spec.address, timeout=CONNECT_TIMEOUT, set_as_default=False
                    )
            except (OSError, TimeoutError) as exc:
                self.close()
                where = spec.address or "a local cluster"
                raise ClusterError(f"cannot reach the Dask scheduler at {where}: {exc}") from exc

    @property
    def where(self) -> str:
        return self.spec.address or f"local:{self.spec.local_workers}"

    def check_versions(self, expected: tuple[str, int] | None = None) -> None:
        """Refuse workers that would parse with another jixiao or parser version."""
        expected = expected or worker_versions()
        try:
            found = self.client.run(worker_versions)
        except (OSError, TimeoutError) as exc:
            raise ClusterLostError(f"lost the Dask scheduler at {self.where}: {exc}") from exc
        if not found:
            raise ClusterError(f"the Dask cluster at {self.where} has no workers")
        wrong = {w: v for w, v in found.items() if tuple(v) != tuple(expected)}
        if wrong:
            worker, (version, parser) = sorted(wrong.items())[0]
            raise ClusterError(
                f"Dask worker {worker} runs jixiao {version} with parser version {parser}; "
                f"this ingest uses jixiao {expected[0]} with parser version {expected[1]} "
                f"({len(wrong)} of {len(found)} workers differ): install the same jixiao "
                "on every worker"
            )

    @property
    def slots(self) -> int:
        """Parse tasks that can run at once: the cluster's worker threads."""
        return max(1, sum(self.client.nthreads().values()))

    def executor(self) -> Executor:
        # pure=False: the same file submitted twice (a retry) is two tasks, not one.
        return self.client.get_executor(pure=False)

    def submit(self, executor: Executor, process: ProcessFn, path: Path, options: Any) -> Any:
        if self.ship_bytes:
            data = path.read_bytes()
            return executor.submit(parse_shipped, process, path.name, data, options)
        return executor.submit(parse_file, process, str(path), options)

    def parsed_from_error(self, exc: BaseException) -> Parsed:
        """A task's failure: the file fails, or the whole run stops (scheduler lost)."""
        from distributed import KilledWorker

        if isinstance(exc, KilledWorker):
            return Parsed(
                reason=(
                    f"the worker process died {self.retries + 1} times on this file "
                    "(a crash or out of memory)"
                )
            )
        if isinstance(exc, CancelledError | FuturesTimeout | OSError):
            raise ClusterLostError(
                f"lost the Dask scheduler at {self.where} ({type(exc).__name__}); "
                "nothing half-loaded: the next run picks up where this one stopped"
            ) from exc
        name = type(exc).__name__
        if name in {"CommClosedError", "FutureCancelledError"}:
            raise ClusterLostError(f"lost the Dask scheduler at {self.where} ({name})") from exc
        return Parsed(reason=" ".join(f"internal error: {name}: {exc}".split()))

    def close(self) -> None:
        # Closing a client whose scheduler died raises: there is nothing left to keep.
        client = getattr(self, "client", None)
        if client is not None:
            with contextlib.suppress(Exception):
                client.close(timeout=5)
        if self._cluster is not None:
            with contextlib.suppress(Exception):
                self._cluster.close(timeout=10)

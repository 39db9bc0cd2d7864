"""The Store: every read and write the ingest and the CLI make, one transaction each.

Documents are keyed by the SHA-256 of their bytes. A file seen again (maybe moved or
renamed) touches its document and adds a path; new bytes at an old path are a new
document, the old one is kept. A report and all its child rows are written in one
transaction, so a crash or ``kill -9`` never leaves half a report.

Under :meth:`Store.lock` on PostgreSQL every read and write goes through the one
session that holds the advisory lock: if the server ends that session (a restart,
``pg_terminate_backend``) the run stops with an InfrastructureError instead of
reconnecting and writing beside the next lock holder.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from datetime import datetime, timezone
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    Connection,
    Row,
    bindparam,
    delete,
    func,
    insert,
    select,
    update,
)
from sqlalchemy import exc as sa_exc

from jixiao import PARSER_VERSION, __version__
from jixiao.errors import DocumentError, InfrastructureError
from jixiao.load.database import (
    db_errors,
    display_url,
    ensure_schema,
    make_engine,
    normalize_url,
)
from jixiao.load.file_stats import KnownFile, known_files, record_keys, touch_known
from jixiao.load.identity import identity_columns
from jixiao.load.lock import database_lock, reacquire
from jixiao.load.models import DocumentPathRow, DocumentRow, IngestRunRow, ReportRow
from jixiao.load.records import DocumentInfo, FailureInfo, RunCounts, RunInfo, utc
from jixiao.load.rows import ReportRows, checked_rows, report_to_rows
from jixiao.load.versions import supersede

if TYPE_CHECKING:
    from jixiao.normalize.canonical import CanonicalReport

log = logging.getLogger(__name__)
LOOKUP_CHUNK = 500  # hashes per IN (...) lookup

_DOCS = DocumentRow.__table__
_PATHS = DocumentPathRow.__table__
_REPORTS = ReportRow.__table__
_RUNS = IngestRunRow.__table__
_MAX_REASON = 2000
# Statuses of a document that was read: not retried until the parser version changes.
READ_STATUSES = ("ok", "no_report")


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _one_line(reason: str) -> str:
    line = " ".join(reason.split())
    return line[:_MAX_REASON] or "unknown error"


def _latest_path() -> Any:
    return (
        select(_PATHS.c.path)
        .where(_PATHS.c.document_id == _DOCS.c.id)
        .order_by(_PATHS.c.last_seen.desc(), _PATHS.c.id.desc())
        .limit(1)
        .scalar_subquery()
    )


class Store:
    """A jixiao database. ``create=False`` refuses a database without the schema.

    ``schema_under_lock``: check (and create) the schema only once :meth:`lock` holds
    the ingest lock, so that of several first runs started at once one creates it and
    the others wait for or report the lock.
    """

    def __init__(
        self,
        url: str = "sqlite:///jixiao.db",
        *,
        create: bool = True,
        schema_under_lock: bool = False,
    ) -> None:
        self.url = normalize_url(url)
        self.engine = make_engine(self.url)
        self._locked = False
        self._create = create
        self._schema_pending = schema_under_lock
        self._session: Connection | None = None  # holds the PostgreSQL lock
        self._session_lost = False
        self._session_interrupted = False
        if schema_under_lock:
            return
        try:
            ensure_schema(self.engine, create=create, lock=lambda: database_lock(self.engine))
        except BaseException:
            self.engine.dispose()
            raise

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions ---------------------------------------------------------------

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        if self._session is not None:
            with self._in_session() as conn:
                yield conn
            return
        with db_errors(self.url), self.engine.connect() as conn:
            yield conn

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        if self._session is not None:
            with self._in_session() as conn:
                yield conn
            return
        with db_errors(self.url), self.engine.begin() as conn:
            yield conn

    @contextmanager
    def _in_session(self) -> Iterator[Connection]:
        """A transaction on the lock's own session; never a new connection."""
        conn = self._session
        assert conn is not None
        lost = (
            f"database {display_url(self.url)}: the session holding the ingest lock is gone "
            "(the server restarted or ended it); stopping so that two ingests never write at once"
        )
        if conn.invalidated and self._session_interrupted and not self._session_lost:
            # Our own interrupt closed the session: its lock went with it. Carry on
            # only if the lock can be taken again before anyone else took it.
            self._session_interrupted = False
            with db_errors(self.url):
                self._session_lost = not reacquire(conn)
        if self._session_lost or conn.invalidated:
            self._session_lost = True
            raise InfrastructureError(lost)
        try:
            with db_errors(self.url), conn.begin():
                yield conn
        except InfrastructureError as exc:
            if conn.invalidated:
                self._session_lost = True
                raise InfrastructureError(f"{lost}: {exc}") from exc
            raise
        except BaseException:  # Ctrl-C / SIGTERM in the middle of a query
            self._session_interrupted = conn.invalidated
            raise

    @contextmanager
    def _write_report(self) -> Iterator[Connection]:
        """One transaction; rows the database refuses are the document's fault."""
        try:
            with self._write() as conn:
                yield conn
        except (sa_exc.DataError, sa_exc.IntegrityError) as exc:
            detail = str(exc.orig or exc).strip().splitlines()[0]
            raise DocumentError(f"the database rejected the report: {detail}") from exc

    # -- documents ------------------------------------------------------------------

    def _document(self, conn: Connection, sha256: str) -> Row[Any] | None:
        return conn.execute(select(_DOCS).where(_DOCS.c.sha256 == sha256)).first()

    def _info(self, conn: Connection, row: Row[Any]) -> DocumentInfo:
        paths = list(
            conn.execute(
                select(_PATHS.c.path)
                .where(_PATHS.c.document_id == row.id)
                .order_by(_PATHS.c.last_seen.desc(), _PATHS.c.id.desc())
            ).scalars()
        )
        return DocumentInfo(
            id=row.id,
            sha256=row.sha256,
            format=row.format,
            size=row.size,
            pages=row.pages,
            status=row.status,
            error=row.error,
            parser_version=row.parser_version,
            first_seen=utc(row.first_seen),
            last_seen=utc(row.last_seen),
            report_ids=tuple(
                conn.execute(
                    select(_REPORTS.c.id)
                    .where(_REPORTS.c.document_id == row.id)
                    .order_by(_REPORTS.c.unit_index, _REPORTS.c.id)
                ).scalars()
            ),
            run_id=row.run_id,
            paths=tuple(paths),
        )

    def document_by_sha(self, sha256: str) -> DocumentInfo | None:
        with self._read() as conn:
            row = self._document(conn, sha256)
            return self._info(conn, row) if row is not None else None

    def _see(
        self,
        conn: Connection,
        document_id: int,
        path: str,
        run_id: int | None,
        stat_key: str | None = None,
    ) -> None:
        """Record that ``document_id`` was seen now at ``path``, its bytes hashed there
        with the file's ``stat_key`` (None: to be hashed next time; see jixiao.file_stat)."""
        now = _now()
        conn.execute(
            update(_DOCS).where(_DOCS.c.id == document_id).values(last_seen=now, run_id=run_id)
        )
        updated = conn.execute(
            update(_PATHS)
            .where(_PATHS.c.document_id == document_id, _PATHS.c.path == path)
            .values(last_seen=now)
        )
        if updated.rowcount == 0:
            conn.execute(
                insert(_PATHS).values(
                    document_id=document_id, path=path, first_seen=now, last_seen=now
                )
            )
        record_keys(conn, [(document_id, path, stat_key)])

    def known_files(self, paths: Sequence[str]) -> dict[tuple[str, str], KnownFile]:
        """(stored path, stat key) → the document last hashed there with that key."""
        with self._read() as conn:
            return known_files(conn, paths)

    def touch_known(self, known: Sequence[KnownFile], run_id: int) -> None:
        """Files skipped unread (their stat key matched): seen now, by ``run_id``."""
        if known:
            with self._write() as conn:
                touch_known(conn, known, _now(), run_id)

    def loaded_versions(self, sha256s: Sequence[str]) -> dict[str, int]:
        """sha256 → parser version, for the given documents that were read (``ok``, or
        ``no_report``: a file that holds no report is not retried until the parser changes).

        One query per :data:`LOOKUP_CHUNK` hashes: the skip path of a nightly run over
        an archive of unchanged files must not cost a round trip per file.
        """
        found: dict[str, int] = {}
        with self._read() as conn:
            for start in range(0, len(sha256s), LOOKUP_CHUNK):
                chunk = list(sha256s[start : start + LOOKUP_CHUNK])
                rows = conn.execute(
                    select(_DOCS.c.sha256, _DOCS.c.parser_version).where(
                        _DOCS.c.sha256.in_(chunk), _DOCS.c.status.in_(READ_STATUSES)
                    )
                )
                found.update({row.sha256: row.parser_version for row in rows})
        return found

    def report_ids(self, sha256s: Sequence[str]) -> dict[str, tuple[int, ...]]:
        """sha256 → the ids of that document's reports (for progress records)."""
        found: dict[str, list[int]] = {}
        with self._read() as conn:
            for start in range(0, len(sha256s), LOOKUP_CHUNK):
                chunk = list(sha256s[start : start + LOOKUP_CHUNK])
                rows = conn.execute(
                    select(_DOCS.c.sha256, _REPORTS.c.id)
                    .join(_REPORTS, _REPORTS.c.document_id == _DOCS.c.id)
                    .where(_DOCS.c.sha256.in_(chunk))
                    .order_by(_REPORTS.c.id)
                )
                for row in rows:
                    found.setdefault(row.sha256, []).append(row.id)
        return {sha: tuple(ids) for sha, ids in found.items()}

    def touch_paths(
        self, seen: Sequence[tuple[str, str] | tuple[str, str, str | None]], run_id: int
    ) -> None:
        """Many unchanged files (sha256, path[, stat key]) seen again, in one transaction."""
        if not seen:
            return
        now = _now()
        keys = {(item[0], item[1]): item[2] for item in seen if len(item) > 2}
        seen = [(item[0], item[1]) for item in seen]
        with self._write() as conn:
            rows = conn.execute(
                select(_DOCS.c.sha256, _DOCS.c.id).where(_DOCS.c.sha256.in_({s for s, _ in seen}))
            )
            ids = {row.sha256: row.id for row in rows}
            missing = [sha for sha, _ in seen if sha not in ids]
            if missing:
                raise KeyError(f"no document with sha256 {missing[0]}")
            doc_ids = sorted(set(ids.values()))
            conn.execute(
                update(_DOCS).where(_DOCS.c.id.in_(doc_ids)).values(last_seen=now, run_id=run_id)
            )
            rows = conn.execute(
                select(_PATHS.c.document_id, _PATHS.c.path).where(_PATHS.c.document_id.in_(doc_ids))
            )
            known = {(row.document_id, row.path) for row in rows}
            pairs = {(ids[sha], path) for sha, path in seen}
            old = [{"d": d, "p": p} for d, p in pairs if (d, p) in known]
            new = [
                {"document_id": d, "path": p, "first_seen": now, "last_seen": now}
                for d, p in pairs
                if (d, p) not in known
            ]
            if old:
                conn.execute(
                    update(_PATHS)
                    .where(_PATHS.c.document_id == bindparam("d"), _PATHS.c.path == bindparam("p"))
                    .values(last_seen=now),
                    old,
                )
            if new:
                conn.execute(insert(_PATHS), new)
            record_keys(conn, [(ids[sha], path, key) for (sha, path), key in keys.items()])

    def touch_path(self, sha256: str, path: str, run_id: int, stat_key: str | None = None) -> None:
        """An unchanged file seen again, maybe at a new path."""
        with self._write() as conn:
            row = self._document(conn, sha256)
            if row is None:
                raise KeyError(f"no document with sha256 {sha256}")
            self._see(conn, row.id, path, run_id, stat_key)

    def _new_document(self, conn: Connection, values: dict[str, Any]) -> int:
        now = _now()
        result = conn.execute(insert(_DOCS).values(first_seen=now, last_seen=now, **values))
        return int(result.inserted_primary_key[0])

    # -- reports --------------------------------------------------------------------

    def load_report(
        self,
        report: CanonicalReport,
        *,
        path: str,
        run_id: int,
        parser_version: int,
        replace: bool = False,
    ) -> int:
        """Store one report (a file holding one); returns its id. See :meth:`load_document`."""
        return self.load_rows(
            report_to_rows(report),
            path=path,
            run_id=run_id,
            parser_version=parser_version,
            replace=replace,
        )

    def load_reports(
        self,
        reports: Sequence[CanonicalReport],
        *,
        path: str,
        run_id: int,
        parser_version: int,
        replace: bool = False,
    ) -> tuple[int, ...]:
        """Store all the reports of one file. See :meth:`load_document`."""
        return self.load_document(
            [report_to_rows(r) for r in reports],
            path=path,
            run_id=run_id,
            parser_version=parser_version,
            replace=replace,
        )

    def load_rows(
        self,
        rows: ReportRows,
        *,
        path: str,
        run_id: int | None,
        parser_version: int,
        replace: bool = False,
    ) -> int:
        """Store a one-report document; returns the report id."""
        ids = self.load_document(
            [rows], path=path, run_id=run_id, parser_version=parser_version, replace=replace
        )
        return ids[0]

    def load_document(
        self,
        reports: Sequence[ReportRows],
        *,
        path: str,
        run_id: int | None,
        parser_version: int,
        replace: bool = False,
        stat_key: str | None = None,
    ) -> tuple[int, ...]:
        """Store all the reports of one document in ONE transaction; returns their ids.

        Idempotent by sha256: a document already read (``ok`` or ``no_report``) is only
        touched unless ``replace``, which swaps all its old reports for the new ones
        atomically. A document that failed before is loaded in place.
        """
        if not reports:
            raise ValueError("load_document needs at least one report (see record_no_report)")
        reports = [checked_rows(rows) for rows in reports]  # a worker's rows: unchecked
        first = reports[0]
        with self._write_report() as conn:
            doc = self._document(conn, first.sha256)
            if doc is not None and doc.status in READ_STATUSES and not replace:
                self._see(conn, doc.id, path, run_id, stat_key)
                return self._report_ids(conn, doc.id)
            document_id = self._reset_document(
                conn,
                doc,
                {
                    "sha256": first.sha256,
                    "format": first.format,
                    "size": first.size or 0,
                    "pages": first.pages,
                    "status": "ok",
                    "error": None,
                    "parser_version": parser_version,
                },
            )
            ids = tuple(self._insert_report(conn, document_id, rows) for rows in reports)
            self._see(conn, document_id, path, run_id, stat_key)
            supersede(conn, document_id, path)
            return ids

    def record_no_report(
        self,
        *,
        path: str,
        sha256: str,
        format: str | None,
        size: int,
        pages: int | None = None,
        reason: str,
        run_id: int | None,
        parser_version: int,
        stat_key: str | None = None,
    ) -> int:
        """A file that reads fine but holds no performance report (status ``no_report``).

        Not a failure: it is not retried until the parser version changes. A re-parse
        that finds no report any more removes the document's old reports (one
        transaction). Returns the document id.
        """
        with self._write() as conn:
            doc = self._document(conn, sha256)
            document_id = self._reset_document(
                conn,
                doc,
                {
                    "sha256": sha256,
                    "format": format,
                    "size": size,
                    "pages": pages,
                    "status": "no_report",
                    "error": _one_line(reason),
                    "parser_version": parser_version,
                },
            )
            self._see(conn, document_id, path, run_id, stat_key)
            return document_id

    def _reset_document(
        self, conn: Connection, doc: Row[Any] | None, values: dict[str, Any]
    ) -> int:
        """Create the document, or delete its reports (children cascade) and update it."""
        if doc is None:
            return self._new_document(conn, values)
        conn.execute(delete(_REPORTS).where(_REPORTS.c.document_id == doc.id))
        values = {k: v for k, v in values.items() if k != "sha256"}
        conn.execute(update(_DOCS).where(_DOCS.c.id == doc.id).values(**values))
        return int(doc.id)

    def _insert_report(self, conn: Connection, document_id: int, rows: ReportRows) -> int:
        identity = identity_columns(rows.sha256, rows.report, rows.children)
        result = conn.execute(
            insert(_REPORTS).values(
                document_id=document_id,
                schema_version=rows.schema_version,
                **rows.report,
                **identity,
            )
        )
        report_id = int(result.inserted_primary_key[0])
        for table_name, child_rows in rows.children.items():
            if child_rows:
                table = ReportRow.metadata.tables[table_name]
                conn.execute(insert(table), [{**r, "report_id": report_id} for r in child_rows])
        # A reviewer's corrections outlive a re-parse. Imported here: corrections re-run
        # the checks (normalize/), which `jixiao runs` and `--help` must not load.
        from jixiao.load.corrections import apply_corrections

        apply_corrections(conn, report_id)
        return report_id

    def _report_ids(self, conn: Connection, document_id: int) -> tuple[int, ...]:
        return tuple(
            conn.execute(
                select(_REPORTS.c.id)
                .where(_REPORTS.c.document_id == document_id)
                .order_by(_REPORTS.c.unit_index, _REPORTS.c.id)
            ).scalars()
        )

    def record_failure(
        self,
        *,
        path: str,
        sha256: str,
        format: str | None,
        size: int,
        reason: str,
        run_id: int,
        parser_version: int,
    ) -> None:
        """A file that could not be loaded, with its one-line reason.

        A document that loaded before (a re-parse with a newer parser failed) keeps
        its reports and status ``ok``; its ``error`` says what went wrong, and its old
        parser_version keeps it stale so the next run tries again. A ``no_report``
        document whose re-parse fails has nothing to keep: it becomes ``failed``.
        """
        reason = _one_line(reason)
        with self._write() as conn:
            doc = self._document(conn, sha256)
            if doc is None:
                document_id = self._new_document(
                    conn,
                    {
                        "sha256": sha256,
                        "format": format,
                        "size": size,
                        "status": "failed",
                        "error": reason,
                        "parser_version": parser_version,
                    },
                )
            else:
                document_id = doc.id
                values: dict[str, Any] = {"error": reason}
                if doc.status != "ok":  # no reports to keep: now a failure
                    values.update(status="failed", parser_version=parser_version)
                    values.update(format=format or doc.format, size=size)
                conn.execute(update(_DOCS).where(_DOCS.c.id == document_id).values(**values))
            self._see(conn, document_id, path, run_id)

    def unreadable_failures(self) -> set[str]:
        """The keys of failed documents with no bytes: the stand-ins of files that could
        not be read (jixiao.unreadable) among them. Few: fetched whole."""
        with self._read() as conn:
            query = select(_DOCS.c.sha256).where(_DOCS.c.status == "failed", _DOCS.c.size == 0)
            return set(conn.execute(query).scalars())

    def forget_failures(self, sha256s: Sequence[str]) -> int:
        """Delete the failed, report-less documents with these keys (the stand-ins of
        files that could not be read and now could). Returns how many went."""
        gone = 0
        with self._write() as conn:
            for start in range(0, len(sha256s), LOOKUP_CHUNK):
                chunk = list(sha256s[start : start + LOOKUP_CHUNK])
                result = conn.execute(
                    delete(_DOCS).where(
                        _DOCS.c.sha256.in_(chunk),
                        ~select(_REPORTS.c.id).where(_REPORTS.c.document_id == _DOCS.c.id).exists(),
                        _DOCS.c.status == "failed",
                    )
                )
                gone += result.rowcount or 0
        return gone

    def stale_documents(self, parser_version: int) -> list[DocumentInfo]:
        """Documents (loaded or failed) last parsed by a parser older than this one."""
        with self._read() as conn:
            rows = conn.execute(
                select(_DOCS).where(_DOCS.c.parser_version < parser_version).order_by(_DOCS.c.id)
            ).all()
            return [self._info(conn, row) for row in rows]

    def failures(self, run_id: int | None = None, *, no_report: bool = False) -> list[FailureInfo]:
        """Documents whose last attempt failed (of one run, or of all runs); with
        ``no_report``, instead the documents that hold no performance report."""
        query = select(_DOCS, _latest_path().label("latest_path")).where(_DOCS.c.error.is_not(None))
        if no_report:
            query = query.where(_DOCS.c.status == "no_report")
        else:
            query = query.where(_DOCS.c.status != "no_report")
        if run_id is not None:
            query = query.where(_DOCS.c.run_id == run_id)
        with self._read() as conn:
            rows = conn.execute(query.order_by(_DOCS.c.last_seen, _DOCS.c.id)).all()
        return [
            FailureInfo(
                document_id=row.id,
                sha256=row.sha256,
                path=row.latest_path,
                format=row.format,
                size=row.size,
                status=row.status,
                reason=row.error,
                run_id=row.run_id,
                parser_version=row.parser_version,
                last_seen=utc(row.last_seen),
            )
            for row in rows
        ]

    # -- runs -----------------------------------------------------------------------

    def start_run(self, arguments: dict[str, Any], parser_version: int = PARSER_VERSION) -> int:
        """A new ``running`` run. Under :meth:`lock`, runs left ``running`` by a dead
        process (``kill -9``, power loss) are marked ``interrupted`` first."""
        plain = json.loads(json.dumps(arguments, default=str))
        with self._write() as conn:
            if self._locked:
                conn.execute(
                    update(_RUNS).where(_RUNS.c.status == "running").values(status="interrupted")
                )
            result = conn.execute(
                insert(_RUNS).values(
                    started_at=_now(),
                    arguments=plain,
                    jixiao_version=__version__,
                    parser_version=parser_version,
                    pid=os.getpid(),
                    loaded=0,
                    skipped=0,
                    failed=0,
                    no_report=0,
                    status="running",
                )
            )
            return int(result.inserted_primary_key[0])

    def finish_run(self, run_id: int, counts: RunCounts, status: str = "finished") -> None:
        with self._write() as conn:
            conn.execute(
                update(_RUNS)
                .where(_RUNS.c.id == run_id)
                .values(
                    finished_at=_now(),
                    loaded=counts.loaded,
                    skipped=counts.skipped,
                    failed=counts.failed,
                    no_report=counts.no_report,
                    status=status,
                )
            )

    def runs(self, limit: int = 20) -> list[RunInfo]:
        """The most recent runs, newest first."""
        with self._read() as conn:
            rows = conn.execute(select(_RUNS).order_by(_RUNS.c.id.desc()).limit(limit)).all()
        return [
            RunInfo(
                id=row.id,
                started_at=utc(row.started_at),
                finished_at=utc(row.finished_at),
                arguments=row.arguments,
                jixiao_version=row.jixiao_version,
                parser_version=row.parser_version,
                pid=row.pid,
                counts=RunCounts(row.loaded, row.skipped, row.failed, row.no_report),
                status=row.status,
            )
            for row in rows
        ]

    def has_run(self, run_id: int) -> bool:
        with self._read() as conn:
            found = conn.execute(select(_RUNS.c.id).where(_RUNS.c.id == run_id)).first()
            return found is not None

    def low_coverage_by_run(self, run_ids: Sequence[int], below: Decimal) -> dict[int, int]:
        """Per run: the reports it loaded that read less than ``below`` of their tables'
        content rows (coverage, issue 10); runs with none are absent."""
        if not run_ids:
            return {}
        query = (
            select(_DOCS.c.run_id, func.count(_REPORTS.c.id))
            .join(_DOCS, _DOCS.c.id == _REPORTS.c.document_id)
            .where(_DOCS.c.run_id.in_(list(run_ids)), _REPORTS.c.coverage < below)
            .group_by(_DOCS.c.run_id)
        )
        with self._read() as conn:
            return {int(run): int(n) for run, n in conn.execute(query).all()}

    def count_reports(self) -> int:
        with self._read() as conn:
            return int(conn.execute(select(func.count()).select_from(_REPORTS)).scalar_one())

    # -- lock -----------------------------------------------------------------------

    def lock(self, wait: float = 0.0) -> AbstractContextManager[None]:
        """Exclusive ingest lock; raises IngestLockedError when another run holds it
        (after waiting up to ``wait`` seconds for it)."""
        return self._held(database_lock(self.engine, wait))

    @contextmanager
    def _held(self, lock: AbstractContextManager[Connection | None]) -> Iterator[None]:
        with lock as session:
            self._locked = True
            try:
                if self._schema_pending:
                    ensure_schema(self.engine, create=self._create)  # we hold the lock
                    self._schema_pending = False
                self._session, self._session_lost = session, False
                self._session_interrupted = False
                yield
            finally:
                self._session = None
                self._locked = False

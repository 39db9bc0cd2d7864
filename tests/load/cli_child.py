"""Run the real ``jixiao`` command line in a child process, with the fake parser.

``python cli_child.py [--pause-ddl N MARKER] ingest …``: the same CLI as the installed
``jixiao`` (exit codes, messages), but files are "parsed" by load_fakes.fake_process
(driven by their text), so the tests control how long a run takes. With
``--pause-ddl N MARKER`` the N-th ``CREATE`` statement of the schema creation touches
MARKER and then sleeps, so a test can kill the run in the middle of creating it.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))


def _pause_ddl(count: int, marker: Path) -> None:
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    seen = [0]

    @event.listens_for(Engine, "before_cursor_execute")
    def _pause(*args: object) -> None:
        statement = str(args[2])
        if statement.lstrip().upper().startswith("CREATE"):
            seen[0] += 1
            if seen[0] == count:
                marker.touch()
                time.sleep(600)


def main() -> None:
    args = sys.argv[1:]
    if args[:1] == ["--pause-ddl"]:
        _pause_ddl(int(args[1]), Path(args[2]))
        args = args[3:]
    from load_fakes import fake_process

    import jixiao.process

    jixiao.process.process_file = fake_process  # type: ignore[assignment]
    from jixiao.cli.main import main as cli

    cli(args, prog_name="jixiao")


if __name__ == "__main__":
    main()

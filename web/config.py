"""What ``jixiao serve`` was started with."""

from __future__ import annotations

import getpass
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path


def default_user() -> str:
    """The OS user: who made a correction when ``--user`` is not given."""
    try:
        return getpass.getuser()
    except Exception:  # no user name in this environment (a container without passwd)
        return "unknown"


def default_cache_dir() -> Path:
    """Where rendered page images go: ``$XDG_CACHE_HOME/jixiao`` or ``~/.cache/jixiao``."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "jixiao"


@dataclass(frozen=True)
class WebConfig:
    url: str
    user: str = field(default_factory=default_user)
    token: str | None = None  # when set, every request must carry it
    cache_dir: Path = field(default_factory=default_cache_dir)
    # Signs the CSRF token of the forms; new per process (a restart invalidates forms).
    secret: str = field(default_factory=lambda: secrets.token_hex(32))
    page_size: int = 50  # reports per page of the list

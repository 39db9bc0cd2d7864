"""The exit statuses of the ``jixiao`` command, for scripts and cron jobs.

=====  =======================================================================
code   meaning
=====  =======================================================================
0      everything asked for was done
1      the batch finished, but some documents failed (each is named on stderr)
2      usage error: a bad option or argument, nothing was done
3      infrastructure error: the database is unreachable, another ingest holds
       the lock, or the schema is newer than this jixiao (or not upgraded yet);
       retry after fixing it, documents were not judged
130    interrupted (Ctrl-C); the summary of what was done is still printed
=====  =======================================================================
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    DOCUMENTS_FAILED = 1
    USAGE = 2
    INFRASTRUCTURE = 3
    INTERRUPTED = 130

"""LibreOffice conversions that never touch the network.

An archived document can link images, style sheets or OLE objects by URL (a tracking
pixel, an address on the internal network). Converting it must not fetch them. Two
layers:

- the converter runs in a network namespace of its own with nothing but a loopback
  that is down (``unshare --net``; as root directly, otherwise in a user namespace
  where the kernel allows it). Where neither is permitted, a warning is logged once
  and the conversion runs without it;
- the private LibreOffice profile of each conversion is seeded with settings that
  block loading linked content from untrusted locations, never update links and
  never check for updates.
"""

from __future__ import annotations

import functools
import logging
import shutil
import subprocess
from pathlib import Path

logger = logging.getLogger(__name__)

_NAMESPACES = (
    ("--net",),  # root, or CAP_SYS_ADMIN
    ("--user", "--map-root-user", "--net"),  # unprivileged user namespaces
)

_ITEM = (
    '<item oor:path="{path}"><prop oor:name="{name}" oor:op="fuse">'
    "<value>{value}</value></prop></item>"
)
# (configuration path, property, value)
_SETTINGS = (
    # Refuse links (images, frames, style sheets) to places outside trusted locations.
    ("/org.openoffice.Office.Common/Security/Scripting", "BlockUntrustedRefererLinks", "true"),
    # Never update links to other files or URLs when a document is loaded (0: never).
    ("/org.openoffice.Office.Writer/Content/Update", "Link", "0"),
    ("/org.openoffice.Office.Calc/Content/Update", "Link", "0"),
    # No online update check, no crash-report upload.
    (
        "/org.openoffice.Office.Jobs/Jobs/org.openoffice.Office.Jobs:Job['UpdateCheck']/Arguments",
        "AutoCheckEnabled",
        "false",
    ),
    ("/org.openoffice.Office.Common/Misc", "CrashReport", "false"),
)


def offline_registry() -> str:
    """The ``registrymodifications.xcu`` of an offline conversion profile."""
    items = "\n".join(_ITEM.format(path=p, name=n, value=v) for p, n, v in _SETTINGS)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
        'xmlns:xs="http://www.w3.org/2001/XMLSchema" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
        f"{items}\n</oor:items>\n"
    )


def seed_profile(profile: Path) -> None:
    """Write the offline settings into a fresh LibreOffice profile folder."""
    user = profile / "user"
    user.mkdir(parents=True, exist_ok=True)
    (user / "registrymodifications.xcu").write_text(offline_registry(), encoding="utf-8")


@functools.lru_cache(maxsize=1)
def no_network_prefix() -> tuple[str, ...]:
    """The command prefix that runs a program without network access, or ``()``."""
    unshare = shutil.which("unshare")
    if unshare is not None:
        for flags in _NAMESPACES:
            prefix = (unshare, *flags, "--")
            try:
                probe = subprocess.run([*prefix, "true"], capture_output=True, timeout=10)
            except (OSError, subprocess.TimeoutExpired):
                continue
            if probe.returncode == 0:
                return prefix
    logger.warning(
        "LibreOffice conversions run with network access: no network namespace is "
        "permitted here (unshare --net); linked content is still blocked by its settings"
    )
    return ()

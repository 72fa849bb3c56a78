"""Is the process that started a run still there? (Same host only: a pid means nothing
on another machine.)"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path


def process_gone(pid: int, started: datetime) -> bool:
    """True when process `pid` has ended, is a zombie, or is a newer process that reuses the
    pid (it began after `started`, when the run was recorded). Unsure: False."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        pass  # it exists, owned by someone else
    began = _start_time(pid)
    if began is None:
        return False
    state, start = began
    return state == "Z" or start > started.timestamp() + 1.0


def _start_time(pid: int) -> tuple[str, float] | None:
    """(state, start time in epoch seconds) from Linux's /proc, or None elsewhere."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        boot = next(
            int(line.split()[1]) for line in Path("/proc/stat").read_text().splitlines() if line.startswith("btime ")
        )
        return fields[0], boot + int(fields[19]) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError, StopIteration):
        return None

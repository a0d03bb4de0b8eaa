"""CPU time spent by the processes a benchmark measures, read from /proc (Linux), so that a
figure holds whatever else the shared machine is doing: the server's CPU milliseconds per
request, and the ceiling they imply (cores x 1000 ms / ms per request).

    meter = CpuMeter(server_pid=1234, database="portal_bench_consultations", admin_url="postgres://…/postgres")
    before = meter.sample()
    ...                                  # the load
    spent = meter.sample().since(before)  # {"server_ms": …, "database_ms": …, …}

The server is a process and its descendants (gunicorn's master and workers); the database is
the PostgreSQL backends connected to one database (pg_stat_activity), asked through another
database so that asking costs the measured backends nothing. A backend that connects during the
load counts from zero; one that exits during it is lost, so run the server with persistent
connections (DB_CONN_MAX_AGE longer than the load). PostgreSQL's shared background processes
(WAL writer, checkpointer) are not counted.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

TICKS = os.sysconf("SC_CLK_TCK")


def cpu_ms(pid: int) -> float | None:
    """User + system CPU time of one process (all its threads), in ms; None if it is gone."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return None
    # after the command: state(0) ppid(1) ... utime(11) stime(12)
    return (int(fields[11]) + int(fields[12])) * 1000 / TICKS


def descendants(pid: int) -> list[int]:
    """`pid` and every process below it."""
    children: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", encoding="ascii") as stat:
                parent = int(stat.read().rsplit(")", 1)[1].split()[1])
        except (FileNotFoundError, ProcessLookupError, PermissionError, IndexError, ValueError):
            continue
        children.setdefault(parent, []).append(int(name))
    found, stack = [], [pid]
    while stack:
        current = stack.pop()
        found.append(current)
        stack.extend(children.get(current, []))
    return found


def load_average() -> tuple[float, float, float]:
    with open("/proc/loadavg", encoding="ascii") as loadavg:
        one, five, fifteen = loadavg.read().split()[:3]
    return float(one), float(five), float(fifteen)


@dataclass
class Sample:
    server: dict[int, float] = field(default_factory=dict)
    database: dict[int, float] = field(default_factory=dict)
    client_ms: float = 0.0
    load: tuple[float, float, float] = (0.0, 0.0, 0.0)

    def since(self, before: Sample) -> dict[str, float]:
        def spent(now: dict[int, float], then: dict[int, float]) -> float:
            return sum(ms - then.get(pid, 0.0) for pid, ms in now.items())

        return {
            "server_ms": round(spent(self.server, before.server), 1),
            "database_ms": round(spent(self.database, before.database), 1),
            "client_ms": round(self.client_ms - before.client_ms, 1),
            "server_processes": len(self.server),
            "database_backends": len(self.database),
        }


class CpuMeter:
    def __init__(self, server_pid: int | None, database: str = "", admin_url: str = "") -> None:
        self.server_pid = server_pid
        self.database = database
        self.admin_url = admin_url

    def _backends(self) -> list[int]:
        if not (self.database and self.admin_url):
            return []
        import psycopg

        with psycopg.connect(self.admin_url, autocommit=True, connect_timeout=10) as connection:
            rows = connection.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()", [self.database]
            ).fetchall()
        return [row[0] for row in rows]

    def sample(self) -> Sample:
        times = os.times()
        server = {}
        if self.server_pid:
            for pid in descendants(self.server_pid):
                ms = cpu_ms(pid)
                if ms is not None:
                    server[pid] = ms
        database = {}
        for pid in self._backends():
            ms = cpu_ms(pid)
            if ms is not None:
                database[pid] = ms
        return Sample(server, database, (times.user + times.system) * 1000, load_average())

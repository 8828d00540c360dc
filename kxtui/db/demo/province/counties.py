"""The counties' rows, made in a second process while the building one inserts them.

Making the rows is Python (~17 s of CPU at 1,000,000 volunteers) and inserting them mostly
SQLite (~10 s). In one process the two add up; here a child process makes county n + 1 while
the parent inserts county n, so on two cores the counties take about as long as the making
alone. The rows travel pickled through a pipe (a few seconds of CPU, shared by the two).

The child draws exactly what one process would: one `Province`, its RNG seeded once, the
counties and their phases in the same order. It is forked where the system can (Linux): the
modules are loaded already, and a script calling `build_province` needs no `__main__` guard,
as "spawn" (elsewhere) would. It is forked before the database is opened, touches nothing but
its pipe, and is stopped if the building process gives up.
"""

from __future__ import annotations

import gc
import io
import multiprocessing
import pickle
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess

from kxtui.db.demo.province import shandong as S
from kxtui.db.demo.province.activities import build_activities
from kxtui.db.demo.province.draw import IdNumbers, Names, Reading
from kxtui.db.demo.province.people import build_people, build_teams
from kxtui.db.demo.province.places import build_regions, build_venues
from kxtui.db.demo.province.state import County, Province, Rows

PHASES = (build_regions, build_venues, build_teams, build_people, build_activities)


@dataclass(frozen=True)
class CountyRows:
    """One county's rows, table by table in the order they go in."""

    name: str
    done: int  # counties before this one
    total: int
    rows: list[tuple[str, Rows]]


@dataclass(frozen=True)
class Made:
    """What the roster's tables and the summary need once every county is made."""

    counts: dict[str, int]
    givens: dict[str, Reading]  # `Names.givens`: given names read apart, for every county
    whole: dict[str, Reading]  # the names read whole, of every county


@dataclass(frozen=True)
class _Failed:
    traceback: str


class Child:
    """The process making the rows, seen from the building one."""

    def __init__(self, process: BaseProcess, receiving: Connection) -> None:
        self.process, self.receiving = process, receiving
        self.made: Made | None = None

    def counties(self) -> Iterator[CountyRows]:
        """Each county's rows as they come; then `made` is set."""
        while self.made is None:
            try:
                message = pickle.loads(self.receiving.recv_bytes())
            except EOFError:
                code = self.process.exitcode
                raise RuntimeError(f"province rows: the child process stopped ({code})") from None
            if isinstance(message, _Failed):
                raise RuntimeError(f"province rows: the child process failed\n{message.traceback}")
            if isinstance(message, Made):
                self.made = message
            else:
                yield message


@contextmanager
def made_elsewhere(seed: int, volunteers: int, counties: int | None) -> Iterator[Child]:
    """A child process making the counties' rows; stopped on the way out if still running."""
    forks = "fork" in multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork") if forks else multiprocessing.get_context("spawn")
    receiving, sending = context.Pipe(duplex=False)
    process = context.Process(target=_make, args=(seed, volunteers, counties, sending),
                              name="kxtui-province-rows", daemon=True)  # fmt: skip
    process.start()
    sending.close()  # the child's end: reading sees EOF if the child dies
    try:
        yield Child(process, receiving)
        process.join()
    finally:
        if process.is_alive():
            process.terminate()
            process.join()
        receiving.close()


def _make(seed: int, volunteers: int, count: int | None, connection: Connection) -> None:
    """The child: every county's rows, sent as each county is done."""
    gc.disable()  # millions of row tuples: no collector passes over them (no cycles to find)
    try:
        p = Province(seed)
        chosen = choose(p, volunteers, count)
        p.counts["counties"] = len(chosen)
        whole: dict[str, Reading] = {}
        for done, county in enumerate(chosen):
            county.names, county.id_numbers = Names(county.code), IdNumbers(county.code)
            for phase in PHASES:
                phase(p, county)
            _send(connection, CountyRows(county.name, done, len(chosen), p.take_rows()))
            whole.update(county.names.whole)
        _send(connection, Made(p.counts, Names.givens, whole))
    except BaseException:
        _send(connection, _Failed(traceback.format_exc()))
        raise
    finally:
        connection.close()


def _send(connection: Connection, message: CountyRows | Made | _Failed) -> None:
    """Pickled without a memo ("fast" mode): half the time of `Connection.send` for row
    tuples, which hold no cycles; a string in many rows is written out each time."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, pickle.HIGHEST_PROTOCOL)
    pickler.fast = True
    pickler.dump(message)
    connection.send_bytes(buffer.getbuffer())


def choose(p: Province, volunteers: int, count: int | None) -> list[County]:
    """The counties to build, in province order, with their shares of the volunteers.

    `count` takes that many of the province's counties, spread over its cities."""
    everything = [(city, area, code, name) for city, (area, divisions) in S.CITIES.items()
                  for code, name in divisions]  # fmt: skip
    if count is not None:
        step = len(everything) / max(1, min(count, len(everything)))
        everything = [everything[int(i * step)] for i in range(min(count, len(everything)))]
    weights = [p.rng.uniform(0.6, 1.4) for _ in everything]
    exact = [volunteers * w / sum(weights) for w in weights]
    shares = [int(x) for x in exact]
    by_remainder = sorted(range(len(exact)), key=lambda i: (shares[i] - exact[i], i))
    for i in by_remainder[: volunteers - sum(shares)]:
        shares[i] += 1
    return [County(order, code, city + name if name.endswith("区") else name, city, area, share)
            for order, ((city, area, code, name), share) in enumerate(
                zip(everything, shares, strict=True), 1)]  # fmt: skip

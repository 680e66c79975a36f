"""Triage and drafting of a large backlog in worker processes.

Triage and the template draft are pure Python and take about three quarters of a backfill's
time (bench/bench_ingest.py), so one process uses one core however many the machine has.
When the work queue holds at least `MIN_BACKLOG` items and the machine has more than one
core, the collecting process starts worker processes that triage and draft chunks of items,
while the parent keeps every database read and write: the results are the ones the parent
would compute itself, and nothing stored depends on which process computed it. A worker
that dies makes the batch fall back to the parent.

The workers are forked from a fork server (multiprocessing's "forkserver"), not spawned
each on its own: the server is a fresh single-threaded process (no lock or thread of the
collector is inherited, which forking the collector itself would risk), and it imports the
program and loads the model, the phrase banks and the language detector once
(`triage_server.py`) before it forks the workers, so they share those pages instead of each
loading its own copy (~160 MB a spawned worker). bench/bench_ingest.py reports the tree's
PSS, the honest measure of shared pages. The server is stopped with the pool. Where there
is no fork server (Windows, macOS' default), workers are spawned.
"""

from __future__ import annotations

import dataclasses
import logging
import multiprocessing
import os
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import forkserver, get_context
from typing import Any

log = logging.getLogger(__name__)

MIN_BACKLOG = 2_000  # below this, starting workers (about a second) costs more than it saves
MAX_WORKERS = 4
CHUNK = 100  # items per task: large enough to amortize the pickling, small enough to share

Job = tuple[int, dict[str, Any], bool]  # (item id, item row, may it get a draft)
Done = tuple[int, dict[str, Any] | None, dict[str, Any] | None, str | None]


def workers_for(backlog: int, cores: int | None = None, wanted: int | None = None) -> int:
    """How many worker processes a backlog of this size is worth (0: work in-process).
    `wanted` is the config's `storage.triage_workers` (None: one per core, up to 4)."""
    cores = os.cpu_count() or 1 if cores is None else cores
    if backlog < MIN_BACKLOG or wanted == 0 or (wanted is None and cores < 2):
        return 0
    return wanted if wanted is not None else min(MAX_WORKERS, cores)


def _use_fork_server() -> bool:
    """Whether workers come from the fork server (and it is set to preload the triage)."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return False
    # __main__ first, as the default preload: the workers then share it too
    forkserver.set_forkserver_preload(["__main__", "reviewwatch.triage_server"])
    return True


class Workers:
    """A pool of triage workers for one backlog; `close()` when the backlog is done."""

    def __init__(self, count: int, businesses: dict[str, Any], sources: dict[str, Any],
                 models: dict[str, tuple[dict[str, float], float, str]],
                 phrase_bank: Any):
        # Sources travel without their options: the workers need the kind and reply
        # limit, never a credential.
        slim = {name: dataclasses.replace(s, options={}) for name, s in sources.items()}
        self._forked = _use_fork_server()
        self._pool = ProcessPoolExecutor(
            max_workers=count, mp_context=get_context("forkserver" if self._forked else "spawn"),
            initializer=_start, initargs=(businesses, slim, models, phrase_bank))
        self.broken = False
        # The fork server takes about a second to import the program and load the model;
        # started on its own thread, the collecting process goes on saving meanwhile
        # instead of waiting in its first submit (`ready` says when the wait is over).
        self._starting: threading.Thread | None = None
        if self._forked:
            self._starting = threading.Thread(target=forkserver.ensure_running,
                                              name="rw-forkserver-start", daemon=True)
            self._starting.start()

    def ready(self) -> bool:
        """Whether a submit would go out without waiting for the fork server to start."""
        return self._starting is None or not self._starting.is_alive()

    def submit(self, jobs: list[Job]) -> list[Future]:
        """The jobs, in chunks, handed to the workers."""
        return [self._pool.submit(_run, jobs[k:k + CHUNK]) for k in range(0, len(jobs), CHUNK)]

    def results(self, futures: list[Future]) -> list[Done] | None:
        """The results of submitted jobs, in order; None if a worker died."""
        out: list[Done] = []
        try:
            for future in futures:
                out.extend(future.result())
        except BrokenProcessPool:
            log.warning("a triage worker process died; the parent takes over the backlog")
            self.broken = True
            return None
        return out

    def close(self) -> None:
        """Stop the workers, and the fork server: it holds the model, and a scheduler would
        otherwise keep it between backlogs."""
        self._pool.shutdown(wait=True, cancel_futures=True)
        if self._starting is not None:
            self._starting.join()  # a server still starting is stopped once it has started
        stop = getattr(forkserver._forkserver, "_stop", None)  # noqa: SLF001 (no public stop)
        if self._forked and stop is not None:
            stop()


_state: dict[str, Any] = {}


def _start(businesses: dict[str, Any], sources: dict[str, Any],
           models: dict[str, tuple[dict[str, float], float, str]], phrase_bank: Any) -> None:
    from reviewwatch.triage import model as linear
    from reviewwatch.triage import triage

    base = linear.load()
    _state.update(businesses=businesses, sources=sources, phrase_bank=phrase_bank,
                  models={bid: base.adapted(delta, bias, name)
                          for bid, (delta, bias, name) in models.items()})
    triage("A first text, so the model and the language detector are loaded.")


def _run(jobs: list[Job]) -> list[Done]:
    from reviewwatch.pipeline import triage_and_draft

    out: list[Done] = []
    for item_id, row, may_draft in jobs:
        business = _state["businesses"].get(row["business_id"])
        try:
            result, draft = triage_and_draft(
                row, business, _state["sources"].get(row["source"]),
                _state["models"].get(row["business_id"]), may_draft, _state["phrase_bank"])
        except Exception as e:  # one item that breaks triage must not stop the others
            out.append((item_id, None, None, f"{type(e).__name__}: {e}"))
            continue
        out.append((item_id, result, draft, None))
    return out

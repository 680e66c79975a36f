"""Concurrent collection vs fetching sources one by one, in the same run.

A local asyncio HTTP server plays 200 App Store feeds; it answers each request after
200 ms. The benchmark polls all 200 sources with the pipeline (one shared client, all
sources at once) and, as the baseline, fetches the same sources one after another. Then it
re-polls the unchanged sources and counts the rows written (the target is 0).

    .venv/bin/python bench/bench_collect.py [--sources 200] [--delay 0.2]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reviewwatch import config as cfg  # noqa: E402
from reviewwatch import db as store  # noqa: E402
from reviewwatch import pipeline  # noqa: E402
from reviewwatch.http import make_client  # noqa: E402
from reviewwatch.pipeline import fetch_source  # noqa: E402

ENTRIES = 5
HOSTS = 40


def feed(app_id: str) -> bytes:
    entries = [{"id": {"label": f"{app_id}{i}"}, "im:rating": {"label": str(1 + i % 5)},
                "author": {"name": {"label": f"user{i}"}}, "title": {"label": f"Review {i}"},
                "content": {"label": f"Review {i} of app {app_id}: it crashes sometimes."},
                "updated": {"label": "2026-11-20T10:00:00-07:00"}} for i in range(ENTRIES)]
    last = "https://itunes.apple.com/us/rss/customerreviews/page=1/id=1/sortby=mostrecent/json"
    return json.dumps({"feed": {"entry": entries, "link": [
        {"attributes": {"rel": "last", "href": last}}]}}).encode()


async def serve(delay: float) -> tuple[list[asyncio.AbstractServer], int]:
    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                path = head.split(b" ", 2)[1].decode()
                app_id = path.split("/id=", 1)[1].split("/", 1)[0]
                await asyncio.sleep(delay)
                body = feed(app_id)
                writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                             b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionResetError, asyncio.CancelledError):
            pass
        finally:
            writer.close()

    # One loopback address per few sources, as real sources sit on many hosts: the
    # client's per-host limit applies per address, just as it would per platform.
    first = await asyncio.start_server(handle, "127.0.0.1", 0, backlog=1024)
    port = first.sockets[0].getsockname()[1]
    others = await asyncio.start_server(handle, [f"127.0.0.{i}" for i in range(2, HOSTS + 1)],
                                        port, backlog=1024)
    return [first, others], port


def settings_for(port: int, n: int, db_path: Path) -> cfg.Settings:
    return cfg.from_dict({"storage": {"path": str(db_path)}, "businesses": [{
        "id": "bench", "name": "Bench", "sources": [
            {"name": f"app{i}", "kind": "appstore", "app_id": str(100000 + i),
             "base_url": f"http://127.0.0.{1 + i % HOSTS}:{port}", "backfill_pages": 1}
            for i in range(n)]}]}, environ={})


def rows_written(db) -> int:
    return db.execute("SELECT (SELECT count(*) FROM items) + (SELECT count(*) FROM "
                      "item_versions) + (SELECT count(*) FROM triage) + "
                      "(SELECT count(*) FROM drafts)").fetchone()[0]


async def main(n: int, delay: float) -> None:
    servers, port = await serve(delay)
    with tempfile.TemporaryDirectory() as tmp:
        settings = settings_for(port, n, Path(tmp) / "bench.db")
        db = store.open_database(settings.storage_path)
        store.sync_config(db, settings)
        limit = asyncio.Semaphore(pipeline.MAX_CONCURRENT_SOURCES)

        async def poll(client, source):
            async with limit:
                return await pipeline.poll_source(db, settings, client, source)

        async with make_client(settings.user_agent) as client:
            started = time.perf_counter()
            results = await asyncio.gather(*(poll(client, s) for s in settings.sources))
            concurrent = time.perf_counter() - started
        failed = [r for r in results if r.error]
        new = sum(r.new for r in results)
        print(f"{n} sources, each answering after {delay * 1000:.0f} ms")
        print(f"concurrent poll (pipeline.poll_source for all, one client): {concurrent:.2f} s,"
              f" {new} new items saved, {len(failed)} failed"
              + (f" (first: {failed[0].error})" if failed else ""))
        started = time.perf_counter()
        pipeline.process_items(db, settings, [i for r in results for i in r.new_ids], [])
        print(f"then triage and drafts for those {new} items: "
              f"{time.perf_counter() - started:.2f} s")

        if n <= 300:  # the one-by-one baseline takes n * delay seconds
            async with make_client(settings.user_agent) as client:
                started = time.perf_counter()
                for source in settings.sources:
                    await fetch_source(client, source, store.load_state(db, source.name))
                sequential = time.perf_counter() - started
            print(f"sequential fetch, one source after another: {sequential:.2f} s")
            print(f"speed-up: {sequential / concurrent:.1f}x (target: at least 20x)")

        before = rows_written(db)
        runs = db.execute("SELECT count(*) FROM runs").fetchone()[0]
        started = time.perf_counter()
        again = await pipeline.run_cycle(db, settings, deliver=False)
        elapsed = time.perf_counter() - started
        item_rows = rows_written(db) - before
        runs = db.execute("SELECT count(*) FROM runs").fetchone()[0] - runs
        # The saves run on the writer thread's own connection, so the rows are counted, not
        # read from this connection's total_changes.
        print(f"re-poll of {n} unchanged sources in {elapsed:.2f} s: {again.new} new, "
              f"{again.edited} edited, {item_rows} item/triage/draft rows written, "
              f"{runs} runs rows, one source row per source")

        # `reviewwatch run` polls each source in its own job: one run_cycle per source, all
        # due at once after a start, sharing one client (and one writer thread).
        async with make_client(settings.user_agent) as client:
            started = time.perf_counter()
            await asyncio.gather(*(pipeline.run_cycle(db, settings, names=[s.name],
                                                      client=client, deliver=True)
                                   for s in settings.sources))
            elapsed = time.perf_counter() - started
        print(f"scheduler-style re-poll (one run_cycle job per source, all due at once): "
              f"{elapsed:.2f} s for {n} sources")
    for server in servers:
        server.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sources", type=int, default=200)
    parser.add_argument("--delay", type=float, default=0.2)
    args = parser.parse_args()
    asyncio.run(main(args.sources, args.delay))

"""`/metrics`: the numbers an operator watches, in Prometheus' text format.

Everything is read from the database at scrape time, so the figures are the same whichever
process (`run`, `serve`, a cron `collect`) did the work. Every name has the `reviewwatch_`
prefix. Counters (`_total`) only grow because the rows they count are never deleted.
Format: https://prometheus.io/docs/instrumenting/exposition_formats/
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlite_utils import Database

ALERT_KINDS = ("slack_alert", "source_unhealthy", "source_recovered")
CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"


def _label(value: object) -> str:
    return str(value).replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')


def _family(name: str, kind: str, help_text: str,
            samples: Iterable[tuple[dict[str, object], float]]) -> list[str]:
    lines = [f"# HELP reviewwatch_{name} {help_text}", f"# TYPE reviewwatch_{name} {kind}"]
    for labels, value in samples:
        inner = ",".join(f'{k}="{_label(v)}"' for k, v in labels.items())
        lines.append(f"reviewwatch_{name}{{{inner}}} {value:g}" if inner else
                     f"reviewwatch_{name} {value:g}")
    return lines


def _grouped(db: Database, sql: str, key: str) -> list[tuple[dict[str, object], float]]:
    return [({key: r[key]}, r["n"]) for r in db.query(sql)]


def render(db: Database) -> str:
    """The exposition text for this database."""
    out: list[str] = []
    # Totals in the counter families, so a fresh install already lists each source and kind.
    out += _family("items_collected_total", "counter", "Items stored, per source.", _grouped(
        db, "SELECT s.name AS source, (SELECT count(*) FROM items i WHERE i.source = s.name) "
            "AS n FROM sources s ORDER BY s.name", "source"))
    sent = {r["kind"]: r["n"] for r in db.query(
        "SELECT kind, count(*) AS n FROM outbox WHERE status = 'sent' GROUP BY kind")}
    out += _family("alerts_sent_total", "counter", "Alerts delivered (Slack or e-mail), per "
                   "kind.", [({"kind": k}, sent.get(k, 0)) for k in ALERT_KINDS])
    out += _family("digests_sent_total", "counter", "Daily digests delivered.",
                   [({}, sent.get("digest", 0))])
    out += _family("outbox_backlog", "gauge", "Outbox messages waiting to be delivered, per "
                   "kind.", _grouped(db, "SELECT kind, count(*) AS n FROM outbox WHERE "
                                         "status = 'pending' GROUP BY kind ORDER BY kind",
                                     "kind"))
    out += _family("outbox_failed", "gauge", "Outbox messages given up on, per kind.",
                   _grouped(db, "SELECT kind, count(*) AS n FROM outbox WHERE status = "
                                "'failed' GROUP BY kind ORDER BY kind", "kind"))
    sources = list(db.query("SELECT name, consecutive_failures, unhealthy FROM sources "
                            "ORDER BY name"))
    out += _family("source_failures_total", "counter", "Failed polls, per source.", _grouped(
        db, "SELECT s.name AS source, (SELECT count(*) FROM runs r WHERE r.source = s.name "
            "AND r.error IS NOT NULL) AS n FROM sources s ORDER BY s.name", "source"))
    out += _family("source_consecutive_failures", "gauge", "Failed polls in a row, per "
                   "source.", [({"source": s["name"]}, s["consecutive_failures"])
                               for s in sources])
    out += _family("source_unhealthy", "gauge", "1 when a source has failed enough polls in "
                   "a row to alert.", [({"source": s["name"]}, s["unhealthy"])
                                       for s in sources])
    statuses = {r["status"]: r["n"] for r in db.query(
        "SELECT status, count(*) AS n FROM drafts GROUP BY status")}
    out += _family("draft_queue_size", "gauge", "Drafts waiting for a person's decision.",
                   [({}, statuses.get("pending", 0))])
    out += _family("drafts", "gauge", "Drafts, per status.",
                   [({"status": k}, statuses.get(k, 0)) for k in
                    ("pending", "approved", "posted", "rejected", "failed")])
    return "\n".join(out) + "\n"

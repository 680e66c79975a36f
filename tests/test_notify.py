"""Slack alerts to a real receiver on loopback, e-mail to a real aiosmtpd server, the digest,
and outbox delivery: sent once, retried, held in quiet hours, failed for good."""

from __future__ import annotations

import asyncio
import json
import re
import socket
import threading
from datetime import UTC, date, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from reviewwatch import db as store
from reviewwatch.notify import slack
from reviewwatch.notify.digest import build_digest, enqueue_due_digests
from reviewwatch.notify.outbox import deliver
from tests.webutil import EVIL_AUTHOR, SEED_NOW, make_settings, seed


class Receiver:
    """A Slack webhook stand-in: records bodies, answers with the queued statuses."""

    def __init__(self):
        self.bodies: list[dict] = []
        self.answers: list[tuple[int, str, dict]] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.bodies.append(json.loads(body))
                status, text, headers = receiver.answers.pop(0) if receiver.answers else \
                    (200, "ok", {})
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(text)))
                self.end_headers()
                self.wfile.write(text.encode())

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/services/T/B/secret"

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def receiver():
    r = Receiver()
    yield r
    r.close()


def run_delivery(db, settings, now=None):
    async def go():
        async with httpx.AsyncClient() as client:
            return await deliver(db, settings, client, now=now)
    return asyncio.run(go())


def test_escape_mrkdwn_neutralizes_mentions_and_links():
    text = slack.escape_mrkdwn("<!channel> <@U123> <http://evil|click> @here & @everyone")
    assert "<" not in text and ">" not in text
    assert "&lt;!channel&gt;" in text and "&amp;" in text
    assert "@here" not in text and "@everyone" not in text
    assert len(slack.escape_mrkdwn("x" * 10_000)) <= slack.SECTION_LIMIT


def test_alert_is_sent_once_escaped_with_a_link(tmp_path, receiver):
    settings = make_settings(tmp_path, slack_webhook_url=receiver.url)
    db, drafts = seed(settings)
    queued = db.execute("SELECT count(*) FROM outbox WHERE kind='slack_alert'").fetchone()[0]
    assert queued == 2  # the two negative reviews
    assert run_delivery(db, settings, now=SEED_NOW) == {"sent": 2, "failed": 0, "retrying": 0}
    assert run_delivery(db, settings, now=SEED_NOW)["sent"] == 0
    raw = json.dumps(receiver.bodies, ensure_ascii=False)
    assert "<!channel>" not in raw and EVIL_AUTHOR not in raw
    assert "http://rw.test/drafts/" in raw
    assert "★☆☆☆☆" in raw
    assert all(m["text"] for m in receiver.bodies)


def test_slack_failure_is_retried_then_permanent_errors_stop(tmp_path, receiver):
    settings = make_settings(tmp_path, slack_webhook_url=receiver.url)
    db, _ = seed(settings)
    receiver.answers = [(500, "oops", {}), (429, "slow down", {"Retry-After": "1"})]
    first = run_delivery(db, settings, now=SEED_NOW)
    assert first == {"sent": 0, "failed": 0, "retrying": 2}
    rows = list(db.query("SELECT * FROM outbox WHERE kind='slack_alert'"))
    assert all(r["attempts"] == 1 and r["status"] == "pending" for r in rows)
    assert all("secret" not in (r["last_error"] or "") for r in rows)
    receiver.answers = [(404, "no_service", {})] * 2
    later = SEED_NOW + timedelta(days=1)
    assert run_delivery(db, settings, now=later)["failed"] == 2


def test_quiet_hours_hold_non_urgent_alerts(tmp_path, receiver):
    settings = make_settings(tmp_path, slack_webhook_url=receiver.url, quiet_hours="22:00-07:00")
    db, _ = seed(settings)
    night = SEED_NOW.replace(hour=23, minute=30)
    assert run_delivery(db, settings, now=night) == {"sent": 0, "failed": 0, "retrying": 2}
    held = {r["next_attempt_at"] for r in db.query("SELECT * FROM outbox")}
    morning = (SEED_NOW + timedelta(days=1)).replace(hour=7)
    assert held == {store.utcnow_of(morning)}
    assert run_delivery(db, settings, now=morning - timedelta(minutes=1))["sent"] == 0
    morning += timedelta(minutes=1)
    assert run_delivery(db, settings, now=morning)["sent"] == 2


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_server():
    from aiosmtpd.controller import Controller

    class Collect:
        def __init__(self):
            self.messages = []

        async def handle_DATA(self, server, session, envelope):  # noqa: N802
            self.messages.append(envelope)
            return "250 OK"

    handler = Collect()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, handler
    controller.stop()


def test_digest_is_emailed_through_real_smtp(tmp_path, smtp_server):
    controller, handler = smtp_server
    settings = make_settings(tmp_path)
    settings.smtp.host, settings.smtp.port, settings.smtp.starttls = "127.0.0.1", \
        controller.port, False
    settings.digest.to = ["owner@bluedoor.example"]
    db, _ = seed(settings)
    store.enqueue(db, "digest", "digest:bistro:today",
                  {"business_id": "bistro", "date": SEED_NOW.date().isoformat()}, "bistro",
                  now=SEED_NOW)
    assert run_delivery(db, settings, now=SEED_NOW)["sent"] >= 1
    (envelope,) = handler.messages
    assert envelope.rcpt_tos == ["owner@bluedoor.example"]
    from email import message_from_bytes
    from email.policy import default

    message = message_from_bytes(envelope.content, policy=default)
    assert "Blue Door Bistro" in message["Subject"]
    html = message.get_body(("html",)).get_content()
    text = message.get_body(("plain",)).get_content()
    assert "&lt;script&gt;alert(1)" in html and "<script>alert(1)" not in html
    assert "charged twice" in text


def test_digest_sections_and_escaping(tmp_path):
    settings = make_settings(tmp_path)
    db, _ = seed(settings)
    digest = build_digest(db, settings, "bistro", SEED_NOW.date())
    assert digest.counts["new"] == 3 and digest.counts["negative"] == 2
    assert "Needs a reply" in digest.html and "Diagnose" in digest.html
    assert "Billing" in digest.html and "&lt;script&gt;" in digest.html
    assert "<script>" not in digest.html
    assert "charged twice" in digest.text
    empty = build_digest(db, settings, "bistro", date(2020, 1, 1))
    assert "nothing new" in empty.subject


def _needs_reply_section(html: str) -> str:
    start = html.index("Needs a reply")
    end = html.find("<h2", start)
    return html[start:end if end != -1 else len(html)]


def test_digest_lists_only_pending_drafts_under_needs_a_reply(tmp_path):
    from reviewwatch import queue

    settings = make_settings(tmp_path)
    db, drafts = seed(settings)
    evil, sam, _ = drafts
    section = _needs_reply_section(build_digest(db, settings, "bistro", SEED_NOW.date()).html)
    assert f"/drafts/{evil}" in section and f"/drafts/{sam}" in section
    queue.reject(db, evil, "maria", "spam")
    db.execute("UPDATE drafts SET status = 'approved' WHERE id = ?", [sam])
    digest = build_digest(db, settings, "bistro", SEED_NOW.date())
    assert "Needs a reply" not in digest.html and "NEEDS A REPLY" not in digest.text
    assert digest.counts["negative"] == 2  # still counted as negative, no longer listed
    db.execute("UPDATE drafts SET status = 'pending' WHERE id = ?", [sam])
    section = _needs_reply_section(build_digest(db, settings, "bistro", SEED_NOW.date()).html)
    assert f"/drafts/{sam}" in section and f"/drafts/{evil}" not in section


def test_digest_names_aspects_for_people_and_links_to_public_url(tmp_path):
    settings = make_settings(tmp_path)
    db, drafts = seed(settings)
    digest = build_digest(db, settings, "bistro", SEED_NOW.date())
    for raw in ("wait_time", "price_value"):
        assert raw not in digest.html and raw not in digest.text
    assert "Billing" in digest.html and "Billing" in digest.text
    links = re.findall(r'href="([^"]+)"', digest.html)
    assert links and all(link.startswith("http://rw.test/") for link in links)
    assert "http://rw.test/drafts" in links


def test_slack_alert_names_aspects_for_people(tmp_path):
    from reviewwatch.notify.slack import build_alert

    payload = json.dumps(build_alert({"source": "s", "author": "a", "text": "t",
                                      "rating": 1, "rating_max": 5, "url": None},
                                     {"label": "negative", "priority": "high",
                                      "aspects": ["food_quality"], "evidence": []},
                                     None, "Blue Door Bistro", "http://rw.test/drafts/1"))
    assert "Food quality" in payload and "food_quality" not in payload


def test_digests_are_queued_once_a_day_after_send_time(tmp_path):
    settings = make_settings(tmp_path)
    settings.smtp.host = "127.0.0.1"
    settings.digest.to = ["owner@bluedoor.example"]
    db, _ = seed(settings)
    early = datetime(2026, 11, 22, 7, 0, tzinfo=UTC)
    assert enqueue_due_digests(db, settings, early) == 0
    late = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
    assert enqueue_due_digests(db, settings, late) == 1
    assert enqueue_due_digests(db, settings, late) == 0

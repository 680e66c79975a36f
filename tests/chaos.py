"""A loopback "chaos" HTTP server in front of sample App Store feeds, and a Slack receiver.

The feeds are the App Store customer-reviews RSS, JSON flavour
(`/{cc}/rss/customerreviews/page=N/id=APP/sortby=mostrecent/json`, as documented by the
feed's own `link` entries and the capture in ../shared/fixtures/apple_app_store_rss).
Each request may meet a fault, drawn from a seeded generator so a run is repeatable:
latency, a connection reset, HTTP 500/502/503, 429 with and without Retry-After, a
truncated body (Content-Length promises more than is sent), a malformed JSON body, an
HTML error page with status 200, and a body that drips in slowly.

Slack incoming webhooks answer 200 "ok" (https://api.slack.com/messaging/webhooks); the
receiver records every message, and can be switched into an outage (HTTP 503).
"""

from __future__ import annotations

import json
import random
import re
import socket
import struct
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

FAULTS = ("latency", "reset", "500", "502", "503", "429", "429-retry-after", "429-long",
          "truncated", "malformed", "html", "drip")
RETRIED = ("reset", "500", "502", "503", "429", "429-retry-after")  # the client retries these
LONG_RETRY_AFTER = 1800  # over the client's cap: the source is held, not retried in the poll
HTML_PAGE = (b"<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>"
             b"<h1>Bad Gateway</h1><p>The upstream server is unavailable.</p></body></html>")


class QuietServer(ThreadingHTTPServer):
    """A client that was killed mid-request resets its connection: that is the test."""

    def handle_error(self, request, client_address) -> None:
        pass


class ChaosServer:
    """App Store feeds for apps 1..n behind a fault injector."""

    def __init__(self, apps: int, fault_rate: float = 0.5, seed: int = 13):
        self.reviews: dict[str, list[dict]] = {str(a): [] for a in range(1, apps + 1)}
        self.rng = random.Random(seed)
        self.fault_rate = fault_rate
        self.met: dict[str, int] = {f: 0 for f in FAULTS}
        self.lock = threading.Lock()
        self.next_id = 1
        self.burst_fault, self.burst_left = "", 0
        self.replies: dict[str, int] = {}  # review id -> replies posted to it
        self.responses: dict[str, dict] = {}  # review id -> its customerReviewResponses record
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):  # noqa: N802
                outer.handle(self)

            def do_POST(self):  # noqa: N802
                outer.reply(self)

            def log_message(self, *args):
                pass

        self.httpd = QuietServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> ChaosServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def publish(self, app: str, rating: int, text: str, when: str) -> str:
        """A new review at the top of an app's feed; returns its id."""
        with self.lock:
            review_id = str(self.next_id)
            self.next_id += 1
            self.reviews[app].insert(0, {
                "id": {"label": review_id}, "im:rating": {"label": str(rating)},
                "author": {"name": {"label": f"reviewer {review_id}"}},
                "title": {"label": f"Review {review_id}"}, "content": {"label": text},
                "updated": {"label": when}})
            return review_id

    def body_for(self, path: str) -> bytes:
        if "/customerReviews" in path:
            return self.connect_body(path.split("/v1/apps/", 1)[1].split("/", 1)[0])
        app = path.split("/id=", 1)[1].split("/", 1)[0]
        last = f"https://itunes.apple.com/us/rss/customerreviews/page=1/id={app}/json"
        with self.lock:
            entries = list(self.reviews.get(app, []))[:50]
        return json.dumps({"feed": {"entry": entries, "link": [
            {"attributes": {"rel": "last", "href": last}}]}}).encode()

    def handle(self, h: BaseHTTPRequestHandler) -> None:
        with self.lock:
            fault = self.rng.choice(FAULTS) if self.rng.random() < self.fault_rate else None
            if self.burst_left and self.fault_rate:
                fault, self.burst_left = self.burst_fault, self.burst_left - 1
            elif fault in RETRIED and self.rng.random() < 0.4:
                # an outage of that kind: it outlasts the client's retries within one poll
                self.burst_fault, self.burst_left = fault, 4
            if fault:
                self.met[fault] += 1
        body = self.body_for(h.path)
        if fault == "latency":
            time.sleep(0.02)
        elif fault == "reset":
            h.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            h.close_connection = True
            h.connection.close()
            return
        elif fault in ("500", "502", "503"):
            return self.send(h, int(fault), b"server error", "text/plain")
        elif fault == "429":
            return self.send(h, 429, b"slow down", "text/plain")
        elif fault == "429-retry-after":
            return self.send(h, 429, b"slow down", "text/plain", {"Retry-After": "1"})
        elif fault == "429-long":
            return self.send(h, 429, b"slow down", "text/plain",
                             {"Retry-After": str(LONG_RETRY_AFTER)})
        elif fault == "truncated":
            h.send_response(200)
            h.send_header("Content-Type", "application/json")
            h.send_header("Content-Length", str(len(body)))
            h.end_headers()
            h.wfile.write(body[: len(body) // 2])
            h.wfile.flush()
            h.close_connection = True
            return
        elif fault == "malformed":
            return self.send(h, 200, body[: max(1, len(body) - 7)] + b",,}", "application/json")
        elif fault == "html":
            return self.send(h, 200, HTML_PAGE, "text/html")
        elif fault == "drip":
            h.send_response(200)
            h.send_header("Content-Type", "application/json")
            h.send_header("Content-Length", str(len(body)))
            h.end_headers()
            for i in range(0, len(body), max(1, len(body) // 8)):
                h.wfile.write(body[i:i + max(1, len(body) // 8)])
                h.wfile.flush()
                time.sleep(0.003)
            return
        self.send(h, 200, body, "application/json")

    def connect_body(self, app: str) -> bytes:
        """The same reviews as App Store Connect's `GET /v1/apps/{id}/customerReviews`.

        https://developer.apple.com/documentation/appstoreconnectapi/get-v1-apps-_id_-customerreviews
        """
        with self.lock:
            entries = list(self.reviews.get(app, []))[:200]
            responses = dict(self.responses)
        data, included = [], []
        for e in entries:
            review_id = e["id"]["label"]
            review = {"type": "customerReviews", "id": review_id, "attributes": {
                "rating": int(e["im:rating"]["label"]), "title": e["title"]["label"],
                "body": e["content"]["label"], "reviewerNickname": e["author"]["name"]["label"],
                "createdDate": e["updated"]["label"], "territory": "USA"}}
            # include=response: a replied review links its customerReviewResponses record,
            # which comes in `included`, as the real API shows the developer's reply
            if review_id in responses:
                review["relationships"] = {"response": {"data": {
                    "type": "customerReviewResponses", "id": f"r{review_id}"}}}
                included.append(responses[review_id])
            data.append(review)
        return json.dumps({"data": data, "included": included,
                           "links": {"self": "/v1/apps/" + app}}).encode()

    def reply(self, h: BaseHTTPRequestHandler) -> None:
        """App Store Connect `POST /v1/customerReviewResponses`: record it, answer 201.

        https://developer.apple.com/documentation/appstoreconnectapi/post-v1-customerreviewresponses
        """
        body = json.loads(h.rfile.read(int(h.headers.get("Content-Length") or 0)))
        review_id = body["data"]["relationships"]["review"]["data"]["id"]
        with self.lock:
            written = next((e["updated"]["label"] for reviews in self.reviews.values()
                            for e in reviews if e["id"]["label"] == review_id), None)
        # dated from the review, not the wall clock: the tests run on a fake clock
        record = {"type": "customerReviewResponses", "id": f"r{review_id}", "attributes": {
            **body["data"]["attributes"], "state": "PENDING_PUBLISH",
            "lastModifiedDate": written}}
        with self.lock:
            self.replies.setdefault(review_id, 0)
            self.replies[review_id] += 1
            self.responses[review_id] = record
        answer = json.dumps({"data": record}).encode()
        self.send(h, 201, answer, "application/json")

    @staticmethod
    def send(h: BaseHTTPRequestHandler, status: int, body: bytes, ctype: str,
             headers: dict[str, str] | None = None) -> None:
        h.send_response(status)
        h.send_header("Content-Type", ctype)
        h.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            h.send_header(k, v)
        h.end_headers()
        h.wfile.write(body)


class SlackReceiver:
    """An incoming-webhook stand-in: records messages; `down` answers 503 (an outage)."""

    def __init__(self):
        self.messages: list[dict] = []
        self.down = False
        self.refused = 0
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if outer.down:
                    outer.refused += 1
                    self.send_response(503)
                    self.end_headers()
                    return
                outer.messages.append(json.loads(body))
                self.send_response(200)
                self.send_header("Content-Type", "text/plain")
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *args):
                pass

        self.httpd = QuietServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/services/T0/B0/x"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> SlackReceiver:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def links(self) -> list[tuple[str, int]]:
        """(drafts or items, id) of the link each alert carries, one per message."""
        out = []
        for m in self.messages:
            found = re.search(r"/(drafts|items)/(\d+)", json.dumps(m))
            if found:
                out.append((found[1], int(found[2])))
        return out


class SmtpSink:
    """A real SMTP server (aiosmtpd) that refuses mail with 451 while `refuse` is set."""

    def __init__(self, refuse: bool = False):
        from aiosmtpd.controller import Controller

        self.refuse = refuse
        self.refused = 0
        self.messages: list = []
        outer = self

        class Handle:
            async def handle_DATA(self, server, session, envelope):  # noqa: N802
                if outer.refuse:
                    outer.refused += 1
                    return "451 4.3.0 Mail server temporarily rejected message"
                outer.messages.append(envelope)
                return "250 OK"

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.controller = Controller(Handle(), hostname="127.0.0.1", port=self.port)

    def __enter__(self) -> SmtpSink:
        self.controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self.controller.stop()

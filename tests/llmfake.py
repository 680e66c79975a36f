"""A fake OpenAI-compatible chat server on loopback, for the LLM drafting tests.

The response and error shapes follow the documented API that Ollama and llama.cpp's server
both copy:
- https://platform.openai.com/docs/api-reference/chat/create (the chat.completion object)
- https://platform.openai.com/docs/guides/error-codes (the {"error": {...}} body, 429, 5xx)
- https://github.com/ollama/ollama/blob/main/docs/openai.md (Ollama's /v1/chat/completions)
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

GOOD = {"moves": [
    {"move": "hear", "text": "You waited 45 minutes for your food, and nobody came back to "
                             "check on your table."},
    {"move": "empathize", "text": "That is far too long to sit without a word from us,"},
    {"move": "apologize", "text": "and I'm sorry we let your evening go that way."},
    {"move": "resolve", "text": "Please email maria@bluedoor.example with the date and time "
                                "and I'll look into what held the kitchen up that night."},
    {"move": "diagnose", "text": "I've passed this to our floor team today."},
]}


def completion(content: str, model: str = "tiny") -> dict:
    """A chat.completion object as the API reference shows it."""
    return {"id": "chatcmpl-1", "object": "chat.completion", "created": 1700000000,
            "model": model,
            "choices": [{"index": 0, "finish_reason": "stop",
                         "message": {"role": "assistant", "content": content}}],
            "usage": {"prompt_tokens": 500, "completion_tokens": 120, "total_tokens": 620}}


class FakeModel:
    """Answers POST /v1/chat/completions with `answer` (a dict is sent as JSON content).

    `status` != 200 sends an error body; `raw` replaces the whole response body; `hold`
    makes each request wait until the test sets it (`received` is set when one arrives)."""

    def __init__(self) -> None:
        self.answer: object = GOOD
        self.status = 200
        self.raw: bytes | None = None
        self.requests: list[dict] = []
        self.headers: list[dict] = []
        self.hold: threading.Event | None = None
        self.received = threading.Event()
        model = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                body = self.rfile.read(int(self.headers["Content-Length"]))
                model.requests.append(json.loads(body))
                model.headers.append(dict(self.headers))
                model.received.set()
                if model.hold is not None:
                    model.hold.wait()
                if model.raw is not None:
                    out = model.raw
                elif model.status != 200:
                    out = json.dumps({"error": {
                        "message": "The server had an error while processing your request. "
                                   f"(auth was {self.headers.get('Authorization')})",
                        "type": "server_error", "param": None, "code": None}}).encode()
                else:
                    content = model.answer if isinstance(model.answer, str) else \
                        json.dumps(model.answer)
                    out = json.dumps(completion(content)).encode()
                try:
                    self.send_response(model.status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(out)))
                    self.end_headers()
                    self.wfile.write(out)
                except (BrokenPipeError, ConnectionResetError):  # the client timed out
                    pass

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05},
                         daemon=True).start()

    def stop(self) -> None:
        if self.hold is not None:
            self.hold.set()
        self.httpd.shutdown()
        self.httpd.server_close()

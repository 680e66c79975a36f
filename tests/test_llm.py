"""LLM drafting against a local server that speaks the OpenAI chat-completions API."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from responders.llm import compose_with_llm
from reviewwatch.config import Business, LlmSettings

GOOD = {"hear": "Thank you for telling us about waiting 45 minutes for your food.",
        "empathize": "That much of your evening should never go on waiting,",
        "apologize": "and I'm sorry we kept you.",
        "resolve": "Please email maria@bluedoor.example with the date and I'll look into what "
                   "held the kitchen up.",
        "diagnose": "I've passed this to our kitchen team today."}
BIZ = Business(id="b", name="Blue Door", signature="Maria Lopez, GM",
               contact="maria@bluedoor.example")
ITEM = {"text": "We waited 45 minutes for our food.", "author": "Sam", "external_id": "1",
        "kind": "review"}
TRIAGE = {"label": "negative", "score": -0.7, "vader": 0.0, "aspects": ["wait_time"],
          "evidence": ["waited 45 minutes"], "language": "en", "needs_reply": True,
          "needs_human": False, "priority": "high"}


class Model:
    def __init__(self):
        self.answer: object = GOOD
        self.status = 200
        self.requests: list[dict] = []
        model = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                model.requests.append(json.loads(self.rfile.read(
                    int(self.headers["Content-Length"]))))
                content = model.answer if isinstance(model.answer, str) else \
                    "```json\n" + json.dumps(model.answer) + "\n```"
                body = json.dumps({"choices": [{"message": {"role": "assistant",
                                                            "content": content}}]}).encode()
                self.send_response(model.status)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.settings = LlmSettings(endpoint=f"http://127.0.0.1:{self.httpd.server_address[1]}/v1",
                                    model="tiny", timeout=5)


@pytest.fixture
def model():
    m = Model()
    yield m
    m.httpd.shutdown()
    m.httpd.server_close()


def test_good_model_answer_becomes_a_linted_draft(model):
    draft = compose_with_llm(ITEM, TRIAGE, BIZ, model.settings)
    assert draft["generator"] == "llm" and draft["lint"] == []
    assert [p["move"] for p in draft["parts"]][:5] == \
        ["hear", "empathize", "apologize", "resolve", "diagnose"]
    request = model.requests[0]
    assert request["model"] == "tiny" and "HEARD" in request["messages"][0]["content"]
    assert "waited 45 minutes" in request["messages"][1]["content"]


@pytest.mark.parametrize(("answer", "status"), [
    ("I cannot help with that.", 200),
    ({**GOOD, "apologize": ""}, 200),
    ({**GOOD, "resolve": "Please remove your review and we'll give you a free meal."}, 200),
    (GOOD, 500),
])
def test_bad_answers_fall_back_to_the_template(model, answer, status):
    model.answer, model.status = answer, status
    draft = compose_with_llm(ITEM, TRIAGE, BIZ, model.settings)
    assert draft["generator"] == "heard-template" and draft["llm_fallback"]
    assert draft["lint"] == []


def test_unreachable_endpoint_falls_back():
    settings = LlmSettings(endpoint="http://127.0.0.1:9/v1", timeout=1)
    draft = compose_with_llm(ITEM, TRIAGE, BIZ, settings)
    assert draft["generator"] == "heard-template"

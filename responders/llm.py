"""Optional drafting through an OpenAI-compatible chat endpoint (Ollama, llama.cpp, a hosted API).

The model gets the review, the triage, the business's facts and the HEARD instructions,
and must answer with JSON holding the five parts. Its answer is parsed, joined, fitted
and linted like a template draft. On any error, a timeout, an unusable answer or a lint
error, the template responder drafts instead, so a draft is always there to approve.
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path
from typing import Any

import httpx

from responders import compose_draft, heard
from responders.fit import limit_for, measure
from responders.lint import FIVE_MOVES, lint_reply
from reviewwatch.config import LlmSettings, reveal

log = logging.getLogger(__name__)
GENERATOR = "llm"
MAX_REVIEW_CHARS = 4000
MAX_ANSWER_CHARS = 20_000
INSTRUCTIONS = """You draft a reply from a business to a customer's review. Write in the first
person as {person}, for {business}. Use the HEARD pattern, one part each, in this order:
hear: say back the customer's specific complaint in plain words (never "your experience");
empathize: relate to how they felt ("I'd be frustrated too");
apologize: a sincere first-person apology with no "if" and no "but";
resolve: a way to make it right, and ask them to contact {person} at {contact}; {offer}
never ask them to remove or change the review;
diagnose: commit to finding the cause and fixing it at its source, blaming no one.
Never be defensive, never admit legal liability, never repeat their e-mail, phone or order
number, and do not quote the review. Keep the whole reply under {limit} characters.
Answer with only a JSON object: {{"hear": "...", "empathize": "...", "apologize": "...",
"resolve": "...", "diagnose": "..."}}"""


def _prompt(item: dict[str, Any], triage: dict[str, Any], business: Any, limit: int) -> str:
    compensation = getattr(business, "compensation", None)
    offer = f"you may offer {compensation} and nothing else;" if compensation else \
        "offer no refund, discount or gift;"
    signature = getattr(business, "signature", "") or "The team"
    return INSTRUCTIONS.format(person=heard.person_of(signature),
                               business=getattr(business, "name", "the business"),
                               contact=getattr(business, "contact", "") or "our contact page",
                               offer=offer, limit=limit)


def parse_parts(content: str) -> list[dict[str, str]]:
    """The five parts from a model's answer (JSON, possibly inside a code fence)."""
    content = content[:MAX_ANSWER_CHARS]
    match = re.search(r"\{.*\}", content, re.S)
    if not match:
        raise ValueError("the answer holds no JSON object")
    data = json.loads(match.group(0))
    parts = []
    for move in FIVE_MOVES:
        text = data.get(move)
        if not isinstance(text, str) or not text.strip():
            raise ValueError(f"the answer has no {move!r} part")
        parts.append({"move": move, "text": " ".join(text.split())})
    return parts


def compose_with_llm(item: dict[str, Any], triage: dict[str, Any], business: Any,
                     llm: LlmSettings, *, platform: str | None = None, limit: int | None = None,
                     bank_path: Path | str | None = None,
                     client: httpx.Client | None = None) -> dict[str, Any] | None:
    """An LLM draft for a complaint, or the template draft when the model cannot give one."""
    fallback = compose_draft(item, triage, business, platform=platform, limit=limit,
                             bank_path=bank_path)
    if fallback is None or not llm.endpoint or triage.get("label") not in ("negative", "mixed"):
        return fallback
    cap, unit = limit_for(platform, limit)
    try:
        parts = _ask(item, triage, business, llm, cap or 1500, client)
    except (httpx.HTTPError, ValueError, KeyError, TypeError) as e:
        log.warning("LLM drafting failed (%s); using the template", type(e).__name__)
        return {**fallback, "llm_fallback": f"the model failed ({type(e).__name__})"}
    signature = getattr(business, "signature", "") or "The team"
    parts.append({"move": "sign", "text": signature})
    reply = heard.join(parts)
    lint = lint_reply(reply, item=item, business=business, platform=platform, limit=limit,
                      parts=parts, label=triage.get("label"))
    if any(f["severity"] == "error" for f in lint):
        return {**fallback, "llm_fallback": "the model's reply failed the linter: " +
                "; ".join(f["rule"] for f in lint)}
    return {**fallback, "reply": reply, "parts": parts, "lint": lint, "generator": GENERATOR,
            "fits": {**fallback["fits"], "length": measure(reply, unit)}}


def _ask(item: dict[str, Any], triage: dict[str, Any], business: Any, llm: LlmSettings,
         cap: int, client: httpx.Client | None) -> list[dict[str, str]]:
    review = {"title": item.get("title"), "text": (item.get("text") or "")[:MAX_REVIEW_CHARS],
              "rating": item.get("rating"), "author": item.get("author"),
              "complaints": triage.get("aspects"), "customer's words": triage.get("evidence")}
    body = {"model": llm.model, "temperature": 0.3,
            "messages": [{"role": "system", "content": _prompt(item, triage, business, cap)},
                         {"role": "user", "content": json.dumps(review, ensure_ascii=False)}]}
    headers = {"Authorization": f"Bearer {reveal(llm.api_key)}"} if llm.api_key else {}
    url = llm.endpoint.rstrip("/")
    if not url.endswith("/chat/completions"):
        url += "/chat/completions"
    own = client is None
    client = client or httpx.Client(timeout=llm.timeout)
    try:
        response = client.post(url, json=body, headers=headers, timeout=llm.timeout)
        response.raise_for_status()
        content = response.json()["choices"][0]["message"]["content"]
    finally:
        if own:
            client.close()
    return parse_parts(str(content))

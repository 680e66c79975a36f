"""`reviewwatch eval-drafts FILE`: the automatic checks on a JSON Lines set of drafts.

FILE is what `reviewwatch draft` writes (each line an object with `triage` and `draft`).
Printed: how many drafts have each HEARD move (and all five in order), lint findings by rule,
drafts over their channel's limit, distinct replies and the most-used opening, and the share
of complaint drafts whose opening names an extracted issue (its clause said back, its aspect
named, or the praise acknowledged). These are proxies: the real test is a person reading the
drafts as a customer-care manager would (`bench/sample_drafts.py`).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from typing import Any

from reviewwatch.errors import InputError

MOVES = ("hear", "empathize", "apologize", "resolve", "diagnose")
_WORD = re.compile(r"[a-z0-9']+")


def _opening(reply: str) -> str:
    body = reply.split("\n\n", 1)[1] if "\n\n" in reply else reply
    return re.split(r"(?<=[.!?])\s", body, maxsplit=1)[0]


def names_an_issue(draft: dict[str, Any], triage: dict[str, Any]) -> bool:
    """Does the opening name one of the issues triage extracted (said back or by aspect)?"""
    hear = next((p["text"] for p in draft.get("parts") or [] if p.get("move") == "hear"),
                "").lower()
    for issue in triage.get("issues") or []:
        about = (issue.get("about") or "").lower()
        if about and about in hear:
            return True
        words = [w for w in _WORD.findall((issue.get("clause") or "").lower()) if len(w) > 3]
        if words and sum(w in hear for w in words) >= max(2, len(words) // 2):
            return True
    return False


def read(lines: Iterable[str]) -> list[dict[str, Any]]:
    rows = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as e:
            raise InputError(f"line {n}: not JSON ({e.msg})") from None
        if isinstance(row, dict) and isinstance(row.get("draft"), dict):
            rows.append(row)
    return rows


def evaluate(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The figures, as a dict."""
    drafts = [r for r in rows if r["draft"].get("reply")]
    complaints = [r for r in drafts if (r.get("triage") or {}).get("label") in
                  ("negative", "mixed") and not r["draft"].get("holding")]
    n = len(complaints) or 1
    move_share = {m: sum(any(p.get("move") == m for p in r["draft"]["parts"])
                         for r in complaints) / n for m in MOVES}
    in_order = sum([p["move"] for p in r["draft"]["parts"] if p.get("move") in MOVES] ==
                   list(MOVES) for r in complaints) / n
    rules = Counter(f["rule"] for r in drafts for f in r["draft"].get("lint") or []
                    if f.get("severity", "error") == "error")
    over = sum(1 for r in drafts if (r["draft"].get("fits") or {}).get("limit") and
               r["draft"]["fits"]["length"] > r["draft"]["fits"]["limit"])
    replies = [r["draft"]["reply"] for r in drafts]
    openings = Counter(_opening(t) for t in replies)
    top = openings.most_common(1)[0] if openings else ("", 0)
    return {"drafts": len(drafts), "complaint_drafts": len(complaints),
            "holding": sum(1 for r in drafts if r["draft"].get("holding")),
            "moves": move_share, "all_five_in_order": in_order,
            "lint_errors": dict(rules), "drafts_with_lint_errors": sum(
                1 for r in drafts if any(f.get("severity", "error") == "error"
                                         for f in r["draft"].get("lint") or [])),
            "over_limit": over, "distinct": len(set(replies)) / (len(replies) or 1),
            "top_opening": top[0], "top_opening_share": top[1] / (len(replies) or 1),
            "names_an_issue": sum(names_an_issue(r["draft"], r["triage"])
                                  for r in complaints) / n}


def report(result: dict[str, Any]) -> str:
    """The figures as the lines `reviewwatch eval-drafts` prints."""
    lines = [f"{result['drafts']} drafts; {result['complaint_drafts']} answer a complaint, "
             f"{result['holding']} are holding replies for a person"]
    lines += [f"  {m:<10} in {share:.1%} of complaint drafts" for m, share in
              result["moves"].items()]
    lines.append(f"  all five moves in order: {result['all_five_in_order']:.1%}")
    lines.append(f"  opening names an extracted issue: {result['names_an_issue']:.1%}")
    lines.append(f"  drafts with a lint error: {result['drafts_with_lint_errors']} "
                 f"{result['lint_errors']}")
    lines.append(f"  over the channel's limit: {result['over_limit']}")
    lines.append(f"  distinct replies: {result['distinct']:.1%}; most-used opening "
                 f"{result['top_opening_share']:.1%} ({result['top_opening'][:60]!r})")
    return "\n".join(lines)

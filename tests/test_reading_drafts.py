"""bench/reading_drafts.py: the script an independent reading drafts its items with."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_a_reading_drafts_each_item_as_its_business(tmp_path):
    items = tmp_path / "items.jsonl"
    rows = [
        {"biz": "air", "platform": "mastodon", "rating": None, "author": "@kim",
         "text": "@bluejet my bag never arrived in Denver and nobody at the desk would help."},
        {"biz": "acme", "platform": "google_play", "rating": 1, "author": "Jo",
         "text": "Speaker keeps dropping wifi every night. Support never replied."},
        {"biz": "bistro", "platform": "google_business", "rating": 1, "author": "Asha",
         "text": "Found a hair in my biryani and the waiter just laughed."},
    ]
    items.write_text("".join(json.dumps(r) + "\n" for r in rows) + "\n", encoding="utf-8")
    out = subprocess.run([sys.executable, str(ROOT / "bench" / "reading_drafts.py"), str(items)],
                         capture_output=True, text=True, check=True, cwd=ROOT).stdout
    blocks = out.split("=== ")[1:]
    assert [b.split(" · ")[1] for b in blocks] == ["air", "acme", "bistro"], out
    assert "Sam, Bluejet Care" in blocks[0] and "DM us your confirmation code" in blocks[0]
    assert "Hi Jo," in blocks[1] and "care@acme-home.example" in blocks[1]
    assert "TRIAGE: negative True ['safety']" in blocks[2], blocks[2]  # (a hair: held)
    assert "complimentary dessert" not in blocks[2]

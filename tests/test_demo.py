"""`reviewwatch demo --once`: one full cycle on bundled data, and a JSON summary line."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path


def demo_once(db: Path) -> dict:
    result = subprocess.run([sys.executable, "-m", "reviewwatch", "demo", "--once", "--db",
                             str(db)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_demo_once_twice_on_one_database(tmp_path):
    db = tmp_path / "demo.db"
    first = demo_once(db)
    assert set(first) == {"collected", "new", "negative", "drafts_pending", "alerts_sent",
                          "digest", "db"}
    assert first["collected"] == first["new"] == 40
    assert first["negative"] >= 10
    assert first["alerts_sent"] == first["negative"]
    assert first["drafts_pending"] >= first["negative"]
    assert Path(first["db"]) == db.resolve()
    digest = Path(first["digest"]).read_text()
    assert "Tidepool Habits" in digest
    # The links carry the web UI's real port, never "port 0".
    ports = set(re.findall(r'href="http://127\.0\.0\.1:(\d+)/', digest))
    assert len(ports) == 1 and ports != {"0"}
    second = demo_once(db)
    assert second["new"] == 0 and second["alerts_sent"] == 0
    assert second["drafts_pending"] == first["drafts_pending"]

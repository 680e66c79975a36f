"""The command line: help everywhere, one clear line on user errors, JSON Lines contract."""

from __future__ import annotations

import json
import subprocess
import sys

import click
import pytest
from click.testing import CliRunner

from reviewwatch.cli import cli


def all_commands(group=cli, prefix=()):
    for name, command in group.commands.items():
        yield (*prefix, name), command
        if isinstance(command, click.Group):
            yield from all_commands(command, (*prefix, name))


@pytest.mark.parametrize("path,command", list(all_commands()), ids=lambda v: " ".join(v)
                         if isinstance(v, tuple) else "")
def test_commands_have_help(path, command):
    assert command.help, f"{' '.join(path)} is missing its help"
    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0 and "Usage:" in result.output


def run(*args, stdin=None, cwd=None):
    return subprocess.run([sys.executable, "-m", "reviewwatch", *args], input=stdin,
                          capture_output=True, text=True, cwd=cwd, timeout=120)


@pytest.mark.parametrize("args,message", [
    (["collect", "--config", "missing.toml"], "no such config file"),
    (["score", "no-such-file.jsonl"], "does not exist"),
    (["export", "--config", "bad.toml"], 'businesses[0].sources[0].every: "5x" is not a duration'),
    (["collect", "--config", "good.toml", "--source", "nope"], "unknown source 'nope'"),
    (["drafts", "show", "999", "--config", "good.toml"], "no draft with id 999"),
    (["digest", "--config", "good.toml", "--date", "yesterday", "--preview", "x.html"],
     "is not a date"),
])
def test_user_errors_are_one_line_without_traceback(tmp_path, args, message):
    (tmp_path / "bad.toml").write_text(
        '[[businesses]]\nid = "b"\nname = "B"\n[[businesses.sources]]\nname = "s"\n'
        'kind = "hackernews"\nevery = "5x"\n')
    (tmp_path / "good.toml").write_text(
        '[storage]\npath = "rw.db"\n[[businesses]]\nid = "b"\nname = "B"\nkeywords = ["B"]\n'
        '[[businesses.sources]]\nname = "s"\nkind = "hackernews"\n')
    result = run(*args, cwd=tmp_path)
    assert result.returncode in (1, 2), result
    assert "Traceback" not in result.stderr
    assert message in result.stderr
    assert len([line for line in result.stderr.splitlines() if line.strip()]) <= 3


def test_config_check_lists_every_problem(tmp_path):
    (tmp_path / "c.toml").write_text(
        '[[businesses]]\nid = "b"\nname = "B"\ntimezone = "Nowhere/Land"\n'
        '[[businesses.sources]]\nname = "s"\nkind = "hackernews"\nevery = "5x"\n')
    result = run("config", "check", "--config", "c.toml", cwd=tmp_path)
    assert result.returncode == 1
    assert 'businesses[0].timezone: "Nowhere/Land" is not a time zone' in result.stderr
    assert 'businesses[0].sources[0].every: "5x" is not a duration like 30m or 2h' in result.stderr


def test_init_writes_a_config_that_checks(tmp_path):
    assert run("init", str(tmp_path)).returncode == 0
    result = run("config", "check", "--config", str(tmp_path / "config" / "reviewwatch.toml"))
    assert result.returncode == 0, result.stderr
    again = run("init", str(tmp_path))
    assert again.returncode == 1 and "already exists" in again.stderr


def test_score_adds_triage_and_reports_bad_lines(tmp_path):
    lines = "\n".join([
        json.dumps({"id": "a", "text": "We waited 45 minutes and nobody came to check on us",
                    "rating": 2, "extra": {"keep": True}}),
        "{not json",
        json.dumps({"id": "b", "title": "no text here"}),
        "",
        json.dumps({"text": "Lovely staff, great coffee!", "rating": 5}),
        json.dumps({"text": "ok", "rating": "five"}),
    ])
    result = run("score", stdin=lines, cwd=tmp_path)
    assert result.returncode == 1
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(out) == 5
    first, bad_json, no_text, praise, bad_rating = out
    assert first["extra"] == {"keep": True} and first["id"] == "a"
    assert first["triage"]["label"] == "negative" and first["triage"]["needs_reply"]
    assert set(first["triage"]) >= {"label", "score", "vader", "aspects", "evidence",
                                    "language", "needs_reply", "priority"}
    assert bad_json["line"] == 2 and "not JSON" in bad_json["error"]
    assert no_text == {"error": '"text" is missing', "line": 3}
    assert praise["triage"]["label"] == "positive"
    assert bad_rating["line"] == 6 and "rating" in bad_rating["error"]


def test_score_vader_is_the_package_compound_of_title_and_text(tmp_path):
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    row = {"title": "Not great", "text": "The soup was cold but the staff were KIND!!"}
    result = run("score", stdin=json.dumps(row) + "\n", cwd=tmp_path)
    out = json.loads(result.stdout)
    expected = SentimentIntensityAnalyzer().polarity_scores(row["title"] + "\n" + row["text"])
    assert out["triage"]["vader"] == expected["compound"]


def test_draft_adds_the_five_moves_for_a_complaint(tmp_path):
    row = {"text": "I was charged twice and support never answered my emails", "rating": 1,
           "author": "Priya Raman", "platform": "google_play"}
    result = run("draft", stdin=json.dumps(row) + "\n" + "[1, 2]\n", cwd=tmp_path)
    assert result.returncode == 1
    good, bad = (json.loads(line) for line in result.stdout.splitlines())
    moves = [p["move"] for p in good["draft"]["parts"]]
    core = [m for m in moves if m in ("hear", "empathize", "apologize", "resolve", "diagnose")]
    assert core == ["hear", "empathize", "apologize", "resolve", "diagnose"]
    assert good["draft"]["fits"]["limit"] == 350
    assert len(good["draft"]["reply"]) <= 350
    assert bad == {"error": "expected a JSON object, got list", "line": 2}


def test_drafts_list_and_show_strip_terminal_control_codes(tmp_path):
    from tests.webutil import make_settings, seed

    settings = make_settings(tmp_path)
    hostile = "Charged twice \x1b[2J\x1b]0;pwned\x07 and support never answered \u202e"
    db, drafts = seed(settings, [(hostile, "Sam\x1b[31m", 1, None)])
    assert drafts
    config = tmp_path / "rw.toml"
    config.write_text(f'[storage]\npath = "{settings.storage_path}"\n[[businesses]]\n'
                      'id = "bistro"\nname = "B"\n')
    for args in (["drafts", "list"], ["drafts", "show", str(drafts[0])]):
        result = CliRunner().invoke(cli, [*args, "--config", str(config)])
        assert result.exit_code == 0, result.output
        assert "\x1b" not in result.output and "\x07" not in result.output
        assert "\u202e" not in result.output and "Charged twice" in result.output


def seeded_config(tmp_path):
    from tests.webutil import make_settings, seed

    settings = make_settings(tmp_path)
    db, drafts = seed(settings)
    config = tmp_path / "rw.toml"
    config.write_text(f'[storage]\npath = "{settings.storage_path}"\n[web]\n'
                      'public_url = "http://rw.test"\n[[businesses]]\nid = "bistro"\n'
                      'name = "Blue Door Bistro"\n[[businesses.sources]]\nname = "bistro-app"\n'
                      'kind = "appstore"\napp_id = "123"\n')
    return config, db, drafts


def test_export_jsonl_and_csv_write_every_item_once(tmp_path):
    import csv
    import io

    config, db, _ = seeded_config(tmp_path)
    result = CliRunner().invoke(cli, ["export", "--config", str(config)])
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert len(rows) == db["items"].count == 3
    assert {"business", "source", "kind", "external_id", "author", "rating", "title", "text",
            "url", "published_at", "triage", "draft_status", "draft_text"} <= set(rows[0])
    assert all(r["source"] == "bistro-app" and r["triage"]["label"] for r in rows)
    result = CliRunner().invoke(cli, ["export", "--format", "csv", "--config", str(config)])
    table = list(csv.DictReader(io.StringIO(result.output)))
    assert len(table) == 3 and json.loads(table[0]["triage"])["label"]


def test_digest_preview_and_sources(tmp_path):
    from tests.webutil import SEED_NOW

    config, _, _ = seeded_config(tmp_path)
    preview = tmp_path / "digest.html"
    result = CliRunner().invoke(cli, ["digest", "--preview", str(preview), "--date",
                                      SEED_NOW.date().isoformat(), "--config", str(config)])
    assert result.exit_code == 0, result.output
    html = preview.read_text()
    assert "Blue Door Bistro" in html and "Needs a reply" in html and "<script>alert" not in html
    result = CliRunner().invoke(cli, ["sources", "--config", str(config)])
    assert "bistro-app" in result.output and "items=3" in result.output

"""Config validation: each problem names its key and what is wrong; secrets never show."""

from __future__ import annotations

import pytest

from reviewwatch import config as cfg
from reviewwatch.errors import ConfigError

GOOD = """
[storage]
path = "rw.db"

[web]
secret_key = "env:RW_TEST_SECRET"

[[businesses]]
id = "bluedoor"
name = "Blue Door Bistro"
timezone = "America/New_York"
signature = "Maria Lopez, General Manager"
contact = "maria@bluedoor.example"
keywords = ["Blue Door Bistro"]

  [[businesses.sources]]
  name = "bluedoor-hn"
  kind = "hackernews"
  every = "30m"

  [[businesses.sources]]
  name = "bluedoor-appstore"
  kind = "appstore"
  app_id = "1321994487"
  countries = ["us", "gb"]
  every = "2h"
  base_url = "http://127.0.0.1:9000"

[alerts]
slack_webhook_url = "env:RW_TEST_SLACK"
quiet_hours = "22:00-07:00"

[digest]
send_at = "08:30"
to = ["owner@bluedoor.example"]
sender = "reviewwatch@bluedoor.example"
"""
ENV = {"RW_TEST_SECRET": "s3cret-value", "RW_TEST_SLACK": "https://hooks.slack.test/T/B/xyz"}


def load(tmp_path, text, env=ENV):
    path = tmp_path / "reviewwatch.toml"
    path.write_text(text)
    return cfg.load(path, environ=env)


def test_load_good_config(tmp_path):
    s = load(tmp_path, GOOD)
    assert [b.id for b in s.businesses] == ["bluedoor"]
    hn, app = s.sources
    assert (hn.every, app.every) == (1800, 7200)
    assert app.options == {"app_id": "1321994487", "countries": ["us", "gb"]}
    assert app.base_url == "http://127.0.0.1:9000"
    assert s.storage_path == tmp_path / "rw.db"
    assert s.alerts.quiet_hours[0].hour == 22
    assert s.digest.send_at.minute == 30


def test_secret_is_read_from_env_and_never_shown(tmp_path):
    s = load(tmp_path, GOOD)
    assert cfg.reveal(s.alerts.slack_webhook_url) == ENV["RW_TEST_SLACK"]
    assert "xyz" not in repr(s.alerts) and "s3cret" not in repr(s.web)
    assert repr(s.web.secret_key) == "Secret(env:RW_TEST_SECRET)"


@pytest.mark.parametrize("old,new,message", [
    ('every = "30m"', 'every = "5x"',
     'businesses[0].sources[0].every: "5x" is not a duration like 30m or 2h'),
    ('every = "30m"', 'every = "10s"', "businesses[0].sources[0].every: \"10s\" is too often"),
    ('kind = "hackernews"', 'kind = "myspace"',
     'businesses[0].sources[0].kind: "myspace" is not a source kind'),
    ('app_id = "1321994487"\n', '',
     "businesses[0].sources[1].app_id: is required for a appstore source"),
    ('timezone = "America/New_York"', 'timezone = "Mars/Olympus"',
     'businesses[0].timezone: "Mars/Olympus" is not a time zone'),
    ('quiet_hours = "22:00-07:00"', 'quiet_hours = "late"',
     'alerts.quiet_hours: "late" is not a range like 22:00-07:00'),
    ('send_at = "08:30"', 'send_at = "25:00"', 'digest.send_at: "25:00" is not a time like 08:00'),
    ('to = ["owner@bluedoor.example"]', 'to = ["nobody"]',
     'digest.to[0]: "nobody" is not an e-mail address'),
    ('base_url = "http://127.0.0.1:9000"', 'base_url = "ftp://x/y"',
     'businesses[0].sources[1].base_url: "ftp://x/y" must be a scheme and host'),
    ('[storage]', '[storage]\ncolour = "blue"', "storage.colour: is not a known key"),
    ('name = "bluedoor-appstore"', 'name = "bluedoor-hn"',
     'businesses[0].sources[1].name: "bluedoor-hn" is used by another source'),
    ('every = "2h"', 'every = 7200', "businesses[0].sources[1].every: 7200 is not a string"),
])
def test_load_reports_key_and_problem(tmp_path, old, new, message):
    assert old in GOOD
    with pytest.raises(ConfigError) as e:
        load(tmp_path, GOOD.replace(old, new, 1))
    assert any(message in p for p in cfg.problems_of(e.value)), cfg.problems_of(e.value)
    assert message.split(":")[0] in str(e.value)


def test_missing_env_is_named_and_value_never_leaks(tmp_path):
    # A missing env: secret no longer stops every command: it is listed (config check shows
    # it) and fails only where it is used, naming the key and the variable.
    settings = load(tmp_path, GOOD, env={"RW_TEST_SECRET": "s3cret-value"})
    message = "alerts.slack_webhook_url: environment variable RW_TEST_SLACK is not set"
    assert message in settings.missing_secrets
    with pytest.raises(cfg.SecretMissing) as e:
        cfg.reveal(settings.alerts.slack_webhook_url)
    assert message in str(e.value) and "s3cret" not in str(e.value)


def test_invalid_webhook_value_is_not_echoed(tmp_path):
    with pytest.raises(ConfigError) as e:
        load(tmp_path, GOOD, env={**ENV, "RW_TEST_SLACK": "not-a-url-secret"})
    assert "not-a-url-secret" not in " ".join(cfg.problems_of(e.value))


def test_load_reports_every_problem(tmp_path):
    bad = GOOD.replace('every = "30m"', 'every = "soon"').replace('send_at = "08:30"',
                                                                  'send_at = "noon"')
    with pytest.raises(ConfigError) as e:
        load(tmp_path, bad)
    assert len(cfg.problems_of(e.value)) == 2
    assert "(and 1 more problem)" in str(e.value)


@pytest.mark.parametrize("text,message", [
    ("[storage\n", "not valid TOML"),
    ("businesses = 3", "businesses: must be an array of tables"),
])
def test_load_rejects_malformed_files(tmp_path, text, message):
    with pytest.raises(ConfigError, match=message):
        load(tmp_path, text)


def test_load_missing_file_says_how_to_create_one(tmp_path):
    with pytest.raises(ConfigError, match="reviewwatch init"):
        cfg.load(tmp_path / "nope.toml", environ={})


@pytest.mark.parametrize("text,seconds", [
    ("30m", 1800), ("2h", 7200), ("1h30m", 5400), ("1d", 86400), ("45s", 45),
    ("", None), ("5x", None), ("m", None), ("-1h", None),
])
def test_parse_duration(text, seconds):
    assert cfg.parse_duration(text) == seconds


def test_example_and_starter_configs_are_valid(tmp_path):
    from importlib.resources import files

    from tests.conftest import ROOT

    starter = files("reviewwatch").joinpath("starter.toml").read_text("utf-8")
    assert load(tmp_path, starter, env={}).businesses
    example = (ROOT / "config" / "reviewwatch.example.toml").read_text("utf-8")
    env = {name: "https://example.invalid/x" for name in (
        "REVIEWWATCH_SECRET", "SLACK_WEBHOOK_URL", "SMTP_PASSWORD", "YELP_API_KEY",
        "GOOGLE_API_KEY", "GBP_CLIENT_SECRET", "GBP_REFRESH_TOKEN", "BLUESKY_APP_PASSWORD",
        "LLM_API_KEY", "PLAY_SERVICE_ACCOUNT_JSON")}
    assert load(tmp_path, example, env=env).sources


def test_a_broken_phrase_bank_is_reported_by_config_check(tmp_path):
    bank = tmp_path / "phrases.toml"
    bank.write_text('language = "en"\n[hear]\nlead = ["About {complain}"]\n')
    text = GOOD + f'\n[responders]\nphrase_bank = "{bank}"\n'
    with pytest.raises(ConfigError) as e:
        load(tmp_path, text)
    problems = cfg.problems_of(e.value)
    assert any(p.startswith("responders.phrase_bank") and "{complain}" in p for p in problems)

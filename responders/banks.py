"""Phrase banks: TOML files of reply wordings, validated, and chosen from deterministically."""

from __future__ import annotations

import hashlib
import re
import tomllib
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from reviewwatch.errors import ConfigError

PLACEHOLDERS = {"complaint", "liked", "business", "person", "contact", "compensation",
                "fix_area", "name", "signature"}
# section -> the keys it must (and may) have
SCHEMA: dict[str, set[str]] = {
    "greeting": {"named", "anonymous", "formal_named", "formal_anonymous"},
    "hear": {"lead", "ending", "short", "praise"},
    "empathize": {"default", "waiting", "money", "broken", "people", "severe", "short"},
    "apologize": {"default", "formal", "short"},
    "resolve": {"contact", "compensation", "invite", "short"},
    "diagnose": {"default", "short"},
    "praise": {"thank", "echo", "invite"},
    "mention": {"question"},
    "sign": {"default", "formal"},
    "words": {"complaint", "fix_area", "contact_fallback", "team"},
}
_FIELD = re.compile(r"\{([^{}]*)\}")
MAX_PHRASE_CHARS = 400


@lru_cache(maxsize=8)
def _load(path: str | None) -> dict[str, Any]:
    if path is None:
        text = files("responders").joinpath("banks/en.toml").read_text("utf-8")
        where = "the built-in English phrase bank"
    else:
        where = path
        try:
            text = Path(path).read_text("utf-8")
        except OSError as e:
            raise ConfigError(f"{path}: cannot read the phrase bank ({e.strerror})") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{where}: not valid TOML ({e})") from None
    problems = validate(data)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise ConfigError(f"{where}: {problems[0]}{more}")
    return data


def load(path: Path | str | None = None) -> dict[str, Any]:
    """The phrase bank at path (or the built-in English one), validated."""
    return _load(str(path) if path else None)


def validate(data: dict[str, Any]) -> list[str]:
    """Every problem with a bank: unknown or missing sections and keys, bad placeholders."""
    problems = []
    for key in data:
        if key not in SCHEMA and key != "language":
            problems.append(f"{key}: unknown section (known: {', '.join(sorted(SCHEMA))})")
    if not isinstance(data.get("language", "en"), str):
        problems.append("language: must be a language code such as \"en\"")
    for section, keys in SCHEMA.items():
        table = data.get(section)
        if not isinstance(table, dict):
            problems.append(f"{section}: missing section")
            continue
        for key in table:
            if key not in keys:
                problems.append(f"{section}.{key}: unknown key (known: {', '.join(sorted(keys))})")
        for key in keys:
            value = table.get(key)
            where = f"{section}.{key}"
            if not isinstance(value, list) or not value:
                problems.append(f"{where}: must be a non-empty list of phrases")
                continue
            for i, phrase in enumerate(value):
                if not isinstance(phrase, str) or not phrase.strip():
                    problems.append(f"{where}[{i}]: must be a non-empty string")
                    continue
                if len(phrase) > MAX_PHRASE_CHARS:
                    problems.append(f"{where}[{i}]: longer than {MAX_PHRASE_CHARS} characters")
                for field in _FIELD.findall(phrase):
                    if field not in PLACEHOLDERS:
                        problems.append(f"{where}[{i}]: unknown placeholder {{{field}}} (known: "
                                        f"{', '.join(sorted(PLACEHOLDERS))})")
    return problems


def for_language(language: str, bank_path: Path | str | None = None) -> dict[str, Any] | None:
    """The bank for a language: the configured one, a sibling phrases.LANG.toml, or built in."""
    configured = load(bank_path)
    if configured.get("language", "en") == language:
        return configured
    candidates = []
    if bank_path:
        candidates.append(Path(bank_path).with_name(f"phrases.{language}.toml"))
    if re.fullmatch(r"[a-z]{2,3}", language or ""):
        builtin = files("responders").joinpath(f"banks/{language}.toml")
        if builtin.is_file():
            candidates.append(Path(str(builtin)))
    for path in candidates:
        if path.is_file():
            bank = load(path)
            if bank.get("language") == language:
                return bank
    return None


def pick(options: list[str], seed: str, slot: str) -> str:
    """One option, the same every time for this seed and slot, spread evenly across seeds."""
    digest = hashlib.sha256(f"{seed}\x00{slot}".encode()).digest()
    return options[int.from_bytes(digest[:8], "big") % len(options)]


def fill(template: str, values: dict[str, str]) -> str:
    """The template with its placeholders filled (unknown ones are left for the linter)."""
    return _FIELD.sub(lambda m: values.get(m.group(1), m.group(0)), template)

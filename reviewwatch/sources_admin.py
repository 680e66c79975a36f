"""Add, edit, pause, resume and remove sources, in the config file itself.

The TOML file stays the one truth about sources: the web UI and `reviewwatch sources ...`
edit it for you. tomlkit keeps the owner's comments and layout; every change is validated
by the same code as `config check` (config.from_dict over the whole edited file) before
the file is replaced, atomically and with its permissions, so a bad edit never lands. A
source removed here (or by hand) is archived in the database by `db.sync_config`: its
items stay, and it is no longer polled or shown as failing.
"""

from __future__ import annotations

import os
import re
import tempfile
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.items import AoT, Table

from reviewwatch import config as cfg
from reviewwatch.errors import ConfigError, InputError, NotFound

MAX_OPTIONS_CHARS = 8_000
# Keys a form edits by themselves; everything else of a source is its "other settings".
FORM_KEYS = ("name", "kind", "every", "enabled")


class SourceProblems(ConfigError):
    """The edited config would not validate; `.problems` lists each, by key path."""

    def __init__(self, problems: list[str]):
        super().__init__(problems[0] if problems else "invalid source")
        self.problems = problems


def _path(settings: cfg.Settings) -> Path:
    if settings.path is None:
        raise InputError("these settings were not read from a file, so there is nothing to edit")
    return Path(settings.path)


def _load(path: Path) -> tomlkit.TOMLDocument:
    try:
        return tomlkit.parse(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"{path}: cannot read it ({e})") from None
    except tomlkit.exceptions.TOMLKitError as e:
        raise ConfigError(f"{path}: not valid TOML ({e})") from None


def _businesses(doc: tomlkit.TOMLDocument) -> list[Table]:
    found = doc.get("businesses")
    return list(found) if isinstance(found, AoT | list) else []


def _find(doc: tomlkit.TOMLDocument, name: str) -> tuple[Table, int]:
    for business in _businesses(doc):
        for i, source in enumerate(business.get("sources", [])):
            if source.get("name") == name:
                return business, i
    raise NotFound(f"no source named {name!r} in the config")


def _save(path: Path, doc: tomlkit.TOMLDocument, environ: dict[str, str] | None
          ) -> cfg.Settings:
    """Validate the edited document as the config; write it only when it is valid."""
    text = tomlkit.dumps(doc)
    try:
        settings = cfg.from_dict(tomllib.loads(text), path=path, environ=environ)
    except ConfigError as e:
        raise SourceProblems(cfg.problems_of(e)) from None
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o600
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as e:
        Path(tmp).unlink(missing_ok=True)
        raise ConfigError(f"{path}: cannot write it ({e.strerror})") from None
    return settings


def _change(settings: cfg.Settings, edit: Callable[[tomlkit.TOMLDocument], None],
            environ: dict[str, str] | None = None) -> cfg.Settings:
    path = _path(settings)
    doc = _load(path)
    edit(doc)
    return _save(path, doc, environ)


def parse_options(text: str) -> dict[str, Any]:
    """A source's other settings written as TOML lines (`app_id = "123"`), as a dict."""
    if len(text) > MAX_OPTIONS_CHARS:
        raise SourceProblems([f"other settings: longer than {MAX_OPTIONS_CHARS} characters"])
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise SourceProblems([f"other settings: not valid TOML ({e})"]) from None
    for key in FORM_KEYS:
        if key in data:
            raise SourceProblems([f"other settings: set {key} in its own field"])
    return data


def source_table(settings: cfg.Settings, name: str) -> dict[str, Any]:
    """A source's keys as written in the config file (`every` as "30m", not seconds)."""
    business, i = _find(_load(_path(settings)), name)
    return business["sources"][i].unwrap()


def options_text(settings: cfg.Settings, name: str) -> str:
    """A source's other settings as TOML lines, as they are written in the config file."""
    doc = _load(_path(settings))
    business, i = _find(doc, name)
    source = business["sources"][i]
    rest = tomlkit.document()
    for key, value in source.items():
        if key not in FORM_KEYS:
            rest[key] = value
    return tomlkit.dumps(rest).strip()


def add(settings: cfg.Settings, business_id: str, fields: dict[str, Any],
        environ: dict[str, str] | None = None) -> cfg.Settings:
    """Add a source to a business; `fields` are its TOML keys (name and kind at least)."""
    def edit(doc: tomlkit.TOMLDocument) -> None:
        business = next((b for b in _businesses(doc) if b.get("id") == business_id), None)
        if business is None:
            raise NotFound(f"no business with id {business_id!r} in the config")
        table = tomlkit.table()
        for key, value in fields.items():
            if value is not None:
                table[key] = value
        if "sources" not in business:
            business["sources"] = tomlkit.aot()
        business["sources"].append(table)

    return _change(settings, edit, environ)


def edit(settings: cfg.Settings, name: str, changes: dict[str, Any],
         environ: dict[str, str] | None = None, replace_options: bool = False
         ) -> cfg.Settings:
    """Change a source's keys (a value of None removes the key). With `replace_options`,
    the keys outside FORM_KEYS that `changes` does not name are removed."""
    def apply(doc: tomlkit.TOMLDocument) -> None:
        business, i = _find(doc, name)
        source = business["sources"][i]
        if replace_options:
            for key in [k for k in source if k not in FORM_KEYS and k not in changes]:
                del source[key]
        for key, value in changes.items():
            if value is None:
                source.pop(key, None)
            else:
                source[key] = value

    return _change(settings, apply, environ)


def set_enabled(settings: cfg.Settings, name: str, enabled: bool,
                environ: dict[str, str] | None = None) -> cfg.Settings:
    """Pause (enabled = false) or resume a source; a paused source is not polled."""
    return edit(settings, name, {"enabled": None if enabled else False}, environ)


def remove(settings: cfg.Settings, name: str, environ: dict[str, str] | None = None
           ) -> cfg.Settings:
    """Remove a source from the config; the database archives it and keeps its items."""
    def apply(doc: tomlkit.TOMLDocument) -> None:
        business, i = _find(doc, name)
        del business["sources"][i]
        if not business["sources"]:
            del business["sources"]

    return _change(settings, apply, environ)


_SET = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)=(.*)$", re.S)


def parse_assignment(text: str) -> tuple[str, Any]:
    """'countries=["us", "gb"]' -> ('countries', ['us', 'gb']); a bare word is a string."""
    m = _SET.match(text)
    if not m:
        raise InputError(f"{text[:60]!r} is not KEY=VALUE")
    key, raw = m[1], m[2].strip()
    try:
        return key, tomllib.loads(f"v = {raw}")["v"]
    except tomllib.TOMLDecodeError:
        return key, raw


class ConfigWatcher:
    """The settings, read again when the config file changes (an edit from the web UI, the
    CLI or by hand), so a long-running process follows it. A file that no longer validates
    is logged once and the last good settings are kept."""

    def __init__(self, settings: cfg.Settings):
        self.settings = settings
        self._stamp = self._stat()

    def _stat(self) -> tuple[int, int] | None:
        try:
            st = Path(self.settings.path).stat() if self.settings.path else None
        except OSError:
            return None
        return (st.st_mtime_ns, st.st_size) if st else None

    def replace(self, settings: cfg.Settings) -> None:
        """Take settings this process just wrote (no need to read them again)."""
        self.settings = settings
        self._stamp = self._stat()

    def current(self) -> tuple[cfg.Settings, bool]:
        """The settings, and whether they changed since the last call."""
        stamp = self._stat()
        if stamp is None or stamp == self._stamp:
            return self.settings, False
        self._stamp = stamp
        try:
            self.settings = cfg.load(self.settings.path)
        except ConfigError as e:
            import logging

            logging.getLogger(__name__).warning(
                "the config changed but is not valid; keeping the last good one: %s", e)
            return self.settings, False
        return self.settings, True

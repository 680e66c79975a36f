"""The `reviewwatch` command. Each command is thin and calls one library function."""

from __future__ import annotations

import functools
import json
import logging
import os
import sys
from datetime import date
from pathlib import Path
from typing import Any

import click

from reviewwatch import __version__
from reviewwatch import config as cfg
from reviewwatch.errors import ReviewwatchError


class Group(click.Group):
    """A click group that turns every ReviewwatchError into one clear line, exit status 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ReviewwatchError as e:
            raise click.ClickException(str(e).splitlines()[0] if str(e) else type(e).__name__) \
                from None
        except KeyboardInterrupt:
            raise click.Abort() from None


def with_config(required: bool = True):
    """Add --config PATH to a command and pass the loaded Settings (or None) as `settings`."""

    def decorate(fn):
        @click.option("--config", "config_path", type=click.Path(dir_okay=False),
                      envvar=cfg.CONFIG_ENV, default=cfg.DEFAULT_CONFIG_PATH, show_default=True,
                      help="Configuration file (or $REVIEWWATCH_CONFIG).")
        @functools.wraps(fn)
        def wrapper(*args, config_path: str, **kwargs):
            settings = None
            if required or Path(config_path).exists():
                settings = cfg.load(config_path)
            return fn(*args, settings=settings, **kwargs)

        return wrapper

    return decorate


def _open(settings: cfg.Settings, db_path: str | None = None):
    from reviewwatch import db as store

    database = store.open_database(db_path or settings.storage_path)
    store.sync_config(database, settings)
    return database


@click.group(cls=Group)
@click.version_option(__version__, prog_name="reviewwatch")
@click.option("-v", "--verbose", is_flag=True, help="Log progress to stderr.")
def cli(verbose: bool) -> None:
    """reviewwatch: collect reviews and mentions, triage them, draft replies for approval."""
    from reviewwatch import logsafe

    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logsafe.install()  # secrets and query strings never reach a log line, httpx's included


@cli.command()
@click.option("--once", is_flag=True, help="Run one full cycle, print a summary and exit.")
@click.option("--db", "db_path", type=click.Path(dir_okay=False), help="SQLite file to use.")
@click.option("--port", type=int, default=0, help="Port for the web UI (0 picks a free one).")
def demo(once: bool, db_path: str | None, port: int) -> None:
    """Run everything on bundled sample data, all on this machine."""
    from reviewwatch.demo import run_demo

    sys.exit(run_demo(once=once, db_path=Path(db_path) if db_path else None, port=port))


@cli.command()
@click.argument("directory", default=".", type=click.Path(file_okay=False))
@click.option("--force", is_flag=True, help="Overwrite an existing config.")
def init(directory: str, force: bool) -> None:
    """Write a starter config/reviewwatch.toml with comments."""
    from importlib.resources import files

    target = Path(directory) / "config" / "reviewwatch.toml"
    if target.exists() and not force:
        raise click.ClickException(f"{target} already exists (use --force to overwrite)")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(files("reviewwatch").joinpath("starter.toml").read_text("utf-8"), "utf-8")
    click.echo(f"wrote {target}; edit it, then run `reviewwatch config check`")


@cli.group(cls=Group, name="config")
def config_group() -> None:
    """Inspect the configuration."""


@config_group.command("check")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), envvar=cfg.CONFIG_ENV,
              default=cfg.DEFAULT_CONFIG_PATH, show_default=True, help="Configuration file.")
def config_check(config_path: str) -> None:
    """Validate the config and say precisely what is wrong."""
    try:
        settings = cfg.load(config_path)
    except cfg.ConfigError as e:
        problems = cfg.problems_of(e)
        for p in problems:
            click.echo(f"{config_path}: {p}" if not p.startswith(config_path) else p, err=True)
        sys.exit(1)
    for missing in settings.missing_secrets:  # other commands start without them
        click.echo(f"{config_path}: {missing}", err=True)
    if settings.missing_secrets:
        sys.exit(1)
    nb, ns = len(settings.businesses), len(settings.sources)
    click.echo(f"{config_path}: ok ({nb} business{'es' if nb != 1 else ''}, "
               f"{ns} source{'s' if ns != 1 else ''})")


@cli.command()
@click.option("--source", "names", multiple=True, help="Poll only this source (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="Print the cycle report as JSON.")
@with_config()
def collect(names: tuple[str, ...], as_json: bool, settings: cfg.Settings) -> None:
    """One collection cycle: fetch, save, triage, draft, enqueue alerts, deliver."""
    from reviewwatch import pipeline

    for name in names:
        settings.source(name)  # an unknown source is a user error before any work
    report = pipeline.collect(_open(settings), settings, list(names) or None)
    if as_json:
        click.echo(json.dumps(report.to_dict()))
    else:
        for r in report.sources:
            status = f"error ({r.state}): {r.error}" if r.error else \
                f"{r.fetched} fetched, {r.new} new, {r.edited} edited" + \
                (" (not modified)" if r.not_modified else "")
            click.echo(f"{r.source}: {status}")
        click.echo(f"{report.new} new, {report.negative} negative, {report.drafts_created} "
                   f"drafts, {report.alerts_queued} alerts queued")
    if report.sources and len(report.failed) == len(report.sources):
        sys.exit(1)


@cli.command()
@click.option("--host", help="Address to bind (default: web.host, 127.0.0.1).")
@click.option("--port", type=int, help="Port (default: web.port).")
@with_config()
def run(host: str | None, port: int | None, settings: cfg.Settings) -> None:
    """The scheduler and the web UI in one long-running process (SIGTERM stops it)."""
    from reviewwatch.scheduler import run_forever

    if host:
        settings.web.host = host
    if port is not None:
        settings.web.port = port
    run_forever(settings)


@cli.command()
@click.option("--host", help="Address to bind (default: web.host, 127.0.0.1).")
@click.option("--port", type=int, help="Port (default: web.port).")
@with_config()
def serve(host: str | None, port: int | None, settings: cfg.Settings) -> None:
    """The web UI alone."""
    from reviewwatch.web import serve as serve_web

    _open(settings).close()
    serve_web(settings, settings.storage_path, host=host, port=port)


def _jsonl(file: str | None, with_draft: bool, settings: cfg.Settings | None,
           business: str | None = None) -> None:
    from reviewwatch import jsonl

    db = None
    if business:
        if settings is None:
            raise click.ClickException("--business needs --config with that business")
        if business not in {b.id for b in settings.businesses}:
            raise click.ClickException(f"no business {business!r} in the config")
    if settings is not None and Path(settings.storage_path).exists():
        db = _open(settings)  # a business's adapted model lives in its database

    # Bytes in, decoded line by line strictly: a bad byte is an error line with its offset.
    stream = click.open_file(file or "-", "rb")
    with stream:
        failed = jsonl.run(stream, sys.stdout, with_draft=with_draft,
                           settings=settings, name=file if file and file != "-" else "<stdin>",
                           business=business, db=db)
    if failed:
        click.echo(f"{failed} line{'s' if failed > 1 else ''} failed", err=True)
        sys.exit(1)


@cli.command()
@click.argument("file", required=False, type=click.Path(exists=True, dir_okay=False,
                                                        allow_dash=True))
@click.option("--business", help="Read as this business (its taxonomy and adapted model).")
@with_config(required=False)
def score(file: str | None, business: str | None, settings: cfg.Settings | None) -> None:
    """JSON Lines in (FILE or stdin), JSON Lines out, each object with its triage added."""
    _jsonl(file, False, settings, business)


@cli.command()
@click.argument("file", required=False, type=click.Path(exists=True, dir_okay=False,
                                                        allow_dash=True))
@click.option("--business", help="Read as this business (its taxonomy and adapted model).")
@with_config(required=False)
def draft(file: str | None, business: str | None, settings: cfg.Settings | None) -> None:
    """JSON Lines in, JSON Lines out, each object with its triage and reply draft added."""
    _jsonl(file, True, settings, business)


@cli.command("eval")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--text-col", required=True, help="Column holding the review text.")
@click.option("--rating-col", required=True, help="Column holding the star rating (truth).")
@click.option("--business", help="Also score with this business's adapted model (before/after).")
@with_config(required=False)
def eval_command(file: str, text_col: str, rating_col: str, business: str | None,
                 settings: cfg.Settings | None) -> None:
    """Precision, recall and F1 of negative detection (rating <= 2), vs plain VADER."""
    from reviewwatch.corrections import model_for
    from reviewwatch.evaluate import main_eval
    from reviewwatch.triage.model import load

    models: dict[str, Any] = {"reviewwatch (shipped model)": load()}
    if business:
        if settings is None or business not in {b.id for b in settings.businesses}:
            raise click.ClickException(f"no business {business!r} in the config")
        models[f"reviewwatch ({business})"] = model_for(_open(settings), business)
    click.echo(main_eval(file, text_col, rating_col, models))


@cli.command("eval-drafts")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, allow_dash=True))
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def eval_drafts_command(file: str, as_json: bool) -> None:
    """Automatic checks on drafts (JSON Lines from `reviewwatch draft`): moves, lint, limits."""
    from reviewwatch import eval_drafts
    from reviewwatch.textinput import read_utf8

    rows = eval_drafts.read(read_utf8(Path(file)).splitlines() if file != "-" else
                            sys.stdin.read().splitlines())
    if not rows:
        raise click.ClickException(f"{file}: no drafts in it (expected `reviewwatch draft` "
                                   "output)")
    result = eval_drafts.evaluate(rows)
    click.echo(json.dumps(result) if as_json else eval_drafts.report(result))


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl",
              show_default=True)
@click.option("--business", help="Only this business id.")
@click.option("--since", help="Only items published on or after this date (YYYY-MM-DD).")
@click.option("--output", "-o", type=click.Path(dir_okay=False), default="-",
              help="Write here instead of stdout.")
@with_config()
def export(fmt: str, business: str | None, since: str | None, output: str,
           settings: cfg.Settings) -> None:
    """Write every item once, with its triage and latest draft."""
    from reviewwatch import export as exporter

    if business:
        settings.business(business)
    if since:
        _parse_date(since, "--since")
    if output == "-":
        exporter.write(_open(settings), sys.stdout, fmt, business, since)
        return
    try:
        with open(output, "w", encoding="utf-8", newline="") as out:
            exporter.write(_open(settings), out, fmt, business, since)
    except OSError as e:
        raise click.ClickException(f"{output}: cannot write it ({e.strerror})") from None


def _parse_date(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise click.BadParameter(f"{text!r} is not a date like 2026-11-22",
                                 param_hint=option) from None


@cli.command()
@click.option("--business", help="Business id (default: each business).")
@click.option("--date", "day", help="The day (YYYY-MM-DD, default: today in its timezone).")
@click.option("--send", is_flag=True, help="Send it by e-mail now.")
@click.option("--preview", type=click.Path(dir_okay=False), help="Write its HTML to FILE.")
@with_config()
def digest(business: str | None, day: str | None, send: bool, preview: str | None,
           settings: cfg.Settings) -> None:
    """Build the daily digest; send it, or write its HTML."""
    from reviewwatch import digest_cmd

    businesses = [settings.business(business)] if business else settings.businesses
    chosen = _parse_date(day, "--date") if day else None
    if not send and not preview:
        raise click.UsageError("give --send or --preview FILE")
    for line in digest_cmd.run(_open(settings), settings, businesses, chosen, send=send,
                               preview=Path(preview) if preview else None):
        click.echo(line)


from reviewwatch import cli_admin, cli_sources  # noqa: E402  (register their command groups)

cli_admin.register(cli)
cli.add_command(cli_sources.sources)

from reviewwatch import cli_ops  # noqa: E402  (notify test, backup, restore)

cli_ops.register(cli)

from reviewwatch.cli_triage import triage_group  # noqa: E402

cli.add_command(triage_group)


def main() -> None:
    """Console-script entry point."""
    os.environ.setdefault("PYTHONIOENCODING", "utf-8")
    cli(prog_name="reviewwatch")


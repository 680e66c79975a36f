"""`reviewwatch sources`: each source's health, and add, edit, pause, resume, remove.

Changes are written to the config file through sources_admin, validated as `config check`
validates, with the owner's comments kept; nothing is written when the result is invalid.
"""

from __future__ import annotations

import json

import click

from reviewwatch import config as cfg
from reviewwatch.cli import Group, _open, with_config


def _health(settings: cfg.Settings, as_json: bool) -> None:
    from reviewwatch import db as store

    rows = store.source_health(_open(settings))
    configured = {s.name: s for s in settings.sources}
    for r in rows:
        r["paused"] = bool(r["name"] in configured and not configured[r["name"]].enabled)
    if as_json:
        click.echo(json.dumps(rows, default=str))
        return
    for r in rows:
        state = "paused" if r["paused"] else r["state"]
        click.echo(f"{r['name']:<28} {r['kind']:<16} {state:<12} items={r['item_count']:<6} "
                   f"last_success={r['last_success_at'] or '-'} "
                   f"failures={r['consecutive_failures']}"
                   + (f"\n    last error: {r['last_error']}" if r["last_error"] and
                      r["consecutive_failures"] and r["state"] != "archived" else "")
                   + (f"\n    degraded: {_degraded_reason(r)}" if state == "degraded"
                      else ""))


def _degraded_reason(row: dict) -> str:
    """Why a source works in a lesser mode (no credentials, page scraping), as it said."""
    try:
        extra = json.loads(row.get("extra") or "{}")
    except ValueError:
        extra = {}
    reason = extra.get("degraded") if isinstance(extra, dict) else None
    return str(reason or "a lesser mode")


@click.group(cls=Group, invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), envvar=cfg.CONFIG_ENV,
              default=cfg.DEFAULT_CONFIG_PATH, show_default=True,
              help="Configuration file (or $REVIEWWATCH_CONFIG).")
@click.pass_context
def sources(ctx: click.Context, as_json: bool, config_path: str) -> None:
    """Each source's health: state, last success, last error, items, failures in a row.

    The subcommands add, edit, pause, resume and remove sources in the config file."""
    if ctx.invoked_subcommand is None:
        _health(cfg.load(config_path), as_json)


def _done(settings: cfg.Settings, message: str) -> None:
    # Record the new config in the database now: a removed source is archived at once.
    _open(settings)
    click.echo(message)


def _problems(e: Exception) -> click.ClickException:
    problems = getattr(e, "problems", None) or [str(e)]
    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
    return click.ClickException(f"nothing was changed: {problems[0]}{more}")


def _assignments(values: tuple[str, ...]) -> dict:
    from reviewwatch import sources_admin

    return dict(sources_admin.parse_assignment(v) for v in values)


@sources.command("add")
@click.argument("business")
@click.argument("name")
@click.option("--kind", required=True, type=click.Choice(cfg.SOURCE_KINDS))
@click.option("--every", help="How often to poll, like 30m or 2h.")
@click.option("--set", "values", multiple=True, metavar="KEY=VALUE",
              help='Another key, as TOML: app_id="123", countries=["us","gb"] (repeatable).')
@click.option("--paused", is_flag=True, help="Add it paused (not polled).")
@with_config()
def sources_add(business: str, name: str, kind: str, every: str | None, values: tuple[str, ...],
                paused: bool, settings: cfg.Settings) -> None:
    """Add a source to a business in the config file."""
    from reviewwatch import sources_admin

    fields = {"name": name, "kind": kind, "every": every, **_assignments(values),
              "enabled": False if paused else None}
    try:
        new = sources_admin.add(settings, business, fields)
    except cfg.ConfigError as e:
        raise _problems(e) from None
    _done(new, f"added {name} ({kind}) to {business} in {settings.path}")


@sources.command("edit")
@click.argument("name")
@click.option("--every", help="How often to poll, like 30m or 2h.")
@click.option("--set", "values", multiple=True, metavar="KEY=VALUE",
              help="Set a key, as TOML (repeatable).")
@click.option("--unset", "unset", multiple=True, metavar="KEY", help="Remove a key (repeatable).")
@with_config()
def sources_edit(name: str, every: str | None, values: tuple[str, ...], unset: tuple[str, ...],
                 settings: cfg.Settings) -> None:
    """Change a source's keys in the config file."""
    from reviewwatch import sources_admin

    changes = {**{k: None for k in unset}, **_assignments(values)}
    if every:
        changes["every"] = every
    if "name" in changes:
        raise click.UsageError("a source's name is fixed (it keys its items)")
    if not changes:
        raise click.UsageError("give --every, --set KEY=VALUE or --unset KEY")
    try:
        new = sources_admin.edit(settings, name, changes)
    except cfg.ConfigError as e:
        raise _problems(e) from None
    _done(new, f"changed {name}: {', '.join(sorted(changes))}")


@sources.command("pause")
@click.argument("name")
@with_config()
def sources_pause(name: str, settings: cfg.Settings) -> None:
    """Stop polling a source (enabled = false); its state and items stay."""
    from reviewwatch import sources_admin

    _done(sources_admin.set_enabled(settings, name, False), f"paused {name}")


@sources.command("resume")
@click.argument("name")
@with_config()
def sources_resume(name: str, settings: cfg.Settings) -> None:
    """Poll a paused source again."""
    from reviewwatch import sources_admin

    _done(sources_admin.set_enabled(settings, name, True), f"resumed {name}")


@sources.command("remove")
@click.argument("name")
@with_config()
def sources_remove(name: str, settings: cfg.Settings) -> None:
    """Remove a source from the config; it is archived and its items are kept."""
    from reviewwatch import sources_admin

    _done(sources_admin.remove(settings, name),
          f"removed {name} from {settings.path}; archived, its items kept")

"""`reviewwatch user ...` and `reviewwatch token ...`: web UI users and API tokens."""

from __future__ import annotations

import getpass
import json

import click

from reviewwatch import config as cfg
from reviewwatch.cli import Group, _open, with_config
from reviewwatch.textinput import read_utf8
from reviewwatch.textsafe import terminal_safe

ACTOR = "cli"


def _password(password_file: str | None) -> str:
    """The new password from --password-file (strict UTF-8, one line) or two prompts."""
    from reviewwatch import users

    if password_file:
        password = read_utf8(password_file).rstrip("\r\n")
    else:
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Again: "):
            raise click.ClickException("the passwords differ")
    users.check_password(password)
    return password


_password_file = click.option(
    "--password-file", type=click.Path(exists=True, dir_okay=False),
    help="Read the password from this file (UTF-8, one line) instead of prompting.")


@click.group(cls=Group)
def user() -> None:
    """Web UI users: add, list, disable, enable, remove, set-password."""


@user.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(["owner", "staff"]), required=True)
@_password_file
@with_config()
def user_add(name: str, role: str, password_file: str | None, settings: cfg.Settings) -> None:
    """Add a web UI user (asks for a password, or reads --password-file)."""
    from reviewwatch import users

    users.add_user(_open(settings), name, role, _password(password_file), actor=ACTOR)
    click.echo(f"added {role} {name}")


@user.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON Lines.")
@with_config()
def user_list(as_json: bool, settings: cfg.Settings) -> None:
    """Every user: role, state, last login, live sessions and usable tokens."""
    from reviewwatch import users

    for u in users.list_users(_open(settings)):
        if as_json:
            click.echo(json.dumps({**u, "disabled": bool(u["disabled"])}))
            continue
        state = "disabled" if u["disabled"] else "active"
        click.echo(terminal_safe(
            f"{u['username']:<20} {u['role']:<6} {state:<9} last_login="
            f"{u['last_login_at'] or 'never'} sessions={u['sessions']} tokens={u['tokens']}"))


@user.command("disable")
@click.argument("name")
@with_config()
def user_disable(name: str, settings: cfg.Settings) -> None:
    """Disable a user: every session ends now and their tokens stop working."""
    from reviewwatch import users

    users.set_disabled(_open(settings), name, True, actor=ACTOR)
    click.echo(f"disabled {name}; their sessions have ended and their tokens stop working")


@user.command("enable")
@click.argument("name")
@with_config()
def user_enable(name: str, settings: cfg.Settings) -> None:
    """Enable a disabled user again (their tokens that are not revoked or expired work)."""
    from reviewwatch import users

    users.set_disabled(_open(settings), name, False, actor=ACTOR)
    click.echo(f"enabled {name}")


@user.command("remove")
@click.argument("name")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@with_config()
def user_remove(name: str, yes: bool, settings: cfg.Settings) -> None:
    """Remove a user with their tokens and sessions (their past decisions keep the name)."""
    from reviewwatch import users

    if not yes:
        click.confirm(f"Remove {name}, their tokens and sessions?", abort=True)
    users.remove_user(_open(settings), name, actor=ACTOR)
    click.echo(f"removed {name}")


@user.command("set-password")
@click.argument("name")
@_password_file
@with_config()
def user_set_password(name: str, password_file: str | None, settings: cfg.Settings) -> None:
    """Give a user a new password; every session they have ends."""
    from reviewwatch import users

    database = _open(settings)
    users.set_password(database, name, _password(password_file), actor=ACTOR)
    click.echo(f"set a new password for {name}; their sessions have ended")


@click.group(cls=Group)
def token() -> None:
    """API tokens for the HTTP API: create, list, revoke."""


@token.command("create")
@click.argument("username")
@click.option("--scope", "scopes", multiple=True,
              help="read, draft, approve or admin (repeatable or comma-separated; default "
                   "read,draft,approve; admin is for owners).")
@click.option("--expires", help="90d, 12h, 2w or a date YYYY-MM-DD (default: never).")
@click.option("--name", help="What the token is for, shown by `token list`.")
@with_config()
def token_create(username: str, scopes: tuple[str, ...], expires: str | None, name: str | None,
                 settings: cfg.Settings) -> None:
    """Create an API token for a user; it is printed once, on stdout."""
    from reviewwatch import users

    issued = users.issue_token(_open(settings), username, list(scopes) or None,
                               users.parse_expiry(expires), name, actor=ACTOR)
    click.echo(issued["token"])
    click.echo(f"token #{issued['id']} for {username}: scopes {','.join(issued['scopes'])}, "
               f"expires {issued['expires_at'] or 'never'}", err=True)


@token.command("list")
@click.option("--user", "username", help="Only this user's tokens.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON Lines.")
@with_config()
def token_list(username: str | None, as_json: bool, settings: cfg.Settings) -> None:
    """Every token (never its value): id, user, scopes, last use, expiry and state."""
    from reviewwatch import users

    for t in users.list_tokens(_open(settings), username):
        if as_json:
            click.echo(json.dumps(t))
            continue
        click.echo(terminal_safe(
            f"#{t['id']:<4} {t['username']:<16} {','.join(t['scopes']):<24} {t['state']:<13} "
            f"expires={t['expires_at'] or 'never'} last_used={t['last_used_at'] or 'never'}"
            + (f"  {t['name']}" if t["name"] else "")))


@token.command("revoke")
@click.argument("token_id", type=int)
@with_config()
def token_revoke(token_id: int, settings: cfg.Settings) -> None:
    """Revoke a token by its id (from `token list`); it stops working at once."""
    from reviewwatch import users

    users.revoke_token(_open(settings), token_id, actor=ACTOR)
    click.echo(f"revoked token #{token_id}")


def register(cli: click.Group) -> None:
    """Add the user and token command groups to the main CLI."""
    cli.add_command(user)
    cli.add_command(token)

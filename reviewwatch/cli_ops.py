"""Operations commands: `notify test`, `backup` and `restore`."""

from __future__ import annotations

from pathlib import Path

import click

from reviewwatch import config as cfg
from reviewwatch.cli import Group, with_config


@click.group(cls=Group)
def notify() -> None:
    """Check that alerts and e-mail reach you."""


@notify.command("test")
@click.option("--slack", is_flag=True, help="Post a test message to alerts.slack_webhook_url.")
@click.option("--email", "mail", is_flag=True, help="Send a test e-mail to digest.to.")
@with_config()
def notify_test(slack: bool, mail: bool, settings: cfg.Settings) -> None:
    """Send a test Slack message and/or e-mail now, before a real review arrives."""
    from reviewwatch.notify import probe

    if not slack and not mail:
        raise click.UsageError("give --slack, --email or both")
    if slack:
        click.echo(probe.send_slack(settings))
    if mail:
        click.echo(probe.send_email(settings))


@click.command("backup")
@click.argument("target", type=click.Path(dir_okay=False))
@click.option("--force", is_flag=True, help="Replace TARGET if it exists.")
@with_config()
def backup_command(target: str, force: bool, settings: cfg.Settings) -> None:
    """Copy the live database to TARGET (0600) through SQLite's online backup API."""
    from reviewwatch import backup

    size = backup.backup(settings.storage_path, Path(target), force=force)
    click.echo(f"backed up {settings.storage_path} to {target} ({size:,} bytes)")


@click.command("restore")
@click.argument("source", type=click.Path(dir_okay=False))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@with_config()
def restore_command(source: str, yes: bool, settings: cfg.Settings) -> None:
    """Replace the database with a backup (the current one is kept beside it)."""
    from reviewwatch import backup

    backup.verify(Path(source))
    if not yes:
        click.confirm(f"Replace {settings.storage_path} with {source}? Everyone will need to "
                      "log in again", abort=True)
    kept = backup.restore(Path(source), settings.storage_path)
    click.echo(f"restored {settings.storage_path} from {source}"
               + (f"; the previous database is kept at {kept}" if kept else ""))


def register(cli: click.Group) -> None:
    """Add the operations commands to the main CLI."""
    cli.add_command(notify)
    cli.add_command(backup_command)
    cli.add_command(restore_command)

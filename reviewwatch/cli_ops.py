"""Operations commands: `notify test`, `backup` and `restore`."""

from __future__ import annotations

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


def register(cli: click.Group) -> None:
    """Add the operations commands to the main CLI."""
    cli.add_command(notify)

"""`reviewwatch drafts llm`: the LLM drafting worker from the terminal or cron."""

from __future__ import annotations

import asyncio
import signal

import click

from reviewwatch import config as cfg
from reviewwatch.cli import _open, with_config


@click.command("llm")
@click.option("--once", is_flag=True, help="Work through the due jobs once and exit (for cron).")
@click.option("--limit", type=click.IntRange(1, 1000), default=None,
              help="At most this many jobs per run (default 20).")
@with_config()
def drafts_llm(once: bool, limit: int | None, settings: cfg.Settings) -> None:
    """Replace queued template drafts with checked model drafts, through [llm]."""
    from reviewwatch import llm_jobs

    if not settings.llm.endpoint:
        raise click.ClickException("[llm] has no endpoint: set llm.endpoint to an "
                                   "OpenAI-compatible server (see `reviewwatch config check`)")
    if not llm_jobs.enabled(settings):
        raise click.ClickException("llm.api_key: its environment variable is not set")
    db = _open(settings)
    batch = limit or llm_jobs.BATCH
    if once:
        report = llm_jobs.run_once(db, settings, limit=batch)
        click.echo(report.summary())
        for draft_id, why in {**report.fallback, **report.skipped}.items():
            click.echo(f"  #{draft_id}: {why}")
        return

    async def main() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        await llm_jobs.work(db, settings, stop)

    click.echo("drafting with the model; Ctrl-C stops it", err=True)
    asyncio.run(main())


def register(drafts: click.Group) -> None:
    """Add `llm` to the `drafts` group."""
    drafts.add_command(drafts_llm)

"""The approval queue from the terminal (users and tokens: `cli_users`)."""

from __future__ import annotations

import json
import os
import textwrap

import click

from reviewwatch import config as cfg
from reviewwatch.cli import Group, _open, with_config
from reviewwatch.textsafe import terminal_safe

CLI_ACTOR_PREFIX = "cli:"


def _actor(name: str | None) -> str:
    return CLI_ACTOR_PREFIX + (name or os.environ.get("USER") or "unknown")


@click.group(cls=Group)
def drafts() -> None:
    """The approval queue: list, show, approve or reject reply drafts."""


@drafts.command("list")
@click.option("--status", default="pending", show_default=True,
              type=click.Choice(["pending", "approved", "rejected", "posted", "failed", "all"]))
@click.option("--business", help="Only this business id.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON Lines.")
@with_config()
def drafts_list(status: str, business: str | None, as_json: bool, settings: cfg.Settings) -> None:
    """List drafts, most urgent first."""
    from reviewwatch import db as store

    rows = store.list_drafts(_open(settings), None if status == "all" else status, business)
    for r in rows:
        if as_json:
            _echo(json.dumps(_public(r), ensure_ascii=False))
            continue
        stars = f"{r['rating']:g}★" if r["rating"] is not None else "mention"
        errors = sum(1 for f in r["lint"] if f.get("severity", "error") == "error")
        flags = (" [review changed]" if r["review_changed"] else "") + \
            (f" [{errors} lint error(s)]" if errors else "")
        snippet = " ".join((r["text"] or "").split())[:70]
        _echo(f"#{r['id']:<5} {r['status']:<9} {r['priority'] or '-':<7} {stars:<8} "
                   f"{r['source']}: {snippet}{flags}")


def _echo(line: str) -> None:
    """Print a line that holds a stranger's text (reviews, names) without its control codes."""
    click.echo(terminal_safe(line))


def _public(r: dict) -> dict:
    keys = ("id", "item_id", "status", "business_id", "source", "author", "rating", "title",
            "text", "url", "reply", "parts", "lint", "fits", "final_text", "review_changed",
            "decided_by", "decided_at", "reject_reason", "publish_mode", "posted_at",
            "post_error", "triage", "created_at", "existing_reply", "existing_reply_at",
            "existing_reply_by", "replaces_reply_at", "replace_confirmed")
    return {k: r.get(k) for k in keys}


@drafts.command("show")
@click.argument("draft_id", type=int)
@with_config()
def drafts_show(draft_id: int, settings: cfg.Settings) -> None:
    """Show one draft with its review, triage and lint findings."""
    from reviewwatch import db as store
    from reviewwatch import queue

    r = store.get_draft(_open(settings), draft_id)
    t = r["triage"] or {}
    _echo(f"Draft #{r['id']} ({r['status']}) for {r['source']} item {r['external_id']}")
    rating = r["rating"] if r["rating"] is not None else "-"
    _echo(f"Author: {r['author'] or '-'}   Rating: {rating}")
    _echo(f"Triage: {t.get('label')} / {t.get('priority')}  aspects: "
               f"{', '.join(t.get('aspects') or []) or '-'}")
    if r["review_changed"]:
        _echo("! The review changed since this draft was written.")
    warning = queue.replace_warning(r)
    if warning:
        reply = queue.existing_reply(r) or {}
        _echo(f"! This draft {warning} (by {reply.get('by')}); approving needs "
              "--confirm-replace.\nExisting reply:\n" + textwrap.indent(reply.get("text", ""),
                                                                        "  "))
    _echo("\nReview:\n" + textwrap.indent((r["title"] + "\n" if r["title"] else "") +
                                              (r["text"] or ""), "  "))
    _echo("\nReply:")
    for part in r["parts"]:
        _echo(f"  [{part['move']}] {part['text']}")
    if r["final_text"]:
        _echo("\nApproved text:\n" + textwrap.indent(r["final_text"], "  "))
    for f in r["lint"]:
        _echo(f"lint {f.get('severity', 'error')}: {f['rule']}: {f['message']}")
    _echo(f"Length: {r['fits'].get('length')} of {r['fits'].get('limit')} "
               f"({r['fits'].get('platform')})")


@drafts.command("approve")
@click.argument("draft_id", type=int)
@click.option("--text", help="Approve this edited reply instead of the draft.")
@click.option("--override", is_flag=True, help="Approve despite lint errors (owner only).")
@click.option("--confirm-replace", is_flag=True,
              help="Replace the owner reply the review already has on the platform.")
@click.option("--as", "actor", help="Who is approving (default: $USER).")
@with_config()
def drafts_approve(draft_id: int, text: str | None, override: bool, confirm_replace: bool,
                   actor: str | None, settings: cfg.Settings) -> None:
    """Approve a draft (optionally edited); lint errors block it unless overridden."""
    from reviewwatch import queue

    r = queue.approve(_open(settings), settings, draft_id, _actor(actor), text=text,
                      override=override, role="owner", confirm_replace=confirm_replace)
    if r["publish_mode"] == "manual":
        click.echo(f"approved #{draft_id}. {r['source']} has no reply API here: post it "
                   f"yourself at {r['url'] or 'the platform'}, then run "
                   f"`reviewwatch drafts posted {draft_id}`.\n\n{r['final_text']}")
    else:
        click.echo(f"approved #{draft_id}; it will be posted by the next delivery")


@drafts.command("retry")
@click.argument("draft_id", type=int)
@click.option("--as", "actor", help="Who is retrying (default: $USER).")
@with_config()
def drafts_retry(draft_id: int, actor: str | None, settings: cfg.Settings) -> None:
    """Post an approved reply whose delivery failed again, as approved."""
    from reviewwatch import queue

    queue.retry(_open(settings), settings, draft_id, _actor(actor))
    click.echo(f"#{draft_id} will be posted again by the next delivery")


@drafts.command("reject")
@click.argument("draft_id", type=int)
@click.option("--reason", help="Why (kept in the audit log).")
@click.option("--as", "actor", help="Who is rejecting (default: $USER).")
@with_config()
def drafts_reject(draft_id: int, reason: str | None, actor: str | None,
                  settings: cfg.Settings) -> None:
    """Reject a draft."""
    from reviewwatch import queue

    queue.reject(_open(settings), draft_id, _actor(actor), reason)
    click.echo(f"rejected #{draft_id}")


@drafts.command("posted")
@click.argument("draft_id", type=int)
@click.option("--as", "actor", help="Who posted it (default: $USER).")
@with_config()
def drafts_posted(draft_id: int, actor: str | None, settings: cfg.Settings) -> None:
    """Record that an approved reply was posted by hand."""
    from reviewwatch import queue

    queue.mark_posted_by_hand(_open(settings), draft_id, _actor(actor))
    click.echo(f"marked #{draft_id} posted")


def register(cli: click.Group) -> None:
    """Add these command groups to the main CLI."""
    from reviewwatch import cli_users

    cli.add_command(drafts)
    cli_users.register(cli)

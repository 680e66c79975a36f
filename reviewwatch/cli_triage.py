"""`reviewwatch triage ...`: train the shipped model, and learn from a business's staff."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from reviewwatch import config as cfg
from reviewwatch.cli import Group, with_config
from reviewwatch.errors import ReviewwatchError


@click.group(name="triage", cls=Group)
def triage_group() -> None:
    """The triage model: train it, correct labels, fit a business's adaptation."""


@triage_group.command("train")
@click.option("--data", "data_dir", type=click.Path(file_okay=False, path_type=Path),
              default=None, help="The labelled data folder (default: ../shared/data).")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Where to write the weights (default: the shipped model's file).")
@click.option("--no-lodo", is_flag=True, help="Skip the leave-one-domain-out table (faster).")
def train_command(data_dir: Path | None, out: Path | None, no_lodo: bool) -> None:
    """Train the shipped model deterministically, with its model card (needs the train extra)."""
    from reviewwatch.triage import model, train

    data_dir = data_dir or Path(os.environ.get("REVIEWWATCH_SHARED", "../shared")) / "data"
    if not data_dir.is_dir():
        raise click.ClickException(f"{data_dir}: no such folder (the labelled data)")
    out = out or model.SHIPPED
    result = train.train_and_write(data_dir, out, out.with_name("MODEL_CARD.md"),
                                   with_lodo=not no_lodo)
    click.echo(f"{out}: {len(result['weights']):,} weights, threshold {result['threshold']}")
    lodo = result.get("leave_one_domain_out")
    if lodo:
        click.echo(f"leave-one-domain-out mean F1: model {lodo['mean_f1']['model']:.3f}, "
                   f"plain VADER {lodo['mean_f1']['vader']:.3f}")


def _business(settings: cfg.Settings, business: str) -> cfg.Business:
    for b in settings.businesses:
        if b.id == business:
            return b
    raise click.ClickException(f"no business {business!r} in the config")


def _db(settings: cfg.Settings):
    from reviewwatch import db as store

    return store.open_database(settings.storage_path)


@triage_group.command("import-labels")
@click.option("--business", required=True, help="The business whose corrections these are.")
@click.option("--as", "actor", default="cli", help="Who is correcting (for the audit log).")
@with_config()
def import_labels(business: str, actor: str, settings: cfg.Settings) -> None:
    """JSON Lines on stdin ({"text", "label"}) stored as the business's corrections."""
    from reviewwatch import corrections
    from reviewwatch.textinput import decode

    _business(settings, business)
    db = _db(settings)
    lines, offset = [], 0
    errors = []
    with click.open_file("-", "rb") as stdin:
        raw_lines = list(stdin)
    for number, raw in enumerate(raw_lines, 1):
        try:
            lines.append(decode(raw, "<stdin>", offset))
        except ReviewwatchError as e:
            errors.append({"error": str(e), "line": number})
            lines.append("")
        offset += len(raw)
    stored, bad = corrections.import_labels(db, business, lines, actor)
    for e in sorted([*errors, *bad], key=lambda e: e["line"]):
        click.echo(json.dumps(e))
    click.echo(f"{stored} correction{'s' if stored != 1 else ''} stored for {business}; "
               f"{corrections.count(db, business)} in all", err=True)
    if errors or bad:
        sys.exit(1)


@triage_group.command("fit")
@click.option("--business", required=True, help="The business to fit.")
@with_config()
def fit_command(business: str, settings: cfg.Settings) -> None:
    """Fit the business's adaptation on its corrections, on top of the shipped model."""
    from reviewwatch import corrections

    _business(settings, business)
    result = corrections.fit(_db(settings), business, actor="cli")
    click.echo(f"{business}: fitted on {result['corrections']} corrections "
               f"({result['features']} adapted features)")


@triage_group.command("correct")
@click.argument("item_id", type=int)
@click.argument("label", type=click.Choice(["negative", "mixed", "neutral", "positive"]))
@click.option("--aspect", "aspects", multiple=True, help="The item's aspect (repeatable).")
@click.option("--as", "actor", default="cli", help="Who is correcting (for the audit log).")
@with_config()
def correct_command(item_id: int, label: str, aspects: tuple[str, ...], actor: str,
                    settings: cfg.Settings) -> None:
    """Correct one stored item's label (and aspects)."""
    from reviewwatch import corrections

    item = corrections.correct_item(_db(settings), item_id, label, actor=actor, origin="cli",
                                    aspects=list(aspects))
    click.echo(f"item {item['id']}: now {label}")

"""The Sources page: each source's health, and owners add, edit, pause and remove them.

Changes go to the config file through sources_admin (validated as `config check` does);
the app then serves the new settings and the database archives a removed source.
"""

from __future__ import annotations

from typing import Any

from flask import abort, current_app, flash, g, redirect, render_template, request, url_for

from reviewwatch import db as store
from reviewwatch import sources_admin
from reviewwatch.config import SOURCE_KINDS, ConfigError, Settings
from reviewwatch.errors import InputError, NotFound
from reviewwatch.web.auth import login_required
from reviewwatch.web.views import web


def _owner() -> None:
    if g.user["role"] != "owner":
        abort(403, description="Only an owner can change sources.")


def _apply(settings: Settings, action: str, name: str) -> None:
    """Serve the new settings at once and record the change."""
    current_app.settings = settings
    current_app.config_watcher.replace(settings)
    database = current_app.db()
    store.sync_config(database, settings)
    store.audit(database, g.user["username"], f"source_{action}", f"source:{name}")


@web.get("/sources")
@login_required
def sources_page():
    """Health of every source; archived ones (gone from the config) listed apart."""
    configured = {s.name: s for s in current_app.settings.sources}
    rows = store.source_health(current_app.db())
    for r in rows:
        source = configured.get(r["name"])
        r["paused"] = bool(source and not source.enabled)
    return render_template("sources.html", sources=[r for r in rows if r["state"] != "archived"],
                           archived=[r for r in rows if r["state"] == "archived"],
                           editable=current_app.settings.path is not None)


def _form_fields() -> tuple[dict[str, Any], str]:
    form = request.form
    fields: dict[str, Any] = {"name": form.get("name", "").strip()[:64],
                              "kind": form.get("kind", "").strip()[:32],
                              "every": form.get("every", "").strip()[:16] or None}
    options_text = form.get("options", "")
    fields.update(sources_admin.parse_options(options_text))
    fields["enabled"] = False if form.get("paused") == "1" else None
    return fields, options_text


def _form(mode: str, values: dict[str, Any], problems: list[str] | None = None,
          status: int = 200):
    return render_template("source_form.html", mode=mode, v=values, kinds=SOURCE_KINDS,
                           problems=problems or []), status


@web.route("/sources/new", methods=["GET", "POST"])
@login_required
def source_new():
    """Add a source to a business."""
    _owner()
    if request.method == "GET":
        first = current_app.settings.businesses[0].id if current_app.settings.businesses \
            else ""
        return _form("new", {"business": request.args.get("business", first), "every": "1h"})
    values = dict(request.form)
    try:
        fields, _ = _form_fields()
        settings = sources_admin.add(current_app.settings, request.form.get("business", ""),
                                     fields)
    except sources_admin.SourceProblems as e:
        return _form("new", values, e.problems, 422)
    except (ConfigError, InputError, NotFound) as e:
        return _form("new", values, [str(e)], 422)
    _apply(settings, "add", fields["name"])
    flash(f"Added {fields['name']}. It is polled from the next scheduler check.", "ok")
    return redirect(url_for("web.sources_page"))


@web.route("/sources/<name>/edit", methods=["GET", "POST"])
@login_required
def source_edit(name: str):
    """Change a source's settings (its name is fixed: it keys its items)."""
    _owner()
    try:
        source = current_app.settings.source(name)
    except ConfigError:
        abort(404, description=f"No source {name!r} in the config.")
    if request.method == "GET":
        raw = sources_admin.source_table(current_app.settings, name)
        return _form("edit", {"name": name, "kind": source.kind, "every": raw.get("every", ""),
                              "paused": "1" if not source.enabled else "",
                              "options": sources_admin.options_text(current_app.settings, name),
                              "business": source.business_id})
    values = {**dict(request.form), "name": name, "business": source.business_id}
    try:
        fields, _ = _form_fields()
        fields["name"] = name
        settings = sources_admin.edit(current_app.settings, name, fields,
                                      replace_options=True)
    except sources_admin.SourceProblems as e:
        return _form("edit", values, e.problems, 422)
    except (ConfigError, InputError, NotFound) as e:
        return _form("edit", values, [str(e)], 422)
    _apply(settings, "edit", name)
    flash(f"Saved {name}.", "ok")
    return redirect(url_for("web.sources_page"))


@web.post("/sources/<name>/pause")
@login_required
def source_pause(name: str):
    """Stop polling a source (enabled = false) without losing anything."""
    return _simple(name, "pause", lambda s: sources_admin.set_enabled(s, name, False),
                   f"Paused {name}.")


@web.post("/sources/<name>/resume")
@login_required
def source_resume(name: str):
    """Poll a paused source again."""
    return _simple(name, "resume", lambda s: sources_admin.set_enabled(s, name, True),
                   f"Resumed {name}.")


@web.post("/sources/<name>/remove")
@login_required
def source_remove(name: str):
    """Take a source out of the config; it is archived, its items kept."""
    return _simple(name, "remove", lambda s: sources_admin.remove(s, name),
                   f"Removed {name} from the config; it is archived and its items are kept.")


def _simple(name: str, action: str, change, message: str):
    _owner()
    try:
        settings = change(current_app.settings)
    except sources_admin.SourceProblems as e:
        flash("; ".join(e.problems[:3]), "error")
        return redirect(url_for("web.sources_page"))
    except (ConfigError, InputError, NotFound) as e:
        flash(str(e), "error")
        return redirect(url_for("web.sources_page"))
    _apply(settings, action, name)
    flash(message, "ok")
    return redirect(url_for("web.sources_page"))

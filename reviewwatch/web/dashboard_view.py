"""The home page: the dashboard, per business or over all of them."""

from __future__ import annotations

from flask import abort, current_app, redirect, render_template, request, url_for

from reviewwatch import dashboard
from reviewwatch.aspect_names import aspect_name
from reviewwatch.web import charts
from reviewwatch.web.auth import login_required
from reviewwatch.web.views import web


@web.get("/")
@login_required
def index():
    """Volume, rating, negative share, response against the benchmarks, aspects, sources."""
    settings = current_app.settings
    business = request.args.get("business") or None
    if business and business not in {b.id for b in settings.businesses}:
        abort(404, description=f"No business {business!r} in the config.")
    days = request.args.get("days", dashboard.DEFAULT_DAYS, type=int)
    data = dashboard.build(current_app.db(), settings, business, days, current_app.clock())
    r = data["response"]
    return render_template(
        "dashboard.html", **data, business=business, windows=dashboard.WINDOWS,
        business_name=settings.business(business).name if business else None,
        volume_svg=charts.volume_chart(data["series"]),
        rating_svg=charts.rating_chart(data["series"]),
        reply_svg=charts.reply_time_chart(r["median_minutes"], r["customer_expects_minutes"],
                                          r["business_average_minutes"]),
        sparks={a["aspect"]: charts.sparkline(a["trend"], f"Trend of {aspect_name(a['aspect'])}")
                for a in data["aspects"]},
        minutes_text=charts.minutes_text)


@web.get("/favicon.ico")
def favicon():
    """Browsers ask for /favicon.ico before reading the page's <link rel=icon>."""
    return redirect(url_for("static", filename="favicon.svg"))

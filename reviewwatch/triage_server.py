"""Imported by the triage workers' fork server (parallel.py) and nowhere else.

Importing it loads what every worker needs, once, in the server: the model's weight tables,
the lexicons, the language detector with its models (built on the first text that is not
plainly English), the phrase banks and the linter, by triaging and drafting a few texts.
The workers forked from the server then share those pages. `gc.freeze()` moves what is
loaded out of the collector's generations, so a worker's garbage collections do not touch
(and so copy) the shared objects.
"""

from __future__ import annotations

import gc

from responders import compose_draft
from reviewwatch import parallel, pipeline  # noqa: F401 (the workers' own code, shared)
from reviewwatch.config import Business
from reviewwatch.triage import triage

WARM_UP = (
    ("The soup was cold and the waiter was rude. We waited an hour.", 1),
    ("room tiny staff rude wifi broken", 2),  # terse: the English vocabulary
    ("Das Essen war kalt und der Kellner war leider sehr unfreundlich.", 1),  # lingua
    ("Lovely stay, friendly staff, great breakfast.", 5),
)


def _warm_up() -> None:
    business = Business(id="warm-up", name="Warm Up", signature="The team",
                        contact="team@example.invalid")
    for text, rating in WARM_UP:
        result = triage(text, rating=rating)
        compose_draft({"text": text, "rating": rating, "kind": "review", "author": "Sam"},
                      result, business)


_warm_up()
gc.freeze()

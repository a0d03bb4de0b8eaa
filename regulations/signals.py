"""What the regulations app announces.

`document_state_changed` is sent (with `document_ids`) when documents' computed legal status
or current version changed without the page being published again (a date passed, another
document replacing them arrived): the search app listens and indexes them again. Content apps
never import search; they publish signals. `next_state_change` (with `day`) says when the
stored states must next be recomputed. How the app keeps its own stored states true (its
receivers) is in `regulations/receivers.py`.
"""

from django.dispatch import Signal

document_state_changed = Signal()

next_state_change = Signal()
"""Sent (with `day`) after a refresh of the stored states when a status or the current version
will change on a later day without any edit; `regulations.receivers` schedules the next refresh."""

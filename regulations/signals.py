"""What the regulations app announces.

`document_state_changed` is sent (with `document_ids`) when documents' computed legal status
or current version changed without the page being published again (a date passed, another
document replacing them arrived): the search app listens and indexes them again. Content apps
never import search; they publish signals. How the app keeps its own stored states true (its
receivers) is in `regulations/receivers.py`.
"""

from django.dispatch import Signal

document_state_changed = Signal()

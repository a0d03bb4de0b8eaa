"""What the consultations app announces (search listens: a kind's `signal_changes`)."""

from django.dispatch import Signal

# Sent with `consultation_ids` when consultations' stored status changed (they opened or closed
# at a time nobody published anything: consultations.states.refresh_statuses).
consultation_status_changed = Signal()

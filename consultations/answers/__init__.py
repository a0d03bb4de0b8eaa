"""Answers to comments (issue 8, item 1): which comments wait for an answer (`queries`), the
state changes with their rules (`actions`), and the staff's queue in the admin (`admin_views`)."""

"""Moderation of comments (docs/consultations.md, "Moderation").

- `actions.py`: approve, hide (with a reason and the public note it leaves), restore; each
  writes one ModerationEvent (who, when, why), in the comment's own transaction;
- `queue.py`: what waits for a moderator (pre-moderated comments, comments reported since their
  last review);
- `flags.py`: a signed-in person reports a comment (django_comments' CommentFlag "removal
  suggestion", its `comment_was_flagged` signal), within a limit per hour;
- `views.py` (the public report page) and `admin_views.py` (the queue in the Wagtail admin),
  with their URLs; who may do what is consultations.access.
"""

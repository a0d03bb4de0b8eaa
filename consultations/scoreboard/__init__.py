"""Accountability at a glance (issue 8, item 7): per agency, consultations held, comments
received, share answered, share answered by the deadline, median days to answer and comments
overdue now — `figures` (pure) computes them, `collect` reads the facts in a fixed number of
queries, `views` serve the page (chart and table) and `GET /api/v1/consultations/scoreboard`."""

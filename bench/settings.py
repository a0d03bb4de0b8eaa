"""Settings for `make bench`: the development settings with DEBUG off.

`portal.settings.dev` forces DEBUG on, which keeps every SQL query in memory and renders
debug pages; a benchmark must measure the portal as it runs in production, so this turns it off.
The database (DATABASE_URL) and the index prefix (SEARCH_INDEX_PREFIX=bench) come from the
environment set by scripts/bench.sh.
"""

from portal.settings.dev import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1"]

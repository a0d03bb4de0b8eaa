"""The public API's OpenAPI schema (/api/v1/schema/, drf-spectacular).

drf-spectacular documents every DRF view it finds, Wagtail's internal admin API
(/quan-tri/api/main/...) included. The schema describes the public API only: the versioned
paths under /api/v1/, without the schema view itself.
"""

PUBLIC_API_PREFIX = "/api/v1/"
SCHEMA_PATH = "/api/v1/schema/"


def public_api_only(endpoints: list[tuple], **kwargs) -> list[tuple]:
    """drf-spectacular preprocessing hook: keep the public endpoints (path, regex, method, view)."""
    return [
        endpoint
        for endpoint in endpoints
        if endpoint[0].startswith(PUBLIC_API_PREFIX) and not endpoint[0].startswith(SCHEMA_PATH)
    ]

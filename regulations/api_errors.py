"""The public API's error format, one definition for every app's API.

A 400 answers ``{"error": title, "errors": {field: message}, "allowed": {field: [values]}}``:
each bad field (or parameter, or field path such as ``recurring.steps[0].hours``) named with a
message in Vietnamese and English (``"tiếng Việt / English"``), and for enumerated fields the
values accepted. The search API, the compliance-cost API and the consultation API answer with
it. It lives here, in the lowest Django layer (docs/architecture.md, "Layers"), so that every
app above may use it.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.functional import Promise
from django.utils.translation import override
from rest_framework import serializers
from rest_framework.response import Response


class ErrorSerializer(serializers.Serializer):
    """The shape of a 400 answer (the schema's ``Error`` component)."""

    error = serializers.CharField(help_text="What was refused (vi / en).")
    errors = serializers.DictField(
        child=serializers.CharField(), help_text="Field, parameter or field path → message (vi / en)."
    )
    allowed = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="The accepted values of enumerated fields that were refused.",
    )


def bilingual(message: str | Promise) -> str:
    """A message in Vietnamese and English, ``"tiếng Việt / English"``. A lazy (gettext_lazy)
    message is rendered in both languages; a plain string is kept as it is."""
    if not isinstance(message, Promise):
        return str(message)
    with override("vi"):
        vietnamese = str(message)
    with override("en"):
        english = str(message)
    return vietnamese if vietnamese == english else f"{vietnamese} / {english}"


def error_response(
    title: str | Promise,
    errors: Mapping[str, str | Promise],
    allowed: Mapping[str, list[str]] | None = None,
    status: int = 400,
) -> Response:
    """The error answer: each message in both languages."""
    return Response(
        {
            "error": bilingual(title),
            "errors": {field: bilingual(message) for field, message in errors.items()},
            "allowed": dict(allowed or {}),
        },
        status=status,
    )

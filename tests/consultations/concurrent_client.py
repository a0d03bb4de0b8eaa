"""A separate process that sends comments through the API (Django's test client, in-process
WSGI, its own database connection): run twice at once by test_concurrency.py.

Usage: python -m tests.consultations.concurrent_client CONSULTATION_ID API_KEY COUNT TAG [IDEMPOTENCY_KEY]
Prints one status code per line.
"""

import os
import sys

import django


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
    django.setup()
    from django.test import Client

    consultation_id, key, count, tag = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    idempotency_key = sys.argv[5] if len(sys.argv) > 5 else ""
    client = Client()
    for n in range(count):
        body = {
            "text": f"Ý kiến {tag} số {n}." if not idempotency_key else "Cùng một ý kiến.",
            "commenter_type": "individual",
            "idempotency_key": idempotency_key,
        }
        response = client.post(
            f"/api/v1/consultations/{consultation_id}/comments",
            body,
            content_type="application/json",
            headers={"X-Api-Key": key},
        )
        print(response.status_code, response.json().get("receipt_number", ""), flush=True)


if __name__ == "__main__":
    main()

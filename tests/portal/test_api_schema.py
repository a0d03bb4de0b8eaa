"""The public API's schema (/api/v1/schema/) tells the truth: it lists the public API only, with
the bounds the views enforce, and schemathesis finds no server error, no response that breaks the
schema and no undocumented status code when it fuzzes a running server against it.

Every operation in the schema is fuzzed, so an API added later is covered without a new test.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from search import health
from search.client import get_client
from search.tasks import drain
from tests.compliance_cost.factories import add_item, make_plan, make_profile, make_regulation
from tests.corpus import REPO
from tests.regulations.builders import make_document

SCHEMA = "/api/v1/schema/"
# Every check runs (schemathesis enables them all by default; `--checks all` would also override
# the one exception that schemathesis.toml makes, with its reason). Examples are bounded: the run
# stays near a minute on 2 cores. A deeper run:
# SCHEMATHESIS_MAX_EXAMPLES=500 scripts/test.sh tests/portal/test_api_schema.py
MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "50"))  # per operation


def parameters(schema: dict, path: str) -> dict[str, dict]:
    return {p["name"]: p["schema"] for p in schema["paths"][path]["get"]["parameters"]}


@pytest.mark.django_db
def test_it_publishes_only_the_public_api_with_the_bounds_the_views_enforce(client):
    make_document()
    schema = client.get(SCHEMA, {"format": "json"}).json()
    assert {"/api/v1/search/", "/api/v1/search/suggest/"} <= set(schema["paths"])
    assert all(path.startswith("/api/v1/") for path in schema["paths"])  # not Wagtail's admin API
    assert SCHEMA not in schema["paths"]
    search = parameters(schema, "/api/v1/search/")
    assert (search["size"]["minimum"], search["size"]["maximum"]) == (1, 100)
    assert (search["page"]["minimum"], search["page"]["maximum"]) == (1, 100)
    assert (search["year_from"]["minimum"], search["year_to"]["maximum"]) == (1945, 2100)
    assert search["agency"]["items"]["enum"] == ["chinh-phu"]
    assert "nghi-dinh" in search["doc_type"]["items"]["enum"]
    assert search["agency"]["maxItems"] == 20
    for refused in ({"size": 0}, {"page": 0}, {"page": 101}, {"agency": "bo-khong-co"}):
        assert client.get("/api/v1/search", refused).status_code == 400, refused


@pytest.fixture
def indexed_library(search_indexes, search_index_prefix):
    health.reset()
    make_document()
    make_document(
        number="01/2021/TT-BTC",
        title="Thông tư 01/2021/TT-BTC hướng dẫn hòa giải",
        issuer="Bộ Tài chính",
        doc_type="thong-tu",
        fields=["Thuế"],
    )
    make_document(number="09/2017/QH14", title="Luật Du lịch", issuer="Quốc hội", doc_type="luat")
    # A cost profile and a reduction plan, so the compliance cost API's detail operations have
    # ids to read (schemathesis follows the lists' ids).
    regulation = make_regulation()
    make_profile(regulation)
    add_item(make_plan(), regulation, after_entered=1_000_000, after_evidence_kind="survey", after_evidence_source="x")
    assert drain(reschedule=False).remaining == 0
    get_client().indices.refresh(index=f"{search_index_prefix}-*")


@pytest.fixture
def commenter(django_user_model):
    """An open consultation and an API key, so that the comment API is fuzzed past its 401."""
    from consultations.intake.api_keys import issue_key
    from tests.consultations.builders import make_consultation

    make_consultation()
    return issue_key(django_user_model.objects.create_user("schemathesis", "st@example.vn", "x"))[1]


@pytest.mark.opensearch
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_it_passes_every_schemathesis_check_against_a_running_server(
    indexed_library, commenter, live_server, tmp_path, settings
):
    settings.CONSULTATION_RATE_LIMITS = {"account": [(10_000, 60)], "ip": [(10_000, 60)]}
    run = subprocess.run(
        [
            str(Path(sys.executable).with_name("schemathesis")),
            "--config-file",
            str(REPO / "schemathesis.toml"),
            "run",
            f"{live_server.url}{SCHEMA}?format=json",
            "--max-examples",
            str(MAX_EXAMPLES),
            "--seed",
            "6",
            "--workers",
            "1",
            "--generation-database",
            "none",
            "--request-timeout",
            "30",
            "--no-color",
            "--header",
            f"X-Api-Key: {commenter}",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "SCHEMATHESIS_HOOKS": ""},
    )
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
    operations = re.search(r"Operations:\s+(\d+) selected / (\d+) total", run.stdout)
    assert operations and operations[1] == operations[2] and int(operations[2]) >= 2, run.stdout
    assert "No issues found" in run.stdout, run.stdout

"""POST /api/v1/compliance-cost/calculate and /compare: the contract, the 400s, the schema."""

import copy
import json

import jsonschema
import pytest
import yaml

from compliance_cost.models import ParameterSet
from tests.compliance_cost.builders import ISSUE_EXAMPLE

pytestmark = pytest.mark.django_db

CALCULATE = "/api/v1/compliance-cost/calculate"
COMPARE = "/api/v1/compliance-cost/compare"


def post(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


def example(**changes):
    data = copy.deepcopy(ISSUE_EXAMPLE)
    data.update(changes)
    return data


def example_recurring(**changes):
    data = example()
    data["recurring"].update(changes)
    return data


@pytest.fixture(scope="module")
def openapi(django_db_blocker):
    from django.test import Client

    with django_db_blocker.unblock():
        response = Client().get("/api/v1/schema/")
    assert response.status_code == 200
    return yaml.safe_load(response.content)


def json_schema(node):
    """OpenAPI 3.0 → JSON Schema draft 4: ``nullable: true`` becomes "or null"."""
    if isinstance(node, list):
        return [json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    converted = {key: json_schema(value) for key, value in node.items() if key not in ("nullable", "example")}
    if node.get("nullable"):
        return {"anyOf": [converted, {"type": "null"}]}
    return converted


def validator(openapi, schema):
    root = {**json_schema(schema), "components": json_schema(openapi["components"])}
    return jsonschema.Draft4Validator(root)


def request_schema(openapi, path):
    return openapi["paths"][path]["post"]["requestBody"]["content"]["application/json"]["schema"]


def response_schema(openapi, path, status="200"):
    return openapi["paths"][path]["post"]["responses"][status]["content"]["application/json"]["schema"]


def test_it_answers_the_issue_example_with_unrounded_numbers(client, django_assert_num_queries):
    """325,000 × 12 × (2 × 43,750 + 500,000 + 30,000) = 2,408,250,000,000, one read of the
    parameter sets, nothing written."""
    with django_assert_num_queries(1):
        response = post(client, CALCULATE, ISSUE_EXAMPLE)
    assert response.status_code == 200
    assert response.json() == {
        "method": "vn",
        "hourly_rate": 43750,
        "cost_per_occurrence": 617500,
        "occurrences_per_subject": 12,
        "one_off_per_subject": 0,
        "total": 2408250000000,
        "annual_average": 2408250000000,
        "breakdown": {
            "time": 341250000000,
            "services": 0,
            "fees": 1950000000000,
            "other": 117000000000,
            "one_off": 0,
        },
        "yearly": [2408250000000],
        "range": None,
        "parameter_set": None,
    }


def test_it_records_the_parameter_set_that_supplied_the_rate(client):
    data = example()
    del data["hourly_value"], data["overhead_multiplier"]
    response = post(client, CALCULATE, data)
    assert response.status_code == 200
    used = response.json()["parameter_set"]
    current = ParameterSet.objects.current("vn")
    assert used["id"] == current.pk
    assert (used["method"], used["base_year"], used["hourly_value"], used["overhead_multiplier"]) == (
        "vn",
        2024,
        43750,
        1,
    )
    assert "Tổng cục Thống kê" in used["source"]
    assert used["used_for"] == ["hourly_value", "overhead_multiplier"]
    assert response.json()["total"] == 2408250000000


def test_it_excludes_fees_from_the_scm_burden_but_shows_them(client):
    """scm 2024: 43,750 × 1.25 = 54,687.50 an hour; per dossier 2 × 54,687.50 + 30,000 = 139,375
    (the 500,000 fee is not in it); 325,000 × 12 × 139,375 = 543,562,500,000."""
    data = example(method="scm")
    del data["hourly_value"], data["overhead_multiplier"]
    body = post(client, CALCULATE, data).json()
    assert body["hourly_rate"] == 54687.5
    assert body["cost_per_occurrence"] == 139375
    assert body["total"] == 543562500000
    assert body["breakdown"]["fees"] == 1950000000000
    assert body["parameter_set"]["method"] == "scm"


def test_it_returns_a_range_when_an_input_has_one(client):
    data = example_recurring(
        steps=[
            {
                "name": "Chuẩn bị",
                "hours": {"value": 2, "low": 1, "high": 4, "evidence": {"kind": "survey", "source": "Khảo sát"}},
            }
        ]
    )
    body = post(client, CALCULATE, data).json()
    low, high = body["range"]["low"], body["range"]["high"]
    assert low["cost_per_occurrence"] == 43750 + 530000
    assert high["cost_per_occurrence"] == 4 * 43750 + 530000
    assert low["total"] < body["total"] < high["total"]


def test_it_accepts_a_trailing_slash(client):
    assert post(client, CALCULATE + "/", ISSUE_EXAMPLE).status_code == 200


def test_it_compares_before_and_after(client):
    """After: 4 dossiers a year instead of 12 → saving 325,000 × 8 × 617,500 = 1,605,500,000,000;
    rate 2/3."""
    after = example_recurring(per_year=4)
    response = post(client, COMPARE, {"before": ISSUE_EXAMPLE, "after": after})
    assert response.status_code == 200
    body = response.json()
    assert body["saving_annual"] == 1605500000000
    assert body["reduction_rate"] == pytest.approx(2 / 3, rel=1e-15)
    assert body["before"]["annual_average"] == 2408250000000
    assert body["after"]["annual_average"] == 802750000000
    assert body["range"] is None


BAD_INPUTS = [
    ("negative hours", example_recurring(steps=[{"hours": -2}]), "recurring.steps[0].hours"),
    ("absurd persons", example_recurring(steps=[{"hours": 2, "persons": 100000}]), "recurring.steps[0].persons"),
    ("absurd amount", example_recurring(fees=[{"amount": 10**15}]), "recurring.fees[0].amount"),
    ("frequency zero", example_recurring(per_year=0), "recurring.per_year"),
    ("both frequencies", example_recurring(every_years=2), "recurring.every_years"),
    ("first year past horizon", example_recurring(first_year=2), "recurring.first_year"),
    ("unknown method", example(method="rbm"), "method"),
    ("text for a number", example(subjects="ba trăm nghìn"), "subjects"),
    ("text for hours", example_recurring(steps=[{"hours": "2 giờ"}]), "recurring.steps[0].hours"),
]


@pytest.mark.parametrize(("case", "data", "field"), BAD_INPUTS, ids=[case for case, _, _ in BAD_INPUTS])
def test_it_names_the_field_of_each_bad_input_in_both_languages(client, case, data, field):
    response = post(client, CALCULATE, data)
    assert response.status_code == 400, case
    body = response.json()
    assert set(body) == {"error", "errors", "allowed"}
    assert body["error"] == "Dữ liệu tính chi phí tuân thủ không hợp lệ / invalid compliance cost input"
    assert field in body["errors"]
    vietnamese, english = body["errors"][field].split(" / ", 1)
    assert vietnamese and english and vietnamese != english


def test_it_lists_the_allowed_methods(client):
    body = post(client, CALCULATE, example(method="rbm")).json()
    assert body["allowed"] == {"method": ["vn", "scm"]}


def test_it_refuses_a_method_without_an_active_parameter_set(client):
    ParameterSet.objects.filter(method="scm").update(is_active=False)
    data = example(method="scm")
    del data["hourly_value"]
    body = post(client, CALCULATE, data).json()
    assert "no active parameter set for method 'scm'" in body["errors"]["hourly_value"]
    assert "Chưa có bộ tham số đang áp dụng" in body["errors"]["hourly_value"]


def test_it_refuses_a_body_that_is_not_json(client):
    response = client.post(CALCULATE, "{not json", content_type="application/json")
    assert response.status_code == 400
    assert "body" in response.json()["errors"]
    response = client.post(CALCULATE, '{"subjects": NaN}', content_type="application/json")
    assert response.status_code == 400
    assert client.post(CALCULATE, {"method": "vn"}).status_code == 415


def test_it_names_the_side_of_a_bad_comparison(client):
    response = post(client, COMPARE, {"before": ISSUE_EXAMPLE, "after": example(method="scm", subjects=-1)})
    assert response.status_code == 400
    assert {"after.method", "after.subjects"} <= set(response.json()["errors"])
    assert "after" in post(client, COMPARE, {"before": ISSUE_EXAMPLE}).json()["errors"]


def test_it_publishes_both_endpoints_in_the_openapi_schema(openapi):
    for path, operation in (
        ("/api/v1/compliance-cost/calculate/", "compliance_cost_calculate"),
        ("/api/v1/compliance-cost/compare/", "compliance_cost_compare"),
    ):
        post_operation = openapi["paths"][path]["post"]
        assert post_operation["operationId"] == operation
        assert {"200", "400", "415"} <= set(post_operation["responses"])
    calculation = request_schema(openapi, "/api/v1/compliance-cost/calculate/")
    assert calculation["additionalProperties"] is False
    hours = calculation["properties"]["recurring"]["properties"]["steps"]["items"]["properties"]["hours"]
    assert hours["oneOf"][0] == {"type": "number", "minimum": 0, "maximum": 8760}


def test_it_keeps_requests_and_responses_within_the_schema(client, openapi):
    path = "/api/v1/compliance-cost/calculate/"
    requests = validator(openapi, request_schema(openapi, path))
    assert requests.is_valid(ISSUE_EXAMPLE)
    assert not requests.is_valid(example_recurring(steps=[{"hours": -2}]))
    assert not requests.is_valid(example(extra=1))
    responses = validator(openapi, response_schema(openapi, path))
    ranged = example_recurring(steps=[{"hours": {"value": 2, "low": 1, "high": 4}}])
    for data in (ISSUE_EXAMPLE, ranged):
        responses.validate(post(client, CALCULATE, data).json())
    errors = validator(openapi, response_schema(openapi, path, "400"))
    errors.validate(post(client, CALCULATE, example(method="rbm")).json())

    compare_path = "/api/v1/compliance-cost/compare/"
    assert validator(openapi, request_schema(openapi, compare_path)).is_valid(
        {"before": ISSUE_EXAMPLE, "after": ranged}
    )
    comparison = post(client, COMPARE, {"before": ISSUE_EXAMPLE, "after": ranged}).json()
    validator(openapi, response_schema(openapi, compare_path)).validate(comparison)
    assert comparison["range"]["saving_annual"]["low"] <= comparison["saving_annual"]

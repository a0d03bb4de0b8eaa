"""The accountability scoreboard: per agency, consultations held, comments received, share
answered, share answered by the deadline, median days to answer, overdue now — the page (chart
and table) and GET /api/v1/consultations/scoreboard say the same."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from consultations.answers import actions
from consultations.models import Answer, CommentStatus, ConsultationComment, Disposition
from consultations.scoreboard.figures import CommentFact, figures
from tests.consultations.builders import make_comment, make_consultation

API = "/api/v1/consultations/scoreboard"


def fact(agency=1, closing=date(2026, 3, 1), deadline=date(2026, 3, 31), answered=None, needs=True):
    return CommentFact(agency, needs, closing, deadline, answered)


def test_it_computes_the_shares_the_median_and_the_overdue_without_a_database():
    today = date(2026, 4, 10)
    facts = [
        fact(answered=date(2026, 3, 11)),  # 10 days, on time
        fact(answered=date(2026, 4, 5)),  # 35 days, late
        fact(),  # overdue
        fact(needs=False),  # hidden: not counted here
        fact(agency=2, deadline=date(2026, 5, 1), answered=date(2026, 3, 3)),  # not due yet, 2 days
        fact(agency=2, deadline=date(2026, 5, 1)),  # not due yet, not overdue
    ]
    first, second = figures({1: 1, 2: 1}, {1: 4, 2: 2}, facts, today)
    assert (first.agency_id, first.needing_answer, first.answered, first.due, first.answered_on_time) == (1, 3, 2, 3, 1)
    assert first.answered_share == pytest.approx(2 / 3) and first.on_time_share == pytest.approx(1 / 3)
    assert first.median_days_to_answer == 22.5 and first.overdue_now == 1
    assert (second.agency_id, second.due, second.on_time_share, second.overdue_now) == (2, 0, None, 0)
    assert second.answered_share == 0.5 and second.median_days_to_answer == 2.0


@pytest.mark.django_db
def test_it_shows_each_agency_on_the_page_and_in_the_api(client, finance_folder, trade_folder, alice, bob):
    overdue = make_consultation(agency="Bộ Tài chính", opens_at=timezone.now() - timedelta(days=70), days=30)
    answered, late, hidden = (make_comment(overdue, text=f"Góp ý {i}") for i in range(3))
    ConsultationComment.objects.filter(pk=hidden.pk).update(status=CommentStatus.HIDDEN)
    actions.approve_answer(
        bob, actions.write_answer(alice, comment=answered, disposition=Disposition.ACCEPTED, text="Ok")
    )
    # Published within the deadline (closing + 30 days, passed 10 days ago).
    Answer.objects.filter(comment=answered).update(published_at=timezone.now() - timedelta(days=15))
    make_consultation(agency="Bộ Công Thương")  # open: nothing due
    make_consultation(agency="Bộ Công Thương", slug="sap-mo", opens_at=timezone.now() + timedelta(days=3))

    body = client.get(API).json()
    assert body["date"] == timezone.localdate().isoformat()
    by_agency = {line["agency"]["name"]: line for line in body["results"]}
    finance = by_agency["Bộ Tài chính"]
    assert finance["consultations"] == 1 and finance["comments"] == 3
    assert finance["comments_needing_answer"] == 2 and finance["answered"] == 1 and finance["answered_share"] == 50.0
    assert (
        finance["comments_due"] == 2 and finance["answered_on_time"] == 1 and finance["answered_on_time_share"] == 50.0
    )
    assert finance["median_days_to_answer"] == 25.0 and finance["overdue_now"] == 1
    trade = by_agency["Bộ Công Thương"]
    assert trade["consultations"] == 1  # the upcoming one has not opened
    assert trade["answered_on_time_share"] is None and trade["overdue_now"] == 0
    assert [line["agency"]["name"] for line in body["results"]] == ["Bộ Tài chính", "Bộ Công Thương"]

    html = client.get("/tham-van/thong-ke-tra-loi/").content.decode()
    assert "<svg" in html and "<table" in html
    assert "% (1/2)" in html and "Bộ Công Thương" in html
    assert late.receipt_number not in html


@pytest.mark.django_db
def test_it_documents_the_scoreboard_in_the_openapi_schema(client):
    schema = client.get("/api/v1/schema/", {"format": "json"}).json()
    operation = schema["paths"]["/api/v1/consultations/scoreboard/"]["get"]
    assert operation["operationId"] == "consultations_scoreboard"
    assert client.get(API).json()["results"] == []

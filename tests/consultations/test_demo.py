"""The demo consultations: seed 000's draft resolution open for comment at Văn phòng Chính phủ
(opened a week ago, closing 30 days from today), an upcoming and a closed one made from other
real texts of the corpus; a second run keeps them and moves their dates with today."""

from datetime import date, datetime, time, timedelta

import pytest

from consultations.demo import load_demo_consultations
from consultations.models import ConsultationPage
from consultations.timeline import VIETNAM, closing_moment
from consultations.units import commentable_units
from portal.site_setup import ensure_home_page
from regulations.demo import load_demo
from regulations.library import ensure_library

pytestmark = pytest.mark.django_db


def test_it_publishes_seed_000_as_an_open_consultation_and_two_more(corpus_dir, client):
    ensure_library(ensure_home_page())
    assert load_demo(corpus_dir).errors == []
    today = date.today()
    demo = load_demo_consultations(corpus_dir, today=today)

    seed = demo.open
    assert seed.url == "/tham-van/van-phong-chinh-phu/du-thao-nghi-quyet-day-manh-cai-cach-thu-tuc-hanh-chinh/"
    assert seed.lead_agency.name == "Văn phòng Chính phủ" and seed.live
    assert seed.opens_at == datetime.combine(today - timedelta(days=7), time(8), tzinfo=VIETNAM)
    assert seed.closes_at == closing_moment(today + timedelta(days=30))
    assert seed.status == "open" and seed.doc_type == "nghi-quyet"
    assert seed.document.external_id == "seed:000_30dcf1b77f192af4"
    assert len(commentable_units(seed.version)) == 34
    assert (demo.upcoming.status, demo.closed.status) == ("upcoming", "closed")
    assert demo.upcoming.document.legal_status == "du-thao" and demo.upcoming.document.number == ""
    assert demo.closed.version.provisions.filter(kind="article").count() > 50

    response = client.get("/tham-van/")
    assert response.status_code == 200
    body = response.content.decode()
    assert body.index("Dự thảo Nghị quyết") < body.index("kinh doanh vàng") < body.index("Kinh doanh bất động sản")
    assert client.get(seed.url).status_code == 200

    later = load_demo_consultations(corpus_dir, today=today + timedelta(days=10))
    assert ConsultationPage.objects.count() == 3 and later.open.pk == seed.pk
    later.open.refresh_from_db()
    assert later.open.closes_at == closing_moment(today + timedelta(days=40))

"""Following: the buttons on the consultation, agency and list pages, sign-in required (nothing
stored without it), HTMX and plain POST, the "my follows" page, the feeds and the signed
unsubscribe links (tampered or expired: refused, nothing changed)."""

import time
from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.core import signing
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from consultations.follows import tokens
from consultations.follows.tasks import next_run, send_daily_digests_task
from consultations.models import DigestState, Follow
from consultations.synthesis import publishing
from regulations.models import Field
from tests.consultations.builders import make_consultation, make_draft

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def consultation(finance_folder):
    page = make_consultation(agency="Bộ Tài chính", title="Dự thảo Thông tư về hóa đơn điện tử")
    field = Field.objects.create(name="Thuế", slug="thue")
    page.fields.add(field)
    page.save_revision().publish()
    return page


def _post(client, consultation, action="follow", htmx=False, **values):
    data = {"kind": "consultation", "target": consultation.pk, "action": action, "next": consultation.url, **values}
    headers = {"HX-Request": "true"} if htmx else {}
    return client.post("/theo-doi/", data, headers=headers)


def test_it_sends_a_visitor_to_sign_in_with_a_message_and_stores_nothing(client, consultation):
    page = client.get(consultation.url).content.decode()
    assert "Theo dõi dự thảo này" in page and "(cần đăng nhập)" in page
    response = _post(client, consultation)
    assert response.status_code == 302
    assert response["Location"].startswith("/tai-khoan/dang-nhap/?next=") and "tham-van" in response["Location"]
    login = client.get(response["Location"]).content.decode()
    assert "Hãy đăng nhập (hoặc đăng ký tài khoản) để theo dõi" in login and "Chưa có gì được lưu." in login
    htmx = _post(client, consultation, htmx=True)
    assert htmx.status_code == 204 and htmx["HX-Redirect"].startswith("/tai-khoan/dang-nhap/")
    assert not Follow.objects.exists() and not DigestState.objects.exists()


def test_it_follows_and_unfollows_a_consultation_with_and_without_htmx(
    client, consultation, lan, django_capture_on_commit_callbacks
):
    client.force_login(lan)
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client, consultation)
    assert response.status_code == 302 and response["Location"] == consultation.url
    follow = Follow.objects.get(user=lan)
    assert follow.consultation_id == consultation.pk and DigestState.objects.filter(user=lan).exists()
    page = client.get(consultation.url).content.decode()
    assert "Đang theo dõi «Dự thảo Thông tư về hóa đơn điện tử»" in page  # the message after the redirect
    assert "Bỏ theo dõi dự thảo này" in page
    # the first follow schedules the daily digest job (one waiting task, at 07:00)
    waiting = DBTaskResult.objects.get(task_path=send_daily_digests_task.module_path, status="READY")
    assert waiting.run_after == next_run(timezone.now())
    assert _post(client, consultation).status_code == 302 and Follow.objects.count() == 1  # twice: one follow

    fragment = _post(client, consultation, action="unfollow", htmx=True)
    body = fragment.content.decode()
    assert fragment.status_code == 200 and body.lstrip().startswith("<form")
    assert "Theo dõi dự thảo này" in body and "Đã bỏ theo dõi «Dự thảo Thông tư về hóa đơn điện tử»." in body
    assert not Follow.objects.exists()


def test_it_follows_an_agency_and_a_field_from_their_pages(client, consultation, lan):
    client.force_login(lan)
    agency = consultation.lead_agency
    folder = client.get(consultation.get_parent().url).content.decode()
    assert f"Theo dõi dự thảo của {agency.name}" in folder
    listing = client.get("/tham-van/?field=thue", headers={"HX-Request": "true"}).content.decode()
    assert "Theo dõi lĩnh vực Thuế" in listing
    for kind, target in (("agency", agency.pk), ("field", Field.objects.get(slug="thue").pk)):
        assert client.post("/theo-doi/", {"kind": kind, "target": target, "action": "follow"}).status_code == 302
    assert "Bỏ theo dõi lĩnh vực Thuế" in client.get("/tham-van/?field=thue").content.decode()
    mine = client.get("/tai-khoan/theo-doi/").content.decode()
    assert agency.name in mine and "Thuế" in mine and "Bỏ theo dõi tất cả" in mine
    data = client.get("/tai-khoan/du-lieu.json").json()  # personal data: the follows are listed
    assert {(row["kind"], row["name"]) for row in data["follows"]} == {("agency", agency.name), ("field", "Thuế")}
    assert client.post("/tai-khoan/theo-doi/", {"action": "unfollow-all"}).status_code == 302
    assert not Follow.objects.filter(user=lan).exists()


def test_it_refuses_an_unknown_target_and_changes_nothing(client, consultation, lan):
    client.force_login(lan)
    for data in (
        {"kind": "consultation", "target": "999999", "action": "follow"},
        {"kind": "nothing", "target": consultation.pk, "action": "follow"},
        {"kind": "consultation", "target": consultation.pk, "action": "explode"},
    ):
        response = client.post("/theo-doi/", data)
        assert response.status_code == 400
        assert "Không có gì thay đổi." in response.content.decode()
    assert client.get("/theo-doi/").status_code == 405
    assert not Follow.objects.exists()


def _old_token(user_id: int, follow_id: int) -> str:
    class Past(signing.TimestampSigner):
        def timestamp(self):
            return signing.b62_encode(int(time.time() - tokens.MAX_AGE.total_seconds() - 60))

    return Past(salt=tokens.SALT).sign_object([user_id, follow_id])


def test_it_unsubscribes_by_signed_link_and_refuses_a_tampered_or_expired_one(consultation, lan):
    agency_follow = Follow.objects.create(user=lan, agency=consultation.lead_agency)
    page_follow = Follow.objects.create(user=lan, consultation=consultation)
    client = Client(enforce_csrf_checks=True)  # a mail client's one-click POST has no CSRF token
    url = f"/theo-doi/huy/{tokens.make_token(lan.pk, page_follow.pk)}/"

    asked = client.get(url)  # a link scanner opening it changes nothing
    assert asked.status_code == 200 and consultation.title in asked.content.decode()
    assert Follow.objects.count() == 2
    for bad, words in (
        (url.replace("/huy/", "/huy/x"), "không hợp lệ"),
        (f"/theo-doi/huy/{tokens.make_token(lan.pk, page_follow.pk)[:-2]}zz/", "không hợp lệ"),
        (f"/theo-doi/huy/{_old_token(lan.pk, tokens.ALL)}/", "đã hết hạn"),
    ):
        for method in (client.get, client.post):
            refused = method(bad)
            assert refused.status_code == 400 and words in refused.content.decode()
            assert "Không có gì thay đổi." in refused.content.decode()
    assert Follow.objects.count() == 2

    done = client.post(url)
    assert done.status_code == 200 and "Bạn đã hủy theo dõi:" in done.content.decode()
    assert list(Follow.objects.all()) == [agency_follow]
    assert "đã hủy theo dõi mục này rồi" in client.post(url).content.decode()

    all_url = f"/theo-doi/huy/{tokens.make_token(lan.pk)}/"
    one_click = client.post(all_url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
    assert one_click.status_code == 200 and not Follow.objects.exists()


def test_it_publishes_atom_and_rss_feeds_of_open_consultations_and_syntheses(client, consultation, bob):
    closed = make_consultation(
        make_draft(title="Dự thảo đã đóng", agency="Bộ Tài chính"),
        agency="Bộ Tài chính",
        opens_at=timezone.now() - timedelta(days=40),
        days=30,
    )
    publishing.publish_synthesis(bob, closed)  # no comment waits for an answer
    page = client.get("/tham-van/").content.decode()
    assert 'rel="alternate" type="application/atom+xml"' in page and "/tham-van/nguon-tin/ban-tong-hop.rss" in page

    atom = ElementTree.fromstring(client.get("/tham-van/nguon-tin/dang-lay-y-kien.atom").content)
    assert atom.tag == f"{ATOM}feed"
    titles = [entry.findtext(f"{ATOM}title") for entry in atom.iter(f"{ATOM}entry")]
    assert titles == [consultation.title]
    link = next(atom.iter(f"{ATOM}entry")).find(f"{ATOM}link").get("href")
    assert link.startswith("http") and link.endswith(consultation.url)

    rss = client.get("/tham-van/nguon-tin/ban-tong-hop.rss")
    assert rss["Content-Type"].startswith("application/rss+xml")
    channel = ElementTree.fromstring(rss.content)
    assert channel.tag == "rss" and channel.get("version") == "2.0"
    items = channel.findall("channel/item")
    assert [item.findtext("title") for item in items] == ["Bản tổng hợp ý kiến: Dự thảo đã đóng"]
    assert items[0].findtext("link").endswith(f"/tham-van/tong-hop/{closed.pk}/")
    for url in ("/tham-van/nguon-tin/dang-lay-y-kien.rss", "/tham-van/nguon-tin/ban-tong-hop.atom"):
        assert ElementTree.fromstring(client.get(url).content).tag in ("rss", f"{ATOM}feed")

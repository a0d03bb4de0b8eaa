"""The Council's independent opinion on a consultation (the one CouncilOpinion model): drafted
and published in the workspace with its date and signing members, shown as text on the public
page next to the draft and the agency's answers and in the API; bad input refused, nothing
changed."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from consultations.council.actions import CouncilRefused
from consultations.council.opinions import publish_opinion, save_opinion
from consultations.models import CouncilOpinion
from portal.site_setup import ensure_home_page
from tests.consultations.builders import make_comment, make_consultation

pytestmark = pytest.mark.django_db
TEXT = "Hội đồng đề nghị bỏ Điều 2.\n<script>alert('x')</script>"


@pytest.fixture
def closed(finance_folder):
    ensure_home_page()
    return make_consultation(agency="Bộ Tài chính", opens_at=timezone.now() - timedelta(days=40), days=30)


def _form(**values):
    data = {"action": "publish", "title": "", "text": TEXT, "given_on": timezone.localdate().isoformat()}
    data.update(values)
    return data


def test_it_drafts_then_publishes_an_opinion_shown_on_the_page_and_in_the_api(client, closed, hoa, quang):
    make_comment(closed)
    url = reverse("consultations_council:opinion", args=[closed.pk])
    client.force_login(hoa)
    response = client.post(url, _form(action="save", signers=[hoa.pk]))
    draft = CouncilOpinion.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"?sua={draft.pk}")
    assert not draft.is_published and draft.author == hoa
    client.logout()
    assert "Hội đồng đề nghị bỏ Điều 2." not in client.get(closed.url).content.decode()  # a draft is the Council's
    assert client.get(f"/api/v1/consultations/{closed.pk}").json()["council_opinions"] == []

    client.force_login(hoa)
    response = client.post(url, _form(opinion=draft.pk, signers=[hoa.pk, quang.pk]))
    assert response.status_code == 302
    opinion = CouncilOpinion.objects.get()
    assert opinion.pk == draft.pk and opinion.is_published and opinion.published_at is not None
    assert opinion.title == f"Ý kiến độc lập của Hội đồng tư vấn cải cách thủ tục hành chính về {closed.title}"
    assert set(opinion.signers.all()) == {hoa, quang}

    client.logout()
    html = client.get(closed.url).content.decode()
    section = html[html.index('id="y-kien-hoi-dong"') :]
    assert "Ý kiến độc lập của Hội đồng tư vấn cải cách thủ tục hành chính" in section
    assert f"Ngày {timezone.localdate():%d/%m/%Y}" in section
    assert "Hoa Nguyễn Thị" in section and "Quang Lê Văn" in section
    assert "&lt;script&gt;" in section and "<script>alert" not in html  # text, never HTML
    assert html.index('id="y-kien-hoi-dong"') < html.index('id="text-title"')  # beside the draft's text

    shown = client.get(f"/api/v1/consultations/{closed.pk}").json()["council_opinions"]
    assert shown == [
        {
            "id": opinion.pk,
            "title": opinion.title,
            "text": TEXT,
            "given_on": timezone.localdate().isoformat(),
            "published_at": shown[0]["published_at"],
            "signatories": ["Hoa Nguyễn Thị", "Quang Lê Văn"],
        }
    ]


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"text": "   "}, "Nhập nội dung ý kiến."),
        ({}, "Chọn ít nhất một thành viên Hội đồng ký ý kiến."),
        ({"signers": ["alice"]}, "Người ký phải là thành viên Hội đồng tư vấn."),
        ({"given_on": "31/02/2026"}, "Ngày không hợp lệ"),
        ({"action": "xoa"}, "Không rõ thao tác. Không có gì thay đổi."),
    ],
)
def test_it_refuses_a_bad_opinion_form_with_its_reason(client, closed, hoa, alice, values, message):
    if values.get("signers") == ["alice"]:
        values["signers"] = [alice.pk]
    client.force_login(hoa)
    response = client.post(reverse("consultations_council:opinion", args=[closed.pk]), _form(**values))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not CouncilOpinion.objects.exists()


def test_it_keeps_the_rules_in_publish_opinion_for_scripts(closed, hoa, quang, alice):
    with pytest.raises(CouncilRefused, match="Nội dung ý kiến trống"):
        publish_opinion(hoa, closed, text=" ", signers=[hoa])
    with pytest.raises(CouncilRefused, match="Chọn ít nhất một thành viên"):
        publish_opinion(hoa, closed, text="Ý kiến.", signers=[])
    with pytest.raises(CouncilRefused, match="alice không phải"):
        publish_opinion(hoa, closed, text="Ý kiến.", signers=[hoa, alice])
    with pytest.raises(CouncilRefused, match="không được sau hôm nay"):
        publish_opinion(hoa, closed, text="Ý kiến.", signers=[hoa], given_on=timezone.localdate() + timedelta(days=1))
    assert not CouncilOpinion.objects.exists()

    draft = save_opinion(hoa, closed, text="Bản nháp của Hoa.", signers=[hoa])
    with pytest.raises(CouncilRefused, match="Chỉ người soạn ý kiến này"):
        publish_opinion(quang, closed, text="Sửa của người khác.", signers=[quang], opinion=draft)
    draft.refresh_from_db()
    assert draft.text == "Bản nháp của Hoa." and not draft.is_published

    opinion = publish_opinion(hoa, closed, text="Ý kiến độc lập.", signers=[hoa, quang], title="Về Dự thảo")
    assert opinion.is_published and opinion.signatory_list == ["Hoa Nguyễn Thị", "Quang Lê Văn"]
    with pytest.raises(CouncilRefused, match="Ý kiến đã công bố"):
        save_opinion(hoa, closed, text="Sửa lại.", signers=[hoa], opinion=opinion)

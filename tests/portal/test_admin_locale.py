"""Wagtail's own Vietnamese covers about a fifth of its admin: portal/locale_wagtail/vi
translates the messages of the screens officers, approvers and Council members use. These tests
hold that catalog to Wagtail's messages (an upgrade that renames one is noticed), keep its
compiled form in step, and read the screens themselves in both languages."""

import json
import re
from pathlib import Path

import pytest
import wagtail
from django.conf import settings

from tests.portal.catalogs import assert_compiled_in_step

WAGTAIL = Path(wagtail.__file__).parent
OURS = settings.BASE_DIR / "portal" / "locale_wagtail" / "vi" / "LC_MESSAGES"


def msgids(po_text: str) -> set[str]:
    found = set()
    for block in po_text.split("\n\n"):
        match = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M)
        if match:
            msgid = "".join(re.findall(r'"(.*)"', match.group(1))).replace('\\"', '"').replace("\\n", "\n")
            if msgid:
                found.add(msgid)
    return found


# The admin's templates and Python code, and its JavaScript (served by Wagtail's catalog view).
DOMAINS = pytest.mark.parametrize(("domain", "at_least"), [("django", 300), ("djangojs", 60)])


@DOMAINS
def test_it_translates_only_messages_wagtail_has(domain, at_least):
    """Wagtail's French catalogs are complete: each message here must be one of theirs."""
    wagtails = set()
    for catalog in WAGTAIL.glob(f"**/locale/fr/LC_MESSAGES/{domain}.po"):
        wagtails |= msgids(catalog.read_text(encoding="utf-8"))
    ours = msgids((OURS / f"{domain}.po").read_text(encoding="utf-8"))
    assert len(ours) >= at_least
    assert not sorted(ours - wagtails), "not (or no longer) a Wagtail message"


@DOMAINS
def test_it_keeps_the_compiled_catalog_in_step_with_its_source(domain, at_least):
    assert assert_compiled_in_step(OURS / f"{domain}.po") >= at_least - 5  # plural entries aside


@DOMAINS
def test_each_translation_keeps_its_messages_placeholders_and_markup(domain, at_least):
    source = (OURS / f"{domain}.po").read_text(encoding="utf-8")
    pairs = re.findall(r'^msgid "(.+)"\n(?:msgid_plural ".+"\nmsgstr\[0\]|msgstr) "(.+)"$', source, re.M)
    assert len(pairs) >= at_least
    for msgid, msgstr in pairs:
        for pattern in (r"%\(\w+\)[sd]", r"\{\w+\}", r"</?\w+"):
            assert sorted(re.findall(pattern, msgid)) == sorted(re.findall(pattern, msgstr)), msgid


@pytest.fixture
def create_form_url(finance_folder):
    from consultations.folders import ensure_consultation_folder

    folder = ensure_consultation_folder(finance_folder.agency)
    return f"/quan-tri/pages/add/consultations/consultationpage/{folder.pk}/"


def test_an_officer_reads_the_page_editor_in_vietnamese(client, alice, create_form_url):
    client.force_login(alice)
    page = client.get(create_form_url).content.decode()
    for vietnamese in ("Lưu bản nháp", "Đặt lịch xuất bản", "Thẻ tiêu đề", "Hiện trong menu", "Bản đồ thu nhỏ"):
        assert vietnamese in page
    for english in ("Save draft", "Set schedule", "Title tag", "Show in menus", "Toggle minimap"):
        assert english not in page
    dashboard = client.get("/quan-tri/").content.decode()
    assert "Tìm trong mọi trang…" in dashboard and "Search all pages" not in dashboard
    assert re.search(r"\d+ trang <span", dashboard) and not re.search(r"\d+ Pages? <span", dashboard)


def test_an_officer_who_chose_english_reads_it_in_english(client, alice, create_form_url):
    from wagtail.users.models import UserProfile

    UserProfile.objects.update_or_create(user=alice, defaults={"preferred_language": "en"})
    client.force_login(alice)
    page = client.get(create_form_url).content.decode()
    assert "Save draft" in page and "Lưu bản nháp" not in page


def test_the_admins_javascript_reads_in_vietnamese(client, alice):
    client.force_login(alice)
    script = client.get("/quan-tri/jsi18n/").content.decode("utf-8")
    catalog = json.loads(re.search(r"const newcatalog = (\{.*?\});", script, re.S).group(1))
    assert catalog["Reply"] == "Trả lời"
    assert catalog["Changes have been autosaved."] == "Thay đổi đã được tự động lưu."


def test_the_admin_sign_in_names_the_password_field(client, db):
    page = client.get("/quan-tri/login/").content.decode()
    label = re.search(r'<label[^>]*for="id_password"[^>]*>\s*([^<]+?)\s*<', page)
    assert label and label.group(1) == "Mật khẩu"

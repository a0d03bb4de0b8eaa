"""Wagtail's autosave and the consultation's draft file, in Chromium: autosave posts the whole
edit form, file input included, and every saved upload becomes a draft (version). So autosave
holds on the create form and while a newly chosen file waits, and the officer's own saves make
exactly one page and one draft version each; the rest of a saved consultation autosaves."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.browser.test_consultation_journey import admin_sign_in, chromium_session, new_tab
from tests.consultations.builders import write_docx
from tests.consultations.test_admin import DRAFT_LINES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TITLE = "Dự thảo Thông tư Hướng dẫn hóa đơn điện tử đối với hộ kinh doanh"
SUMMARY = "Hướng dẫn hộ kinh doanh chuyển sang hóa đơn điện tử."
REVISED = DRAFT_LINES[:-1] + ["Hộ kinh doanh chuyển sang hóa đơn điện tử chậm nhất sau 12 tháng."]

# What became of each autosave: "held" (prevented) or "sent", then "success" or "error". The
# listener is on window, so it runs after the page's own listeners on document.
#
# Wagtail's unsaved-changes controller takes the form's first state two seconds after it
# connects ("w-unsaved:watch-edits"), and it connects twice on the edit page (once more when
# the comments start): a change before the last of these is taken as the first state and never
# autosaved. The counts let the test wait for it instead of letting the machine's speed decide.
AUTOSAVE_LOG = """
window.autosaves = [];
for (const name of ["save", "success", "error"]) {
  window.addEventListener(`w-autosave:${name}`, (event) => {
    window.autosaves.push(name === "save" ? (event.defaultPrevented ? "held" : "sent") : name);
  });
}
window.unsavedConnected = 0;
window.unsavedWatching = 0;
window.addEventListener("w-unsaved:ready", () => { window.unsavedConnected += 1; });
window.addEventListener("w-unsaved:watch-edits", () => { window.unsavedWatching += 1; });
"""
WATCHING_EDITS = "window.unsavedConnected > 0 && window.unsavedWatching >= window.unsavedConnected"


@pytest.fixture
def setting(live_server, alice, tmp_path):
    """Bộ Tài chính's consultation folder, its officer and two DOCX files, made before Chromium
    starts (see tests/browser/conftest.py)."""
    from consultations.folders import ensure_consultation_folder
    from regulations.agencies import resolve_agency

    folder = ensure_consultation_folder(resolve_agency("Bộ Tài chính"))
    return {
        "url": live_server.url,
        "add_url": f"{live_server.url}/quan-tri/pages/add/consultations/consultationpage/{folder.pk}/",
        "draft": write_docx(tmp_path / "du-thao.docx", DRAFT_LINES),
        "revised": write_docx(tmp_path / "du-thao-sua.docx", REVISED),
    }


def test_autosave_never_sends_the_draft_file_and_each_save_makes_one_version(setting):
    from consultations.models import ConsultationPage

    opens = timezone.localtime() + timedelta(days=1)
    # Chromium is closed before the database is read (see tests/browser/conftest.py).
    with chromium_session() as chromium:
        tab = new_tab(chromium)
        tab.context.add_init_script(AUTOSAVE_LOG)
        admin_sign_in(tab, setting["url"], "alice")

        # The create form: every autosave holds; "Lưu bản nháp" makes the page.
        tab.goto(setting["add_url"])
        tab.wait_for_function(WATCHING_EDITS)
        tab.locator("input[name=draft_file]").set_input_files(str(setting["draft"]))
        tab.locator("input[name=opens_at]").fill(f"{opens:%Y-%m-%d} 08:00")
        tab.locator("input[name=closing_date]").fill(f"{opens.date() + timedelta(days=30):%Y-%m-%d}")
        tab.keyboard.press("Escape")  # close the date picker
        tab.wait_for_function("window.autosaves.length > 0")
        created = tab.evaluate("window.autosaves")
        # The footer's main button, by a DOM click (the layout can move under load).
        with tab.expect_navigation():
            tab.locator("button.action-save").first.dispatch_event("click")
        tab.wait_for_url(re.compile(r"/quan-tri/pages/\d+/edit/$"))

        # The saved consultation: a change autosaves...
        tab.wait_for_function(WATCHING_EDITS)
        tab.locator("textarea[name=summary]").fill(SUMMARY)
        tab.wait_for_function("window.autosaves.includes('success')")
        # ...but a newly chosen file holds autosave until the officer saves.
        tab.locator("input[name=draft_file]").set_input_files(str(setting["revised"]))
        tab.wait_for_function("window.autosaves.includes('held')")
        edited = tab.evaluate("window.autosaves")
        # The footer's main button, by a DOM click (the layout can move under load).
        with tab.expect_navigation():
            tab.locator("button.action-save").first.dispatch_event("click")

    assert created and set(created) == {"held"}, created
    assert "sent" in edited and edited[-1] == "held" and "error" not in edited, edited
    page = ConsultationPage.objects.get(title=TITLE)
    assert [version.number for version in page.document.versions.order_by("number")] == [1, 2]
    latest = page.get_latest_revision_as_object()
    assert latest.summary == SUMMARY and latest.version.number == 2
    assert "12 tháng" in latest.version.provisions.get(anchor="dieu-3").text

"""The synthesis DOCX as a reader sees it: LibreOffice renders it to PDF, its first page to PNG,
and the page is landscape A4 with the agency on the left, the national motto, place and date on
the right, the title centred above the table, and the table's header and first comment on it."""

import shutil
import subprocess
from datetime import timedelta

import pdfplumber
import pytest
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from consultations.answers import actions
from consultations.models import Disposition
from consultations.synthesis import publishing
from tests.consultations.builders import make_comment, make_consultation

pytestmark = pytest.mark.django_db
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def first_page(docx: bytes, folder) -> tuple[pdfplumber.page.Page, Image.Image, list[dict]]:
    if SOFFICE is None:
        pytest.fail(
            "LibreOffice is required to render the synthesis: apt-get install libreoffice-writer-nogui "
            "(scripts/system_deps.sh installs it with the test packages).",
            pytrace=False,
        )
    source = folder / "tong-hop.docx"
    source.write_bytes(docx)
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{folder}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    pdf = pdfplumber.open(folder / "tong-hop.pdf")
    page = pdf.pages[0]
    png = folder / "trang-1.png"
    page.to_image(resolution=72).save(png)
    return page, Image.open(png), page.extract_words()


def test_it_renders_the_first_page_in_the_official_layout(client, finance_folder, alice, bob, tmp_path):
    closed = make_consultation(agency="Bộ Tài chính", opens_at=timezone.now() - timedelta(days=40), days=30)
    article = closed.version.provisions.get(anchor="dieu-3")
    comment = make_comment(closed, article, "Đề nghị bỏ yêu cầu kho chứa riêng.", organization="Công ty TNHH Minh Phát")
    actions.approve_answer(
        bob, actions.write_answer(alice, comment=comment, disposition=Disposition.ACCEPTED, text="Tiếp thu, đã bỏ.")
    )
    publishing.publish_synthesis(bob, closed, signer_title="KT. Bộ trưởng", signer_name="Nguyễn Văn Dũng")
    docx = client.get(reverse("consultations_synthesis:file", args=[closed.pk, "docx"])).content

    page, image, words = first_page(docx, tmp_path)
    assert image.width > image.height  # landscape
    assert abs(page.width / 72 * 2.54 - 29.7) < 0.2 and abs(page.height / 72 * 2.54 - 21.0) < 0.2

    def word(text: str) -> dict:
        return next(w for w in words if w["text"] == text)

    middle = page.width / 2
    assert word("CHÍNH")["x1"] < middle  # BỘ TÀI CHÍNH, on the left
    assert word("CỘNG")["x0"] > middle * 0.9 and word("Hạnh")["x0"] > middle  # the motto on the right
    assert word("CỘNG")["top"] == pytest.approx(word("CHÍNH")["top"], abs=3)  # side by side
    title = word("TỔNG")
    line = [w for w in words if abs(w["top"] - title["top"]) < 2]
    assert title["top"] > word("Hạnh")["top"]
    assert abs((min(w["x0"] for w in line) + max(w["x1"] for w in line)) / 2 - middle) < 10  # centred
    header = word("Nhóm")
    assert header["top"] > title["top"]
    assert word("Minh")["top"] > header["top"]  # the comment's row under the header, on page one

    # The picture itself: ink in the top-left and top-right blocks, the table's ruled lines below.
    grey = image.convert("L")
    width, height = grey.size

    def ink(box: tuple[int, int, int, int]) -> int:
        return sum(1 for value in grey.crop(box).getdata() if value < 128)

    assert ink((0, 0, width // 2, height // 8)) > 50
    assert ink((width // 2, 0, width, height // 8)) > 50
    text_top = int(header["top"] / page.height * height)
    ruled = [y for y in range(text_top - 15, text_top) if ink((0, y, width, y + 1)) > width * 0.6]
    assert ruled, "a ruled line across the page just above the table's header"

"""regulations.agencies: Agency rows from the one issuers table (regulations.legaltext.issuers)."""

import pytest

from regulations.agencies import resolve_agency
from regulations.legaltext import issuers
from regulations.models import Agency, AgencyKind

pytestmark = pytest.mark.django_db


def test_every_kind_of_the_table_is_an_agency_kind():
    assert set(issuers.KINDS) == set(AgencyKind.values)


@pytest.mark.parametrize(
    ("name", "number", "agency", "code", "kind"),
    [
        ("BỘ TÀI CHÍNH", None, "Bộ Tài chính", "BTC", "bo"),
        ("Ngân hàng Nhà nước", None, "Ngân hàng Nhà nước Việt Nam", "NHNN", "co-quan-ngang-bo"),
        ("QUỐC HỘI - CHỦ TỊCH NƯỚC", None, "Quốc hội", "QH", "quoc-hoi"),
        ("CHỦ TỊCH NƯỚC", None, "Chủ tịch nước", "CTN", "khac"),
        (None, "12/2024/TT-BTC", "Bộ Tài chính", "BTC", "bo"),
        (None, "727/ttg-kstt", "Thủ tướng Chính phủ", "TTg", "chinh-phu"),
        (None, "59/2020/QH14", "Quốc hội", "QH", "quoc-hoi"),
        (None, "01/2013/TT-BKHDT", "Bộ Kế hoạch và Đầu tư", "BKHĐT", "bo"),
    ],
)
def test_it_resolves_an_agency_by_name_or_by_the_code_in_a_number(name, number, agency, code, kind):
    found = resolve_agency(name=name, number=number)
    assert found is not None
    assert (found.name, found.code, found.kind) == (agency, code, kind)
    assert Agency.objects.filter(name=agency).count() == 1


def test_an_unknown_name_becomes_an_agency_of_its_own_and_a_letter_of_a_province_names_none():
    found = resolve_agency(name="SỞ TƯ PHÁP TỈNH LÂM ĐỒNG")
    assert found is not None and (found.name, found.kind) == ("Sở Tư pháp tỉnh Lâm Đồng", "khac")
    assert resolve_agency(number="1804/UBND-NCKSTT") is None

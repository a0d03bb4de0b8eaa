"""Short forms of Vietnamese legal and administrative text and their expansions ("TTHC" →
"thủ tục hành chính"). Law names and their short forms ("BLLĐ") are in ``law_table``.

Search turns this list into OpenSearch synonym rules (``search.nlp.synonyms``): bump its
``SYNONYMS_VERSION`` whenever the list changes, so that the index that embeds them is rebuilt.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from regulations.legaltext.normalize import fold_diacritics, normalize

__all__ = ["ABBREVIATIONS", "Abbreviation", "expansions_of"]


@dataclass(frozen=True)
class Abbreviation:
    short: str
    expansions: tuple[str, ...]
    # Expand the short form only (``short => short, expansion``): for ambiguous or very short
    # codes, so that a query for the expansion does not also match every "TT" or "CP".
    one_way: bool = False


ABBREVIATIONS: Final[tuple[Abbreviation, ...]] = (
    # Procedures and regulations
    Abbreviation("TTHC", ("thủ tục hành chính",)),
    Abbreviation("HĐKD", ("hoạt động kinh doanh",)),
    Abbreviation("VBQPPL", ("văn bản quy phạm pháp luật",)),
    Abbreviation("QPPL", ("quy phạm pháp luật",)),
    Abbreviation("ĐKKD", ("đăng ký kinh doanh", "điều kiện kinh doanh"), one_way=True),
    Abbreviation("ĐKDN", ("đăng ký doanh nghiệp",)),
    Abbreviation("GCNĐKDN", ("giấy chứng nhận đăng ký doanh nghiệp",)),
    Abbreviation("GPKD", ("giấy phép kinh doanh",)),
    Abbreviation("ĐTKD", ("đầu tư kinh doanh",)),
    Abbreviation("PAKN", ("phản ánh, kiến nghị",)),
    Abbreviation("DVC", ("dịch vụ công",)),
    Abbreviation("DVCTT", ("dịch vụ công trực tuyến",)),
    Abbreviation("KSTT", ("kiểm soát thủ tục hành chính",), one_way=True),
    Abbreviation("CSDL", ("cơ sở dữ liệu",)),
    Abbreviation("CQNN", ("cơ quan nhà nước",)),
    Abbreviation("VPHC", ("vi phạm hành chính",)),
    Abbreviation("XLVPHC", ("xử lý vi phạm hành chính",)),
    Abbreviation("MST", ("mã số thuế",)),
    Abbreviation("GCN", ("giấy chứng nhận",)),
    # Firms
    Abbreviation("DN", ("doanh nghiệp",), one_way=True),
    Abbreviation("DNNVV", ("doanh nghiệp nhỏ và vừa",)),
    Abbreviation("TNHH", ("trách nhiệm hữu hạn",)),
    Abbreviation("CTCP", ("công ty cổ phần",)),
    Abbreviation("HTX", ("hợp tác xã",)),
    Abbreviation("HĐQT", ("hội đồng quản trị",)),
    Abbreviation("TCTD", ("tổ chức tín dụng",)),
    # Taxes, insurance, sectors
    Abbreviation("GTGT", ("giá trị gia tăng",)),
    Abbreviation("TNDN", ("thu nhập doanh nghiệp",)),
    Abbreviation("TNCN", ("thu nhập cá nhân",)),
    Abbreviation("BHXH", ("bảo hiểm xã hội",)),
    Abbreviation("BHYT", ("bảo hiểm y tế",)),
    Abbreviation("BHTN", ("bảo hiểm thất nghiệp",)),
    Abbreviation("BĐS", ("bất động sản",)),
    Abbreviation("KDBĐS", ("kinh doanh bất động sản",)),
    Abbreviation("QSDĐ", ("quyền sử dụng đất",)),
    Abbreviation("GPMB", ("giải phóng mặt bằng",)),
    Abbreviation("ATTP", ("an toàn thực phẩm",)),
    Abbreviation("PCCC", ("phòng cháy chữa cháy",)),
    Abbreviation("BVMT", ("bảo vệ môi trường",)),
    Abbreviation("ĐTM", ("đánh giá tác động môi trường",)),
    # Document types
    Abbreviation("NĐ-CP", ("nghị định",), one_way=True),
    Abbreviation("NĐ", ("nghị định",), one_way=True),
    Abbreviation("QĐ-TTg", ("quyết định",), one_way=True),
    Abbreviation("QĐ", ("quyết định",), one_way=True),
    Abbreviation("TT", ("thông tư",), one_way=True),
    Abbreviation("TTLT", ("thông tư liên tịch",)),
    Abbreviation("NQ", ("nghị quyết",), one_way=True),
    Abbreviation("NQ-CP", ("nghị quyết",), one_way=True),
    Abbreviation("CT", ("chỉ thị",), one_way=True),
    Abbreviation("VBHN", ("văn bản hợp nhất",)),
    # Codes
    Abbreviation("BLLĐ", ("bộ luật lao động",)),
    Abbreviation("BLDS", ("bộ luật dân sự",)),
    Abbreviation("BLHS", ("bộ luật hình sự",)),
    Abbreviation("BLTTDS", ("bộ luật tố tụng dân sự",)),
    Abbreviation("BLTTHS", ("bộ luật tố tụng hình sự",)),
    # Bodies
    Abbreviation("UBND", ("ủy ban nhân dân",)),
    Abbreviation("HĐND", ("hội đồng nhân dân",)),
    Abbreviation("CP", ("chính phủ",), one_way=True),
    Abbreviation("TTg", ("thủ tướng",), one_way=True),
    Abbreviation("TTCP", ("thủ tướng chính phủ",)),
    Abbreviation("VPCP", ("văn phòng chính phủ",)),
    Abbreviation("QH", ("quốc hội",), one_way=True),
    Abbreviation("UBTVQH", ("ủy ban thường vụ quốc hội",)),
    Abbreviation("HĐTV", ("hội đồng tư vấn",), one_way=True),
    Abbreviation("TAND", ("tòa án nhân dân",)),
    Abbreviation("VKSND", ("viện kiểm sát nhân dân",)),
    Abbreviation("NHNN", ("ngân hàng nhà nước",)),
    Abbreviation("BTC", ("bộ tài chính",), one_way=True),
    Abbreviation("BTP", ("bộ tư pháp",), one_way=True),
    Abbreviation("BKHĐT", ("bộ kế hoạch và đầu tư",)),
    Abbreviation("BCT", ("bộ công thương",), one_way=True),
)


def _key(text: str) -> str:
    return fold_diacritics(normalize(text)).lower()


_ABBREVIATION_INDEX: Final[dict[str, tuple[str, ...]]] = {}
for _abbr in ABBREVIATIONS:
    _ABBREVIATION_INDEX.setdefault(_key(_abbr.short), _abbr.expansions)


def expansions_of(token: str) -> tuple[str, ...]:
    """Expansions of an abbreviation, with or without diacritics, any case ("tthc", "BLLD")."""
    return _ABBREVIATION_INDEX.get(_key(token), ())

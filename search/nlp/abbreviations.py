"""Abbreviations of Vietnamese legal/administrative text and well-known document names.

Two tables live here:

* ``ABBREVIATIONS``: short forms and their expansions ("TTHC" → "thủ tục hành chính"), exported
  as OpenSearch synonym rules by ``opensearch_synonym_rules``. Bump ``SYNONYMS_VERSION`` whenever
  the list changes, so the index that embeds the rules can be rebuilt.
* ``LAW_NUMBERS``: laws and codes by name → {year: official number}, so that a citation by
  name ("Bộ luật Lao động 2019", "Luật Du lịch", "BLLĐ") resolves to a number. A name without a
  year resolves to the newest entry.

Pure data and small helpers: no Django, no spaCy, no underthesea.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from search.nlp.normalize import fold_diacritics, normalize

__all__ = [
    "ABBREVIATIONS",
    "LAW_ALIASES",
    "LAW_NUMBERS",
    "SYNONYMS_VERSION",
    "Abbreviation",
    "KnownLaw",
    "canonical_law_name",
    "expansions_of",
    "law_by_number",
    "law_lookup_key",
    "law_names",
    "opensearch_synonym_rules",
    "resolve_law",
]

SYNONYMS_VERSION: Final = 1


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


def _rule_phrase(text: str, segmenter: Callable[[str], list[str]] | None) -> str:
    text = normalize(text).lower()
    if segmenter is None:
        return text.replace(",", "")
    return " ".join(segmenter(text))


def opensearch_synonym_rules(
    segmenter: Callable[[str], list[str]] | None = None,
) -> list[str]:
    """Synonym rules in Solr/OpenSearch syntax, each with and without diacritics.

    ``"tthc, thủ tục hành chính"`` (equivalent forms) or ``"đkkd => đkkd, đăng ký kinh doanh,
    điều kiện kinh doanh"`` (one-way, for ambiguous short codes). Pass
    ``segmenter=search.nlp.segment.segment`` to write the phrases the way the index tokens look
    ("thủ_tục hành_chính") when the analyzer is a whitespace tokenizer over segmented text.
    """
    rules: list[str] = []
    seen: set[str] = set()
    for abbr in ABBREVIATIONS:
        short = normalize(abbr.short).lower()
        expansions = [_rule_phrase(e, segmenter) for e in abbr.expansions]
        for fold in (False, True):
            s = fold_diacritics(short) if fold else short
            exps = [fold_diacritics(e) if fold else e for e in expansions]
            if abbr.one_way or len(exps) > 1:
                rule = f"{s} => " + ", ".join(dict.fromkeys([s, *exps]))
            else:
                rule = ", ".join(dict.fromkeys([s, *exps]))
            if rule not in seen:
                seen.add(rule)
                rules.append(rule)
    return rules


# --------------------------------------------------------------------------------------------
# Well-known laws and codes by name.
#
# Entries marked "corpus" are the (law_id, law_title) pairs of
# corpus/search-benchmark/corpus.jsonl and corpus/regulations/full-text/*.json (generated from
# those files); the others are the well-known numbers of laws that business regulations cite,
# added by hand. A name without a year resolves to the newest year.
# --------------------------------------------------------------------------------------------

LAW_NUMBERS: Final[dict[str, dict[int, str]]] = {
    # Codes (Bộ luật)
    "Bộ luật Dân sự": {2005: "33/2005/QH11", 2015: "91/2015/QH13"},  # 2015: corpus
    "Bộ luật Hình sự": {
        1999: "15/1999/QH10",
        # corpus: consolidated text 01/VBHN-VPQH (2017) of 100/2015/QH13
        2015: "100/2015/QH13",
        2017: "100/2015/QH13",
    },
    "Bộ luật Lao động": {2012: "10/2012/QH13", 2019: "45/2019/QH14"},  # 2019: corpus
    "Bộ luật Tố tụng dân sự": {2004: "24/2004/QH11", 2015: "92/2015/QH13"},  # 2015: corpus
    "Bộ luật Tố tụng hình sự": {2015: "101/2015/QH13"},
    # Laws in the corpus (corpus), with earlier/later versions
    "Hiến pháp": {2013: "HIEN-PHAP-2013"},  # corpus id: the Constitution has no number
    "Luật An ninh mạng": {2018: "24/2018/QH14"},
    "Luật Bảo vệ môi trường": {2014: "55/2014/QH13", 2020: "72/2020/QH14"},
    "Luật Chăn nuôi": {2018: "32/2018/QH14"},
    "Luật Các tổ chức tín dụng": {2010: "47/2010/QH12", 2024: "32/2024/QH15"},
    "Luật Cư trú": {2006: "81/2006/QH11", 2020: "68/2020/QH14"},
    "Luật Dầu khí": {2022: "12/2022/QH15"},
    "Luật Du lịch": {2005: "44/2005/QH11", 2017: "09/2017/QH14"},
    "Luật Điện ảnh": {2006: "62/2006/QH11", 2022: "05/2022/QH15"},
    "Luật Đất đai": {2003: "13/2003/QH11", 2013: "45/2013/QH13", 2024: "31/2024/QH15"},
    "Luật Giáo dục": {2005: "38/2005/QH11", 2019: "43/2019/QH14"},
    "Luật Hôn nhân và gia đình": {2000: "22/2000/QH10", 2014: "52/2014/QH13"},
    "Luật Hộ tịch": {2014: "60/2014/QH13"},
    "Luật Khiếu nại": {2011: "02/2011/QH13"},
    "Luật Kinh doanh bất động sản": {
        2006: "63/2006/QH11",
        2014: "66/2014/QH13",
        2023: "29/2023/QH15",
    },
    "Luật Người cao tuổi": {2009: "39/2009/QH12"},
    "Luật Nuôi con nuôi": {2010: "52/2010/QH12"},
    "Luật Phòng, chống bạo lực gia đình": {2007: "02/2007/QH12", 2022: "13/2022/QH15"},
    "Luật Phòng, chống ma túy": {2000: "23/2000/QH10", 2021: "73/2021/QH14"},
    "Luật Thanh niên": {2005: "53/2005/QH11", 2020: "57/2020/QH14"},
    "Luật Thanh tra": {2010: "56/2010/QH12", 2022: "11/2022/QH15"},
    "Luật Thi hành án dân sự": {2008: "26/2008/QH12"},
    "Luật Tiếp cận thông tin": {2016: "104/2016/QH13"},
    "Luật Tố tụng hành chính": {2010: "64/2010/QH12", 2015: "93/2015/QH13"},
    "Luật Tổ chức Viện kiểm sát nhân dân": {2014: "63/2014/QH13"},
    "Luật Trọng tài thương mại": {2010: "54/2010/QH12"},
    "Luật Trồng trọt": {2018: "31/2018/QH14"},
    "Luật Viên chức": {2010: "58/2010/QH12"},
    "Luật Xây dựng": {2003: "16/2003/QH11", 2014: "50/2014/QH13"},
    # Business laws often cited by business regulations (not in the corpus)
    "Luật Ban hành văn bản quy phạm pháp luật": {2015: "80/2015/QH13", 2025: "64/2025/QH15"},
    "Luật Bảo hiểm xã hội": {2014: "58/2014/QH13", 2024: "41/2024/QH15"},
    "Luật Bảo vệ quyền lợi người tiêu dùng": {2023: "19/2023/QH15"},
    "Luật Cạnh tranh": {2018: "23/2018/QH14"},
    "Luật Chứng khoán": {2019: "54/2019/QH14"},
    "Luật Doanh nghiệp": {2014: "68/2014/QH13", 2020: "59/2020/QH14"},
    "Luật Đầu tư": {2014: "67/2014/QH13", 2020: "61/2020/QH14"},
    "Luật Đầu tư công": {2019: "39/2019/QH14"},
    "Luật Đấu thầu": {2013: "43/2013/QH13", 2023: "22/2023/QH15"},
    "Luật Giao dịch điện tử": {2005: "51/2005/QH11", 2023: "20/2023/QH15"},
    "Luật Hỗ trợ doanh nghiệp nhỏ và vừa": {2017: "04/2017/QH14"},
    "Luật Hợp tác xã": {2012: "23/2012/QH13", 2023: "17/2023/QH15"},
    "Luật Kế toán": {2015: "88/2015/QH13"},
    "Luật Kinh doanh bảo hiểm": {2022: "08/2022/QH15"},
    "Luật Nhà ở": {2014: "65/2014/QH13", 2023: "27/2023/QH15"},
    "Luật Phí và lệ phí": {2015: "97/2015/QH13"},
    "Luật Quảng cáo": {2012: "16/2012/QH13"},
    "Luật Quản lý thuế": {2019: "38/2019/QH14"},
    "Luật Sở hữu trí tuệ": {2005: "50/2005/QH11"},
    "Luật Thương mại": {2005: "36/2005/QH11"},
    "Luật Tổ chức Chính phủ": {2015: "76/2015/QH13"},
    "Luật An toàn thực phẩm": {2010: "55/2010/QH12"},
    "Luật Việc làm": {2013: "38/2013/QH13"},
    "Luật Xử lý vi phạm hành chính": {2012: "15/2012/QH13"},
}

# Other ways to write a name → the name in LAW_NUMBERS.
LAW_ALIASES: Final[dict[str, str]] = {
    "BLLĐ": "Bộ luật Lao động",
    "BLDS": "Bộ luật Dân sự",
    "BLHS": "Bộ luật Hình sự",
    "BLTTDS": "Bộ luật Tố tụng dân sự",
    "BLTTHS": "Bộ luật Tố tụng hình sự",
    "Luật Lao động": "Bộ luật Lao động",
    "Luật Dân sự": "Bộ luật Dân sự",
    "Luật Hình sự": "Bộ luật Hình sự",
    "Luật Tổ chức VKSND": "Luật Tổ chức Viện kiểm sát nhân dân",
    "Luật TCTD": "Luật Các tổ chức tín dụng",
    "Luật Tổ chức tín dụng": "Luật Các tổ chức tín dụng",
    "Luật KDBĐS": "Luật Kinh doanh bất động sản",
    "Luật Hôn nhân gia đình": "Luật Hôn nhân và gia đình",
    "Luật BVMT": "Luật Bảo vệ môi trường",
    "Luật Ban hành VBQPPL": "Luật Ban hành văn bản quy phạm pháp luật",
    "Luật XLVPHC": "Luật Xử lý vi phạm hành chính",
    "Luật Phòng chống ma túy": "Luật Phòng, chống ma túy",
    "Luật Phòng chống bạo lực gia đình": "Luật Phòng, chống bạo lực gia đình",
}

_PUNCT_RE: Final = re.compile(r"[^\w\s]+")
_SPACES_RE: Final = re.compile(r"\s+")


def law_lookup_key(name: str) -> str:
    """Key for names typed any way: "Bộ luật  lao động" == "bo luat lao dong" == "BỘ LUẬT..."."""
    folded = fold_diacritics(normalize(name)).lower()
    return _SPACES_RE.sub(" ", _PUNCT_RE.sub(" ", folded)).strip()


@dataclass(frozen=True)
class KnownLaw:
    name: str
    year: int
    number: str
    doc_type: str


def _doc_type_of(name: str) -> str:
    for prefix in ("Bộ luật", "Hiến pháp", "Luật"):
        if name.startswith(prefix):
            return prefix
    return "Luật"


_LAWS_BY_KEY: Final[dict[str, str]] = {}
for _name in LAW_NUMBERS:
    _LAWS_BY_KEY[law_lookup_key(_name)] = _name
for _alias, _name in LAW_ALIASES.items():
    _LAWS_BY_KEY.setdefault(law_lookup_key(_alias), _name)

_LAWS_BY_NUMBER: Final[dict[str, KnownLaw]] = {}
for _name, _years in LAW_NUMBERS.items():
    for _year, _number in sorted(_years.items()):
        _LAWS_BY_NUMBER.setdefault(_number.upper(), KnownLaw(_name, _year, _number, _doc_type_of(_name)))


def law_names() -> list[str]:
    """Every name and alias that resolves, as written in the tables."""
    return [*LAW_NUMBERS, *LAW_ALIASES]


def resolve_law(name: str, year: int | None = None) -> KnownLaw | None:
    """Resolve a name: ("Bộ luật Lao động", 2019) → 45/2019/QH14; no year → the newest.

    A known name with a year that is not in the table returns None (the caller keeps the name
    and year, with no number).
    """
    canonical = _LAWS_BY_KEY.get(law_lookup_key(name))
    if canonical is None:
        return None
    years = LAW_NUMBERS[canonical]
    if year is None:
        year = max(years)
    number = years.get(year)
    if number is None:
        return None
    return KnownLaw(canonical, year, number, _doc_type_of(canonical))


def canonical_law_name(name: str) -> str | None:
    """The table's spelling of a name or alias ("bllđ" → "Bộ luật Lao động")."""
    return _LAWS_BY_KEY.get(law_lookup_key(name))


def law_by_number(number: str) -> KnownLaw | None:
    """The law with this official number ("45/2019/QH14"), if it is in the table."""
    return _LAWS_BY_NUMBER.get(number.upper())

"""Questions as people type them: the conversational wrapper taken off, and what kind of
answer is asked for.

``core("Cho em hỏi theo quy định hiện nay thì công ty nợ lương 3 tháng thì sao ạ?")`` →
"công ty nợ lương 3 tháng": greetings and requests ("cho em hỏi", "thưa luật sư", "xin hỏi"),
politeness particles ("ạ", "nhé", "vậy"), the reference to the law in general ("theo quy định
hiện nay thì", "theo quy định của pháp luật", "pháp luật quy định") and the question's own frame
("… thì sao", "được quy định như thế nào", "có … không", "được không", "có bị truy cứu trách
nhiệm hình sự không", "có vi phạm pháp luật không", an exam's "Điều nào sau đây không đúng về")
carry no subject and only dilute the query (they match thousands of articles). Patterns are matched on the text without
diacritics, so they work however the question was typed; what they cut is cut from the text as
typed (folding keeps every character in place).

``question_types`` names what the answer must state: a time limit ("trong bao lâu", "bao nhiêu
ngày", "thời hạn … là"), a fee or amount of money ("bao nhiêu tiền", "mức phí", "lệ phí … bao
nhiêu"), a penalty ("bị phạt", "xử phạt", "phạt tù bao nhiêu năm", "bị xử lý … thế nào").
search/ranking.py lifts the articles that state one (``question_clauses``). Pure; no Django.
"""

from __future__ import annotations

import re
from typing import Final

from regulations.legaltext.normalize import fold_diacritics

DEADLINE: Final = "deadline"
FEE: Final = "fee"
PENALTY: Final = "penalty"

_W: Final = r"(?:^|(?<=[\s,.;:!?]))"  # a word starts here
_E: Final = r"(?=$|[\s,.;:!?])"  # a word ends here

# Only at the end of the question (what follows is taken off by the other wrappers).
_QUESTION_END: Final = r"(?=(?: (?:khong|hay khong|nhu the nao|the nao|ra sao)(?: (?:a|nhe|vay))?)?\s*[?!.]?\s*$)"
# Wrappers, on the folded lower-case text. Order matters little: each is removed where found.
_WRAPPERS: Final = [
    # greetings and requests
    r"(?:kinh )?(?:thua|chao) (?:luat su|ban|anh|chi|quy co quan|cong)(?: a)?",
    r"(?:cho|xin cho|cho phep) (?:em|toi|minh|chau|con|to|tui) (?:duoc )?hoi(?: (?:la|ve|chut|mot chut|chut xiu))?",
    r"(?:em|toi|minh|chau) (?:muon|can) (?:hoi|biet|tim hieu)(?: (?:la|ve))?",
    r"xin (?:hoi|cam on)(?: (?:la|ve))?",
    r"(?:xin )?cam on(?: (?:luat su|ban|anh|chi|nhieu))?",
    r"(?:nho|mong) (?:luat su|ban|anh|chi) (?:tu van|giai dap|giup)(?: (?:giup|cho) (?:em|toi|minh))?",
    # the law in general
    r"theo (?:nhu )?quy dinh (?:cua )?(?:phap luat )?(?:hien nay|hien hanh|moi nhat|hien tai)?(?: thi)?",
    r"theo (?:phap luat|luat) (?:hien nay|hien hanh|viet nam)(?: thi)?",
    r"(?:phap luat|luat) (?:hien nay|hien hanh)? ?quy dinh(?: (?:the nao|ra sao|nhu the nao))?(?: ve)?",
    r"lien quan den (?:phap luat|quy dinh)(?: ve)?",
    # the question's frame
    r"(?:duoc )?(?:phap luat )?quy dinh (?:nhu the nao|the nao|ra sao)",
    r"(?:nhu the nao|the nao|ra sao)",
    r"thi sao",
    r"(?:co )?(?:duoc|phai) khong",
    r"hay khong",
    r"(?:trong )?truong hop (?:nay|do|tren)",
    # "… có bị truy cứu trách nhiệm hình sự không?", "… thì truy cứu trách nhiệm hình sự như thế
    # nào?": asks whether (and how) an act is a crime; the answer is the crime's article, and the
    # words themselves match the articles on prosecution ("Tội truy cứu trách nhiệm hình sự người
    # không có tội", "Thời hiệu truy cứu …"). Only as the question's end: "thời hiệu truy cứu
    # trách nhiệm hình sự", "quyền của người bị truy cứu …" stay. The question's type (penalty)
    # is read from the whole question.
    r"(?<!nguoi )(?:(?:co|thi) )?(?:(?:bi|phai|se bi)(?: chiu)? |(?:co|thi|se) )truy cuu (?:trach nhiem )?hinh su"
    + _QUESTION_END,
    # "… có vi phạm pháp luật không?": whether an act is lawful
    r"co (?:vi pham|trai) (?:phap luat|quy dinh(?: phap luat)?)" + _QUESTION_END,
    # exam questions: "Điều nào sau đây không đúng về …", "Nhận định nào sau đây là sai?"
    r"(?:dieu|nhan dinh|phat bieu|khang dinh|cau|phuong an|dap an) nao(?: sau(?: day)?| duoi day)?"
    r"(?: la)?(?: (?:khong|chua))?(?: (?:dung|sai|chinh xac|phai la|phai))?(?: (?:khi noi )?ve)?",
    # particles
    r"(?:a|nhe|nha|vay|the|u|ha)(?= ?[?!.]|$)",
]
_WRAPPER_RE: Final = re.compile(_W + "(?:" + "|".join(_WRAPPERS) + ")" + _E)
# "có … không": the frame of a yes/no question; the words between are the subject.
_YES_NO_RE: Final = re.compile(_W + r"khong(?=(?: (?:a|nhe|nha|vay|the|ha))? ?[?!.]?\s*$)")

_TYPES: Final = {
    DEADLINE: re.compile(
        r"\b(?:(?:trong|mat|sau) (?:bao lau|bao nhieu (?:ngay|thang|nam|gio))|bao lau"
        r"|thoi han(?: .{0,40})? (?:la|bao nhieu)|han chot|khi nao phai|may ngay|bao nhieu ngay(?: lam viec)?)\b"
    ),
    FEE: re.compile(
        r"\b(?:bao nhieu tien|muc (?:phi|le phi|thu|an phi)|(?:le phi|an phi|phi|chi phi)(?: .{0,40})? bao nhieu"
        r"|(?:nop|dong|tra) (?:bao nhieu|phi|le phi)|ton bao nhieu|het bao nhieu)\b"
    ),
    PENALTY: re.compile(
        r"\b(?:bi phat|xu phat|muc phat|phat (?:tu|tien)(?: .{0,20})? bao nhieu|bi xu ly|bi truy cuu"
        r"|(?:co|thi|se) truy cuu (?:trach nhiem )?hinh su"
        r"|chiu hinh phat|bi tu|o tu|ngoi tu|toi gi)\b"
    ),
}


def core(text: str) -> str:
    """``text`` without its conversational wrapper (the text itself when nothing else is left)."""
    folded = fold_diacritics(text).lower()
    if len(folded) != len(text):  # folding moved characters: keep the text as typed
        return text
    keep = [True] * len(text)
    for pattern in (_WRAPPER_RE, _YES_NO_RE):
        for m in pattern.finditer(folded):
            for i in range(m.start(), m.end()):
                keep[i] = False
    out = "".join(ch if k else " " for ch, k in zip(text, keep, strict=True))
    out = re.sub(r"\s+([,.;:!?])", r"\1", " ".join(out.split()))
    out = re.sub(r"^[\s,.;:!?]+|[\s,;:]+$", "", out)
    return out if re.search(r"[^\W\d_]", out) else text


def question_types(text: str) -> tuple[str, ...]:
    """What kind of answer the question asks for (``DEADLINE``, ``FEE``, ``PENALTY``), in that order."""
    folded = " ".join(fold_diacritics(text).lower().split())
    return tuple(name for name, pattern in _TYPES.items() if pattern.search(folded))

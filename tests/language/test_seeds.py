"""The bundled seed corpus: every document and sentence gets its document's language."""
import pytest

import clientcomm
from clientcomm.language import detect_language


@pytest.fixture(scope="module")
def seeds():
    docs = clientcomm.load_corpus()
    return docs, clientcomm.analyze(docs, steps=["language"])


def test_whole_documents(seeds):
    docs, _ = seeds
    assert detect_language(docs["clean_text"])["lang"].tolist() == docs["declared_lang"].tolist()


def test_seed_003_is_traditional_in_sentences(seeds):
    docs, segs = seeds
    zh = segs[segs["doc_id"] == docs["doc_id"].iloc[3]]
    assert (zh["lang"] == "zh-Hant").mean() >= 0.95
    assert not zh["lang"].isin(["ko", "ja"]).any()


def test_seeds_000_to_002_sentences_keep_their_language(seeds):
    docs, segs = seeds
    declared = dict(zip(docs["doc_id"], docs["declared_lang"]))
    first3 = segs[segs["doc_id"].isin(docs["doc_id"].iloc[:3])]
    wrong = first3[first3["lang"] != first3["doc_id"].map(declared)]
    assert wrong.empty, wrong[["doc_id", "lang", "text"]].to_string()

"""Memory-mapped word lists: same answers as simplemma's dictionaries, built once, safely."""
import multiprocessing
import os

import pytest

from clientcomm.language import wordlists
from clientcomm.language.wordlists import WordList, build, wordlist

# Written for these tests: inflected forms, words of other languages, nonsense.
FR_WORDS = ["bonjour", "commandes", "livrée", "remboursement", "merci", "étaient", "Paris", "clients",
            "спасибо", "mulțumesc", "xqzvb", "", "l'homme", "aujourd'hui"]
RU_WORDS = ["спасибо", "клиентами", "довольны", "заказ", "доставили", "вчера", "дякую", "qwerty"]


def _simplemma_dictionary(code):
    from simplemma.strategies.dictionaries import DefaultDictionaryFactory

    return DefaultDictionaryFactory(cache_max_size=1).get_dictionary(code)


def test_same_forms_and_lemmas_as_simplemma():
    ref = _simplemma_dictionary("fr")
    wl = wordlist("fr")
    assert len(wl) == len(ref)
    for w in FR_WORDS:
        assert (w in wl) == (w in ref), w
        assert wl.get(w) == ref.get(w), w
    assert "merci" in wl and "xqzvb" not in wl
    with pytest.raises(KeyError):
        wl["xqzvb"]


def test_lemmatize_matches_simplemma():
    import simplemma

    from clientcomm.tokens import lemmatize

    for word, lang in [(w, "ru") for w in RU_WORDS] + [(w, "fr") for w in FR_WORDS if w]:
        if word[:1].isalpha():
            assert lemmatize(word, lang) == simplemma.lemmatize(word.lower(), lang=lang).lower(), word


def test_caches_are_bounded():
    from clientcomm import tokens

    assert tokens.lemmatize.cache_info().maxsize is not None
    assert wordlist.cache_info().maxsize is not None


def test_build_into_a_fresh_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("CLIENTCOMM_CACHE", str(tmp_path))
    path = build("fr")
    assert path == tmp_path / f"wordlists-v{wordlists.FORMAT}" / f"simplemma-{wordlists.simplemma_version()}" / "fr.marisa"
    assert WordList("fr", path).get("commandes") == wordlist("fr").get("commandes")
    leftovers = [p.name for p in path.parent.iterdir() if p.name != "fr.marisa" and not p.name.endswith(".lock")]
    assert leftovers == []  # the temporary file was renamed, nothing half-written remains
    stamp = path.stat().st_mtime_ns
    assert build("fr") == path and path.stat().st_mtime_ns == stamp  # not built twice


def _build_in_child(cache: str) -> str:
    os.environ["CLIENTCOMM_CACHE"] = cache
    return str(build("en"))


def test_concurrent_builds_give_one_complete_file(tmp_path):
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(2) as pool:
        paths = pool.map(_build_in_child, [str(tmp_path)] * 2)
    assert len(set(paths)) == 1
    wl = WordList("en", paths[0])
    assert wl.get("clients") == "client" and len(wl) == len(wordlist("en"))


def test_unknown_language_and_unwritable_cache(tmp_path, monkeypatch):
    with pytest.raises(ValueError, match="no word list"):
        build("tlh")
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("CLIENTCOMM_CACHE", str(blocker))
    with pytest.raises(OSError, match="CLIENTCOMM_CACHE"):
        build("fr")

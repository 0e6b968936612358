"""Each language of a dictionary is compiled on its first use, with the entries an eager compile makes."""
from __future__ import annotations

import pickle
import threading

import pytest

from clientcomm._yaml import load_yaml
from clientcomm.dictionaries import tag_text
from clientcomm.dictionaries.loader import BUILTIN, DATA_DIR, LEVELS, _as_list, _load_path, load_dictionary


def _fresh(name: str = "channels"):
    """A dictionary read anew, past the loader's cache (so nothing of it is compiled yet)."""
    return _load_path.__wrapped__(str(DATA_DIR / f"{name}.yaml"), 0.0)


def _entries(d) -> list:
    """Every entry of every language of ``d``, by ``order``."""
    found = {}
    for ix in d.languages.values():
        for es in (*ix.exact.values(), *ix.prefix.values(), ix.globs, ix.chars):
            for e in es:
                found[e.order] = e
    return [found[k] for k in sorted(found)]


def test_a_fresh_dictionary_compiles_no_language_until_asked():
    d = _fresh()
    assert "ru" in d.languages and "zh" in d.languages and "xx" not in d.languages
    assert len(d.languages) == len(list(d.languages)) >= 4
    assert d.languages.compiled() == ()  # membership, len and iteration compile nothing
    assert tag_text("客户来电说货物还没有到。", d, "zh-Hans")["labels"] == ["phone"]
    assert "ru" not in d.languages.compiled() and "zh" in d.languages.compiled()
    assert d.languages.get("ru") is d.index("ru") is d.languages["ru"]  # built once
    assert "ru" in d.languages.compiled() and "en" not in d.languages.compiled()
    assert d.index("xx") is None and d.languages.get("xx") is None
    with pytest.raises(KeyError):
        d.languages["xx"]


@pytest.mark.parametrize("name", BUILTIN)
def test_orders_are_file_order_across_languages_whatever_language_comes_first(name):
    with open(DATA_DIR / f"{name}.yaml", encoding="utf-8") as fh:
        raw = load_yaml(fh)
    # the file order, counted here independently of the loader
    expected = []
    for code, by_label in raw["languages"].items():
        for label, levels in by_label.items():
            levels = {"mention": levels} if isinstance(levels, list) else levels
            for level, items in levels.items():
                assert level in LEVELS
                for item in _as_list(items):
                    term = item["term"] if isinstance(item, dict) else item
                    expected.append(("zh" if str(code).startswith("zh") else str(code), label, level, str(term).strip()))
    in_file_order = _fresh(name)
    for code in in_file_order.languages:
        in_file_order.index(code)
    backwards = _fresh(name)
    for code in reversed(list(backwards.languages)):
        backwards.index(code)
    a, b = _entries(in_file_order), _entries(backwards)
    assert [e.order for e in a] == list(range(len(expected))) == list(range(in_file_order.n_entries))
    assert [(e.lang, e.label, e.level, e.term.text) for e in a] == expected
    assert a == b  # equal Entries (terms, patterns, context rules, windows, orders)


def test_a_bad_pattern_fails_on_first_use_of_its_language_only(write_yaml):
    path = write_yaml("""
        labels: [a]
        languages:
          en:
            a: ["call", "x[z-a]y"]
          ro:
            a: ["sunați"]
        """)
    d = load_dictionary(path)  # the file's structure is fine: it loads
    assert tag_text("Sunați-ne", d, "ro")["labels"] == ["a"]
    with pytest.raises(ValueError, match=r"entry 'x\[z-a\]y' of 'a' \(language en\): bad pattern"):
        d.index("en")
    with pytest.raises(ValueError, match="bad pattern"):  # and again: nothing half-built was kept
        tag_text("call me", d, "en")


@pytest.mark.parametrize("body,message", [
    ("labels: [a]\nlanguages:\n  en:\n    a: [x]\n  ru:\n    a: [{term: y, exclude: ['  ']}]\n",
     "empty dictionary term in exclude of 'a'"),
    ("labels: [a]\nlanguages:\n  en:\n    a: [x]\n  ru:\n    a: [{term: y, window: near}]\n",
     "window 'near' of 'a' must be an integer"),
])
def test_cheap_mistakes_of_a_language_never_used_still_fail_at_load(write_yaml, body, message):
    with pytest.raises(ValueError, match=message):
        load_dictionary(write_yaml(body))


def test_threads_asking_at_once_share_one_build():
    d = _fresh()
    got, start = [], threading.Barrier(4)

    def ask():
        start.wait()
        got.append(d.index("ru"))

    threads = [threading.Thread(target=ask) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(got) == 4 and all(ix is got[0] for ix in got)


def test_a_dictionary_pickles_with_its_languages():
    d = _fresh("temperaments")
    d.index("en")
    copy = pickle.loads(pickle.dumps(d))
    assert copy.languages.compiled() == ("en",)
    assert _entries(copy) == _entries(d)

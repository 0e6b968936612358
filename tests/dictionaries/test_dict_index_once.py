"""LangIndex.add_many (what the loader uses) builds the same index as adding the entries one by one."""
from __future__ import annotations

import dataclasses

import pytest

from clientcomm.dictionaries.loader import BUILTIN, LangIndex, load_dictionary


def _one_by_one(ix: LangIndex) -> LangIndex:
    """The plain definition: every entry of ``ix`` added with ``add``, in their order (``order``)."""
    entries = sorted({id(e): e for es in (*ix.exact.values(), *ix.prefix.values(), ix.globs, ix.chars)
                      for e in es}.values(), key=lambda e: e.order)
    out = LangIndex()
    for e in entries:
        out.add(e)
    return out


@pytest.mark.parametrize("name", BUILTIN)
def test_loaded_index_is_the_one_by_one_index(name: str) -> None:
    d = load_dictionary(name)
    assert d.languages
    for code, ix in d.languages.items():
        ref = _one_by_one(ix)
        for f in dataclasses.fields(LangIndex):
            if f.name == "_cache":
                continue
            assert getattr(ix, f.name) == getattr(ref, f.name), (name, code, f.name)
        # and it answers like it
        for word in ("звонок", "звонить", "telefon", "email", "call", "mail", "phone", "sună"):
            assert ix.candidates(word, word) == ref.candidates(word, word)
        for hay in ("请给我打电话或者发邮件", "微信联系", "no han here"):
            assert ix.char_candidates(hay) == ref.char_candidates(hay)


def test_add_many_in_parts_equals_all_at_once() -> None:
    ix = load_dictionary("channels").index("ru")
    entries = _one_by_one(ix)
    parts = LangIndex()
    es = sorted({id(e): e for v in entries.exact.values() for e in v}.values(), key=lambda e: e.order)
    es += entries.globs + sorted({id(e): e for v in entries.prefix.values() for e in v}.values(), key=lambda e: e.order)
    whole = LangIndex()
    whole.add_many(es)
    parts.add_many(es[: len(es) // 2])
    parts.add_many(es[len(es) // 2:])
    assert whole == parts

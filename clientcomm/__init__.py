"""clientcomm: a research toolkit on multilingual client communication.

The public API reads like the data flow ``load → clean → segment → annotate → analyze``::

    import clientcomm
    docs = clientcomm.load_corpus()            # documents table (raw_text, clean_text)
    segs = clientcomm.analyze(docs)            # tidy segment table, annotated
    clientcomm.annotate(my_df, text_column="message")   # any column of texts

Single helpers work alone on a string, a list or a pandas Series:
``detect_language``, ``score_sentiment``, ``tag`` (dictionaries), ``profile``
(temperament cues), ``redact``; corpus statistics: ``kwic``, ``keyness``,
``crosstab``; loaders for messages, e-mail and chats: ``load``.
"""
from __future__ import annotations

__version__ = "0.1.0"

import importlib

# These two names are also submodules (clientcomm.segment, clientcomm.redact): imported here, so that the
# function, not the module, is what ``clientcomm.segment`` / ``clientcomm.redact`` name, as before.
from .segment import segment, split_sentences, split_paragraphs
from .redact import redact

#: Where each other public name lives. They are imported on first use (PEP 562), not with the package:
#: ``clientcomm annotate`` and a Dask worker that only annotates do not load the statistics, the conversation
#: model or the cleaning rules (about 45 ms of the 0.5 s start-up of every process and worker).
_LAZY = {
    "load_corpus": "corpus", "bundled_corpus_path": "corpus",
    "clean_text": "clean", "clean_documents": "clean", "cleaning_report": "clean",
    "tokenize": "tokens", "lemmatize": "tokens",
    "detect_language": "language", "score_sentiment": "sentiment",
    "tag": "dictionaries", "profile": "dictionaries",
    "kwic": "stats", "keyness": "stats", "crosstab": "stats",
    "load": "loaders",
    "annotate": "pipeline", "analyze": "pipeline", "available_steps": "pipeline",
    "annotate_file": "streaming",
    "assign_roles": "conversations", "compare": "conversations", "threads": "conversations.thread_table",
}


def __getattr__(name: str):
    """``clientcomm.<name>`` for a public name not imported yet: import its module once, keep the name."""
    where = _LAZY.get(name)
    if where is None:
        raise AttributeError(f"module 'clientcomm' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{where}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "load_corpus", "bundled_corpus_path", "clean_text", "clean_documents", "segment",
    "split_sentences", "split_paragraphs", "tokenize", "lemmatize", "detect_language",
    "annotate", "analyze", "available_steps", "annotate_file", "score_sentiment", "tag", "profile",
    "kwic", "keyness", "crosstab", "load", "redact", "cleaning_report", "__version__",
    "assign_roles", "threads", "compare",
]


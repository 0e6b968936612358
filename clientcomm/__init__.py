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

from .corpus import load_corpus, bundled_corpus_path
from .clean import clean_text, clean_documents
from .segment import segment, split_sentences, split_paragraphs
from .tokens import tokenize, lemmatize
from .language import detect_language
from .sentiment import score_sentiment
from .dictionaries import tag, profile
from .stats import kwic, keyness, crosstab
from .loaders import load
from .redact import redact
from .pipeline import annotate, analyze, available_steps
from .streaming import annotate_file
from .clean import cleaning_report
from .conversations import assign_roles, compare
from .conversations.thread_table import threads

__all__ = [
    "load_corpus", "bundled_corpus_path", "clean_text", "clean_documents", "segment",
    "split_sentences", "split_paragraphs", "tokenize", "lemmatize", "detect_language",
    "annotate", "analyze", "available_steps", "annotate_file", "score_sentiment", "tag", "profile",
    "kwic", "keyness", "crosstab", "load", "redact", "cleaning_report", "__version__",
    "assign_roles", "threads", "compare",
]


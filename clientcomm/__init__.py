"""clientcomm: a research toolkit on multilingual client communication.

The public API reads like the data flow ``load → clean → segment → annotate → analyze``::

    import clientcomm
    docs = clientcomm.load_corpus()            # documents table (raw_text, clean_text)
    segs = clientcomm.analyze(docs)            # tidy segment table, annotated
    clientcomm.annotate(my_df, text_column="message")   # any column of texts
"""
from __future__ import annotations

__version__ = "0.1.0"

from .corpus import load_corpus, bundled_corpus_path
from .clean import clean_text, clean_documents
from .segment import segment, split_sentences, split_paragraphs
from .tokens import tokenize, lemmatize
from .language import detect_language
from .pipeline import annotate, analyze, available_steps
from .streaming import annotate_file

__all__ = [
    "load_corpus", "bundled_corpus_path", "clean_text", "clean_documents", "segment",
    "split_sentences", "split_paragraphs", "tokenize", "lemmatize", "detect_language",
    "annotate", "analyze", "available_steps", "annotate_file", "__version__",
]

# Optional layers register themselves here as they are built (sentiment,
# dictionaries, statistics, loaders, redaction, plotting).
try:
    from .sentiment import score_sentiment  # noqa: F401
    __all__.append("score_sentiment")
except ImportError:  # pragma: no cover - only while the layer is absent
    pass
try:
    from .dictionaries import tag  # noqa: F401
    __all__.append("tag")
except ImportError:  # pragma: no cover
    pass
try:
    from .stats import kwic, keyness, crosstab  # noqa: F401
    __all__ += ["kwic", "keyness", "crosstab"]
except ImportError:  # pragma: no cover
    pass
try:
    from .loaders import load  # noqa: F401
    __all__.append("load")
except ImportError:  # pragma: no cover
    pass
try:
    from .redact import redact  # noqa: F401
    __all__.append("redact")
except ImportError:  # pragma: no cover
    pass

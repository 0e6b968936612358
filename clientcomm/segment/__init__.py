"""Segmentation into paragraphs and sentences, with character offsets.

Offsets index the text that was split (by default ``clean_text``), so
``clean_text[start:end] == text`` for every segment. The sentence splitter is
rule-based (see :mod:`.sentences` for the rules and why not NLTK Punkt);
abbreviation lists are data files in ``abbreviations/``.

>>> t = "Dl. Popescu a venit la ora 5. A plecat imediat, etc. Apoi?"
>>> [t[s:e] for s, e in split_sentences(t, "ro")]
['Dl. Popescu a venit la ora 5.', 'A plecat imediat, etc.', 'Apoi?']
"""
from __future__ import annotations

from .paragraphs import split_paragraphs
from .sentences import split_sentences
from .segments_table import SEGMENT_COLUMNS, segment

__all__ = ["segment", "split_paragraphs", "split_sentences", "SEGMENT_COLUMNS"]

# ``clientcomm/__init__.py`` binds the function ``segment`` to the name of this
# package, so ``clientcomm.segment`` is the function. Give it the package's
# helpers so ``clientcomm.segment.split_sentences(...)`` works either way.
for _name in ("split_paragraphs", "split_sentences", "SEGMENT_COLUMNS", "segment"):
    setattr(segment, _name, globals()[_name])
del _name

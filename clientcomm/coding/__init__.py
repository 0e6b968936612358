"""Human coding: draw a sample, code it by hand, measure agreement between coders and against the tagger.

>>> from clientcomm import coding
>>> [n for n in coding.__all__ if n.islower()][:6]
['sample', 'write_sheet', 'read', 'agreement', 'adjudicate', 'validate']

The workflow content analysts publish with (Krippendorff 2018, *Content
Analysis*, ch. 12; Neuendorf 2017, ch. 6):

1. ``sample(segments, n, stratify_by=..., seed=...)`` → a coding sheet;
   ``write_sheet(sheet, "coding.xlsx", coder="A")`` one file per coder.
2. Coders fill their columns (``none`` when no label applies).
3. ``read(paths)`` → a long table of codes.
4. ``agreement(codes)`` → Cohen's κ (per coder pair), Fleiss' κ and
   Krippendorff's α (nominal, any number of coders, missing codes allowed)
   via ``nltk.metrics.agreement``, with bootstrap CIs over units.
5. ``adjudicate(codes)`` (majority) or an ``adjudicated`` coder column
   decided after discussion → ``validate(codes, tagged)``: precision, recall
   and F1 per label and language of the dictionaries (or sentiment).
"""
from __future__ import annotations

from .agreement import AGREEMENT_COLUMNS, agreement
from .read import read
from .sheet import NONE, code_column, label_vocabulary, sample, write_sheet
from .validate import adjudicate, validate

__all__ = ["sample", "write_sheet", "read", "agreement", "adjudicate", "validate", "code_column",
           "label_vocabulary", "NONE", "AGREEMENT_COLUMNS"]

"""Corpus statistics on the segment table: kwic, keyness, crosstab, counts per 100 tokens.

>>> import pandas as pd
>>> seg = pd.DataFrame({"text": ["Позвоните нам завтра"], "lang": ["ru"]})
>>> kwic(seg, "позвон*")["keyword"].tolist()
['Позвоните']

Verbs are named by what they return, as in quanteda: ``kwic`` (keyword in
context), ``keyness`` (G², chi² with Yates, p, log-ratio), ``crosstab``
(counts, rates per 100 segments, chi², Cramér's V, bootstrap CIs) and
``per_100_tokens`` (LIWC-style dictionary rates).
"""
from __future__ import annotations

from .counts import dictionary_counts, per_100_tokens, token_counts
from .crosstab import cramers_v, crosstab, split_labels
from .keyness import chi2_yates_2x2, g2_2x2, keyness
from .kwic import kwic
from .resample import cluster_bootstrap, cluster_bootstrap_groups, jeffreys_interval

__all__ = ["kwic", "keyness", "crosstab", "per_100_tokens", "dictionary_counts", "token_counts", "g2_2x2",
           "chi2_yates_2x2", "cramers_v", "split_labels", "cluster_bootstrap", "cluster_bootstrap_groups",
           "jeffreys_interval"]

"""Corpus statistics on the segment table: kwic, keyness, crosstab, counts per 100 tokens.

>>> import pandas as pd
>>> seg = pd.DataFrame({"text": ["Позвоните нам завтра"], "lang": ["ru"]})
>>> kwic(seg, "позвон*")["keyword"].tolist()
['Позвоните']

Verbs are named by what they return, as in quanteda: ``kwic`` (keyword in
context), ``keyness`` (G², chi² with Yates, p, log-ratio; ``exclude`` drops
the terms that selected the target), ``crosstab`` (counts, rates per 100
segments with Wilson or cluster-bootstrap intervals) and ``per_100_tokens``
(LIWC-style dictionary rates).

Inference counts independent units (documents, threads, clients):
``cluster_bootstrap``/``cluster_bootstrap_groups`` resample whole clusters;
``contingency_test`` picks Fisher's exact test, chi² or a Monte Carlo
permutation test by the expected counts and names it; ``cluster_permutation_test``
permutes whole documents; ``label_tests`` tests presence/absence of each label
per unit with Benjamini–Hochberg across the family; ``cramers_v_corrected``
is Bergsma's bias-corrected V; ``wilson_interval``/``jeffreys_interval`` stay
honest at zero counts.
"""
from __future__ import annotations

from .counts import dictionary_counts, per_100_tokens, token_counts
from .crosstab import cramers_v, crosstab, split_labels
from .keyness import chi2_yates_2x2, g2_2x2, keyness
from .kwic import kwic
from .association import (benjamini_hochberg, cluster_permutation_test, contingency_test, cramers_v_corrected,
                          expected_counts)
from .intervals import jeffreys_interval, proportion_ci, wilson_interval
from .labels import label_tests
from .proportions import describe_differences, expected_proportions
from .resample import cluster_bootstrap, cluster_bootstrap_groups
from .units import passages

__all__ = ["kwic", "keyness", "crosstab", "per_100_tokens", "dictionary_counts", "token_counts", "g2_2x2",
           "chi2_yates_2x2", "cramers_v", "split_labels", "cluster_bootstrap", "cluster_bootstrap_groups",
           "jeffreys_interval", "wilson_interval", "proportion_ci", "contingency_test", "cluster_permutation_test",
           "cramers_v_corrected", "expected_counts", "benjamini_hochberg", "label_tests", "expected_proportions", "describe_differences", "passages"]

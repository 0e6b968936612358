"""Language identification for documents and segments.

Rules first (Unicode script, letters unique to a language, function words),
statistics second (langdetect's profiles and py3langid's model, restricted to the
languages the script allows), context last (short segments inherit their
document's language).

>>> detect_language(["Добрый день!", "Bună ziua!", "你好，我们明天见。"])["lang"].tolist()
['ru', 'ro', 'zh-Hans']
"""
from __future__ import annotations

from .context import annotate_segments, document_languages
from .detector import detect_language, detect_one, explain
from .scripts import dominant_script, script_counts

__all__ = ["detect_language", "detect_one", "explain", "annotate_segments", "document_languages",
           "dominant_script", "script_counts"]

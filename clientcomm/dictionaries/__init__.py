"""Temperament and channel dictionaries: ``tag`` texts, explain the hits, profile cues.

>>> tag(["Напишите нам в WhatsApp"], "channels", lang="ru")["labels"].tolist()
['messenger']

Built-in dictionaries (YAML in ``data/``): ``channels`` (email, phone,
messenger, sms, meeting, letter, video, social, web) and ``temperaments``
(sanguine, choleric, melancholic, phlegmatic); any YAML file in the same
format works the same way. ``profile`` is the exploratory temperament-cue
profile on Eysenck's two axes (see ``profiles.py`` for its sources).
"""
from __future__ import annotations

from .loader import BUILTIN, Dictionary, load_dictionary
from .tagger import resolve_lang, tag, tag_text
from .profiles import list_cues, profile
from .evaluate import evaluate_passages

__all__ = ["tag", "tag_text", "load_dictionary", "Dictionary", "resolve_lang", "BUILTIN", "CHANNELS",
           "TEMPERAMENTS", "profile", "list_cues", "evaluate_passages"]

#: The fixed vocabularies (other modules and the CLI use these exact labels).
CHANNELS = ("email", "phone", "messenger", "sms", "meeting", "letter", "video", "social", "web")
TEMPERAMENTS = ("sanguine", "choleric", "melancholic", "phlegmatic")


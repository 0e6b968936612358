"""jieba's default segmentation (``Tokenizer.tokenize(text)``, HMM on), re-implemented for speed.

Why this module exists: segmenting Chinese with jieba was the largest CPU cost
of ``clientcomm annotate`` on distinct texts. On the 2,219 Chinese texts of
``benchmarks/throughput.py --distinct`` (5,000 texts, seed 0), segmenting the
Simplified views took 1.30-1.43 s CPU with ``jieba.dt.tokenize`` and
0.48-0.49 s with :func:`tokenize` here (``time.process_time``, 3 runs each, same
process, on a shared 2-core machine). jieba's HMM-free mode is faster too but
gives other words, so it is not an option: this is the *same* algorithm,
written again with fewer Python-level steps per character (no generators, no
DAG dict, word scores looked up by frequency, the four-state Viterbi unrolled
with one emission tuple per character).

The output is identical to ``list(jieba.dt.tokenize(text))``: the same
``(word, start, end)`` triples. ``tests/test_jieba_words.py`` compares the two
on sentences and generated strings written for it (including the HMM's tie
cases and words added or removed later), and ``benchmarks/jieba_identity.py``
on every text of the development sets and the bundled corpus (26,002 views,
0 differences, when written). jieba stays the source of the dictionary and of
the HMM's probabilities, and the reference (:mod:`clientcomm.tokens` falls back
to jieba itself for a jieba version this was not checked against):

- the dictionary is read live from the tokenizer (``FREQ`` and ``total``) on
  every call, so words added later with ``add_word``/``load_userdict`` or
  removed with ``del_word`` count at once, as in jieba;
- jieba's forced splits (``finalseg.Force_Split_Words``, filled by adding a
  word with frequency 0) are read live too;
- the HMM's start/transition/emission log-probabilities are jieba's own
  (``jieba.finalseg``), copied into per-character tuples once and rebuilt if
  jieba's tables are replaced by other objects.

The algorithm (jieba 0.42), in the order it runs:

1. The text is cut into runs of "word" characters (CJK U+4E00-U+9FD5, ASCII
   letters and digits, ``+#&._%-``) and the characters between them. Between
   runs every character is its own token, except that ``"\\r\\n"`` is one.
2. In a run, every dictionary word (frequency above 0) starting at each
   position is a candidate; the route of highest total
   ``log(freq) - log(total)`` is chosen from the right (a character that starts no word counts
   as frequency 1; on equal scores the longer word wins).
3. Consecutive one-character steps of that route are collected; two or more
   of them that are not themselves a dictionary word go to the HMM: their
   CJK parts through a Viterbi over the states B/M/E/S (ties go to the later
   letter, as ``max`` over ``(score, state)`` does in jieba), their other parts
   cut into ``[a-zA-Z0-9]+(\\.\\d+)?%?`` and the pieces between.

>>> import jieba
>>> [w for w, _, _ in tokenize("客户很满意，送货太慢了", jieba.dt)]
['客户', '很', '满意', '，', '送货', '太慢', '了']
"""
from __future__ import annotations

import math
import re
from typing import Any

__all__ = ["tokenize"]

#: A run of the characters jieba segments with its dictionary (step 1 above).
_RUN = re.compile("[\u4E00-\u9FD5a-zA-Z0-9+#&._%\\-]+")
#: A character that is not CJK, inside a run (the HMM only sees CJK runs).
_NOT_CJK = re.compile("[^\u4E00-\u9FD5]")
#: CJK runs inside a buffer handed to the HMM (kept by ``split``).
_CJK_SPLIT = re.compile("([\u4E00-\u9FD5]+)")
#: Letters/digits (with decimals and a percent sign) inside the non-CJK parts of that buffer.
_ALNUM_SPLIT = re.compile("([a-zA-Z0-9]+(?:\\.[0-9]+)?%?)")

_NEG_INF = float("-inf")


# States are numbered B=0, M=1, E=2, S=3 (so "a word ends here" is ``state >= 2``).
#: ``_PREV[state][bits]``: the state before ``state``, from the four bits the Viterbi keeps per
#: position (1: B came from S, else E; 2: M from B, else M; 4: E from M, else B; 8: S from E, else S).
_PREV = (
    tuple(3 if bits & 1 else 2 for bits in range(16)),
    tuple(0 if bits & 2 else 1 for bits in range(16)),
    tuple(1 if bits & 4 else 0 for bits in range(16)),
    tuple(2 if bits & 8 else 3 for bits in range(16)),
)


class _Hmm:
    """jieba's B/M/E/S model as plain floats and a tuple of four emissions per character."""

    __slots__ = ("key", "start", "trans", "emit", "missing")

    def __init__(self, finalseg: Any) -> None:
        start_p, trans_p, emit_p = finalseg.start_P, finalseg.trans_P, finalseg.emit_P
        self.key = (id(start_p), id(trans_p), id(emit_p))
        low = finalseg.MIN_FLOAT
        self.start = tuple(start_p[s] for s in "BMES")
        # the eight transitions the model allows (jieba's PrevStatus); others are never looked up
        self.trans = tuple(trans_p[a].get(b, low) for a, b in
                           ("EB", "SB", "MM", "BM", "SS", "ES", "BE", "ME"))
        chars = set().union(*(emit_p[s] for s in "BMES"))
        self.emit = {ch: tuple(emit_p[s].get(ch, low) for s in "BMES") for ch in chars}
        self.missing = (low, low, low, low)


_HMM: _Hmm | None = None


def _hmm(finalseg: Any) -> _Hmm:
    """The model made from jieba's tables, made again if jieba's tables were replaced."""
    global _HMM
    model = _HMM
    if model is None or model.key != (id(finalseg.start_P), id(finalseg.trans_P), id(finalseg.emit_P)):
        model = _HMM = _Hmm(finalseg)
    return model


def _viterbi(s: str, pos: int, out: list, model: _Hmm) -> None:
    """Append the words the HMM finds in the CJK string ``s`` (jieba's ``finalseg.viterbi`` and ``__cut``).

    Same sums in the same order as jieba, so the same floats and the same ties.
    """
    emit_get = model.emit.get
    missing = model.missing
    sB, sM, sE, sS = model.start
    tEB, tSB, tMM, tBM, tSS, tES, tBE, tME = model.trans
    eB, eM, eE, eS = emit_get(s[0], missing)
    vB = sB + eB
    vM = sM + eM
    vE = sE + eE
    vS = sS + eS
    back = []  # for each position from 1: the four bits of _PREV
    push = back.append
    for ch in s[1:]:
        eB, eM, eE, eS = emit_get(ch, missing)
        a = vE + tEB + eB
        b = vS + tSB + eB
        if b >= a:  # equal: 'S' > 'E' in jieba's max over (score, state)
            nB = b
            bits = 1
        else:
            nB = a
            bits = 0
        a = vM + tMM + eM
        b = vB + tBM + eM
        if a >= b:  # equal: 'M' > 'B'
            nM = a
        else:
            nM = b
            bits |= 2
        a = vB + tBE + eE
        b = vM + tME + eE
        if b >= a:  # equal: 'M' > 'B'
            nE = b
            bits |= 4
        else:
            nE = a
        a = vS + tSS + eS
        b = vE + tES + eS
        if a >= b:  # equal: 'S' > 'E'
            nS = a
        else:
            nS = b
            bits |= 8
        push(bits)
        vB = nB
        vM = nM
        vE = nE
        vS = nS
    # the last state is E or S ('S' on a tie); walking back, a word ends wherever the state is E or S
    state = 3 if vS >= vE else 2
    end = len(s)
    t = end - 1
    words = []
    for bits in reversed(back):
        state = _PREV[state][bits]
        if state >= 2:
            words.append((s[t:end], pos + t, pos + end))
            end = t
        t -= 1
    words.append((s[:end], pos, pos + end))
    words.reverse()
    out += words


def _hmm_words(buf: str, pos: int, out: list, model: _Hmm, forced: set) -> None:
    """Append the words of ``buf`` (jieba's ``finalseg.cut``) at offset ``pos``.

    ``forced``: jieba's ``finalseg.Force_Split_Words``.
    """
    if forced:
        mark = len(out)
    if _NOT_CJK.search(buf) is None:
        _viterbi(buf, pos, out, model)
    else:
        for k, part in enumerate(_CJK_SPLIT.split(buf)):
            if k % 2:
                _viterbi(part, pos, out, model)
                pos += len(part)
            elif part:
                for piece in _ALNUM_SPLIT.split(part):
                    if piece:
                        out.append((piece, pos, pos + len(piece)))
                        pos += len(piece)
    if forced:  # words added with frequency 0: the HMM's words among them are cut into characters
        words = out[mark:]
        if any(w in forced for w, _, _ in words):
            del out[mark:]
            for word, a, b in words:
                if word in forced and _CJK_SPLIT.match(word):
                    out.extend((ch, k, k + 1) for k, ch in enumerate(word, a))
                else:
                    out.append((word, a, b))


#: Word-score tables by ``log(total)``: a few, for programs that use several tokenizers.
_LOGP: dict[float, dict] = {}
_LOGP_TABLES = 4


def _log_probs(freq: dict, logtotal: float) -> dict:
    """``{f: log(f) - logtotal}`` for the frequencies in ``freq`` (the route's word scores, as jieba computes them).

    Depends on ``logtotal`` only; made anew for a new total (a word added with ``add_word``).
    A frequency missing from it (``FREQ`` edited by hand) is added when the route meets it.
    """
    table = _LOGP.get(logtotal)
    if table is None:
        log = math.log
        table = {f: log(f) - logtotal for f in set(freq.values()) if f}
        if len(_LOGP) >= _LOGP_TABLES:
            _LOGP.clear()
        _LOGP[logtotal] = table
    return table


def _route(s: str, get, logp: dict, unknown: float) -> list[int]:
    """``nxt[i]``: the end of the word the best route takes at ``i`` (jieba's ``get_DAG`` and ``calc``).

    Scores are summed from the right in jieba's order (``log(f) - log(total)``, then the rest of the
    route), so the same floats; a ``KeyError`` names a frequency missing from ``logp``.
    """
    n = len(s)
    score = [0.0] * (n + 1)
    nxt = [0] * (n + 1)
    first = list(map(get, s))
    right = 0.0  # score[i + 1]
    for i in range(n - 1, -1, -1):
        f = first[i]
        if f is None:
            right = score[i] = unknown + right
            nxt[i] = i + 1
            continue
        if f:
            best = logp[f] + right
            best_end = i + 1
        else:
            best = _NEG_INF
            best_end = 0
        end = i + 2
        while end <= n:
            f = get(s[i:end])
            if f is None:
                break
            if f:
                c = logp[f] + score[end]
                if c >= best:  # equal: the longer word, as max() over (score, end) in jieba
                    best = c
                    best_end = end
            end += 1
        if best_end:
            right = score[i] = best
            nxt[i] = best_end
        else:
            right = score[i] = unknown + right
            nxt[i] = i + 1
    return nxt


def _cut_run(s: str, pos: int, out: list, get, logtotal: float, logp: dict, model: _Hmm, forced: set) -> None:
    """Append ``(word, start, end)`` for the run ``s`` (step 2 and 3 above) starting at offset ``pos``.

    ``get`` is ``FREQ.get`` of jieba's dictionary (words and their prefixes, prefixes with 0),
    ``logtotal`` is ``math.log(total)``, ``logp`` from :func:`_log_probs`, ``forced`` jieba's
    ``finalseg.Force_Split_Words``.
    """
    n = len(s)
    if n == 1:
        out.append((s, pos, pos + 1))
        return
    while True:
        try:
            nxt = _route(s, get, logp, 0.0 - logtotal)  # log(1) - log(total): a character that starts no word
            break
        except KeyError as missing:
            f = missing.args[0]
            logp[f] = math.log(f) - logtotal
    # walk the route; runs of one-character steps are held in a buffer [held, x)
    held = -1
    x = 0
    while x < n:
        y = nxt[x]
        if y - x == 1:
            if held < 0:
                held = x
        else:
            if held >= 0:
                if x - held == 1:
                    out.append((s[held], pos + held, pos + x))
                else:
                    _flush(s[held:x], pos + held, out, get, model, forced)
                held = -1
            out.append((s[x:y], pos + x, pos + y))
        x = y
    if held >= 0:
        if n - held == 1:
            out.append((s[held], pos + held, pos + n))
        else:
            _flush(s[held:], pos + held, out, get, model, forced)


def _flush(buf: str, pos: int, out: list, get, model: _Hmm, forced: set) -> None:
    """Two or more characters the route took one by one: as characters if ``buf`` is a word, else via the HMM."""
    if get(buf):
        out.extend((ch, k, k + 1) for k, ch in enumerate(buf, pos))
    else:
        _hmm_words(buf, pos, out, model, forced)


def tokenize(text: str, tokenizer: Any) -> list[tuple[str, int, int]]:
    """``list(tokenizer.tokenize(text))`` for a ``jieba.Tokenizer`` (default mode, HMM on), faster.

    >>> import jieba
    >>> tokenize("AI客服 2.5%\\r\\n", jieba.dt)
    [('AI', 0, 2), ('客服', 2, 4), (' ', 4, 5), ('2.5%', 5, 9), ('\\r\\n', 9, 11)]
    """
    if not isinstance(text, str):
        raise ValueError("jieba: the input parameter should be unicode.")  # jieba's own error
    if not tokenizer.initialized:
        tokenizer.initialize()
    import jieba.finalseg as finalseg  # already imported with jieba; the HMM's tables and forced splits

    model = _hmm(finalseg)
    forced = finalseg.Force_Split_Words
    freq = tokenizer.FREQ
    get = freq.get
    logtotal = math.log(tokenizer.total)
    logp = _log_probs(freq, logtotal)
    out: list[tuple[str, int, int]] = []
    append = out.append
    last = 0
    for m in _RUN.finditer(text):
        a, b = m.span()
        if a > last:
            if a - last == 1:
                append((text[last], last, a))
            else:
                _between(text, last, a, append)
        if b - a == 1:
            append((m.group(), a, b))
        else:
            _cut_run(m.group(), a, out, get, logtotal, logp, model, forced)
        last = b
    if last < len(text):
        _between(text, last, len(text), append)
    return out


def _between(text: str, a: int, b: int, append) -> None:
    """Characters between runs: one token each, ``"\\r\\n"`` as one."""
    if b - a == 1:
        append((text[a], a, b))
        return
    k = a
    while k < b:
        if text[k] == "\r" and k + 1 < b and text[k + 1] == "\n":
            append(("\r\n", k, k + 2))
            k += 2
        else:
            append((text[k], k, k + 1))
            k += 1

"""``clientcomm report``: run the notebooks on a corpus and write one self-contained HTML report.

``build_report(path, output_dir)`` reads the data once with
:func:`clientcomm.load`, decides which notebooks apply (:func:`plan_notebooks`:
articles go to 01–06, messages with senders and threads to 07–08; each
skipped notebook is named with the reason, in the report and on stderr),
writes the articles' segment table (``segments.parquet``), executes the
notebooks that apply with papermill (a progress bar counts them),
writes their figures as PNG (``figures/``) and the executed notebooks
(``notebooks/``), and joins them into ``report.html``: code hidden, images
embedded as base64, no script or stylesheet loaded from the network, so the
file opens offline and can be mailed as it is.

Where the notebooks come from: the project's ``notebooks/`` folder beside the
package (a clone or an editable install), or the folder named by the
environment variable ``CLIENTCOMM_NOTEBOOKS``; a wheel install carries a copy
under ``<prefix>/share/clientcomm/notebooks`` (pyproject's data-files), found
the same way as the bundled corpus (see ``bundled_corpus_path``).

>>> [p.name for p in notebook_paths()][:2]
['01_corpus_overview.ipynb', '02_language.ipynb']
"""
from __future__ import annotations

import html as html_lib
import os
import re
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator

import pandas as pd

from .loaders.base import is_message  # re-exported: the report decides articles vs messages with it

__all__ = ["build_report", "notebooks_dir", "notebook_paths", "plan_notebooks", "applies_to", "is_message",
           "combine_notebooks", "export_html", "embed_cjk_font", "external_resources", "ReportError", "NOTEBOOKS_ENV"]

#: Environment variable naming another folder of report notebooks.
NOTEBOOKS_ENV = "CLIENTCOMM_NOTEBOOKS"
_HIDDEN_TAGS = {"parameters", "injected-parameters", "report-hide"}


class ReportError(ValueError):
    """A report could not be built (a notebook failed, no notebooks found); the CLI prints it as one line."""


def notebooks_dir() -> Path:
    """Folder of the report notebooks: ``$CLIENTCOMM_NOTEBOOKS`` or the project's ``notebooks/``."""
    env = os.environ.get(NOTEBOOKS_ENV)
    if env:
        return Path(env)
    import sysconfig

    here = Path(__file__).resolve().parent
    shared = Path(sysconfig.get_path("data")) / "share" / "clientcomm" / "notebooks"
    for cand in (here.parent / "notebooks", shared):
        if any(cand.glob("[0-9][0-9]_*.ipynb")):
            return cand
    raise ReportError("report notebooks not found: install clientcomm from a clone (pip install -e .) "
                      f"or set {NOTEBOOKS_ENV} to the notebooks/ folder")


def notebook_paths(names: Iterable[str] | None = None) -> list[Path]:
    """The numbered notebooks (``01_….ipynb`` …) in order; ``names`` picks some (``"02_language"`` or ``"02"``)."""
    paths = sorted(notebooks_dir().glob("[0-9][0-9]_*.ipynb"))
    if names is None:
        return paths
    wanted = list(names)
    picked = [p for p in paths if any(p.stem == n or p.name == n or p.stem.split("_")[0] == n for n in wanted)]
    if len(picked) < len(wanted):
        raise ReportError(f"unknown notebook(s) {', '.join(wanted)}; available: {', '.join(p.stem for p in paths)}")
    return picked


def _set_env(values: dict[str, str | None]) -> None:
    """Set each variable, or remove it where the value is None."""
    for k, v in values.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v


@contextmanager
def _env(**values: str | None) -> Iterator[None]:
    """Environment variables set (None: removed) for the block, restored after it."""
    old = {k: os.environ.get(k) for k in values}
    try:
        _set_env(values)
        yield
    finally:
        _set_env(old)


def _execute(nb_path: Path, out_path: Path, parameters: dict, figure_dir: Path) -> None:
    try:
        import papermill as pm
    except ImportError as exc:  # the notebooks extra is not installed
        raise ReportError("the report needs papermill, nbconvert and ipykernel: "
                          "pip install 'clientcomm[notebooks]'") from exc

    from .plotting.figures import FIGURE_DIR_ENV, FIGURE_PREFIX_ENV

    with _env(**{FIGURE_DIR_ENV: str(figure_dir), FIGURE_PREFIX_ENV: nb_path.stem,
                 "PYTHONHASHSEED": "0", "MPLBACKEND": "Agg"}):
        try:
            pm.execute_notebook(str(nb_path), str(out_path), parameters=parameters, progress_bar=False,
                                log_output=False, cwd=str(nb_path.parent))
        except pm.PapermillExecutionError as exc:
            raise ReportError(f"notebook {nb_path.name} failed in cell {exc.exec_count}: "
                              f"{exc.ename}: {exc.evalue} (see {out_path})") from exc


def combine_notebooks(paths: list[Path], title: str, intro: str = ""):
    """One notebook made of the executed ones, each under its own heading; parameter cells left out."""
    import nbformat
    from nbformat.v4 import new_markdown_cell, new_notebook

    book = new_notebook()
    book.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    book.cells.append(new_markdown_cell(f"# {title}\n\n{intro}".strip()))
    toc = "\n".join(f"{i}. {p.stem.split('_', 1)[1].replace('_', ' ').capitalize()}"
                    for i, p in enumerate(paths, 1))
    book.cells.append(new_markdown_cell("**Contents**\n\n" + toc))
    for p in paths:
        nb = nbformat.read(str(p), as_version=4)
        for cell in nb.cells:
            if _HIDDEN_TAGS & set(cell.get("metadata", {}).get("tags", [])):
                continue
            book.cells.append(cell)
    for i, cell in enumerate(book.cells):
        cell["id"] = f"report-{i:04d}"
    return book


def external_resources(html: str) -> list[str]:
    """Every URL the page would *load* (script/img/iframe src, stylesheet href, CSS url(), import()).

    Links a reader may click (``<a href>``) and URLs inside comments are not loads.

    >>> external_resources('<script src="https://cdn.example/x.js"></script><a href="https://ok">x</a>')
    ['https://cdn.example/x.js']
    """
    body = re.sub(r"<!--.*?-->", "", html, flags=re.S)
    body = re.sub(r"/\*.*?\*/", "", body, flags=re.S)
    found = re.findall(r"<(?:script|img|iframe|embed|source|audio|video)\b[^>]*\bsrc\s*=\s*[\"']?(https?:[^\"'\s>]+)", body, re.I)
    found += re.findall(r"<link\b[^>]*\bhref\s*=\s*[\"']?(https?:[^\"'\s>]+)", body, re.I)
    found += re.findall(r"url\(\s*[\"']?(https?:[^\"')\s]+)", body, re.I)
    found += re.findall(r"import\(\s*[\"'](https?:[^\"']+)", body, re.I)
    found += re.findall(r"@import\s+[\"'](https?:[^\"']+)", body, re.I)
    return found


_CJK_FAMILY = "clientcomm CJK"
_UNICODE_RANGE = "U+2E80-9FFF, U+F900-FAFF, U+FE30-FE4F, U+FF00-FFEF, U+20000-2FA1F"


def _cjk_chars(html: str) -> str:
    text = re.sub(r"data:[a-z/+-]+;base64,[A-Za-z0-9+/=]+", "", html)
    ranges = ((0x2E80, 0x9FFF), (0xF900, 0xFAFF), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF), (0x20000, 0x2FA1F))
    return "".join(sorted({c for c in text if any(lo <= ord(c) <= hi for lo, hi in ranges)}))


def embed_cjk_font(html: str) -> str:
    """Embed the Noto Sans CJK glyphs the page uses (a subset, as base64) so its Chinese text
    renders on machines without a CJK system font; nothing is loaded from the network.

    >>> "@font-face" in embed_cjk_font("<html><head></head><body>客戶</body></html>")
    True
    """
    import base64
    import io

    from .plotting.fonts import cjk_font_path

    chars, path = _cjk_chars(html), cjk_font_path()
    if not chars or path is None:
        return html
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(str(path), fontNumber=2 if path.suffix.lower() in (".ttc", ".otc") else -1, lazy=True)
    opts = subset.Options()
    opts.name_IDs, opts.layout_features, opts.hinting, opts.notdef_outline = ["*"], ["*"], False, True
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=[ord(c) for c in chars])
    sub.subset(font)
    buf = io.BytesIO()
    font.save(buf)
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    style = (
        f'<style>@font-face {{ font-family: "{_CJK_FAMILY}"; '
        f'src: url(data:font/otf;base64,{data}) format("opentype"); unicode-range: {_UNICODE_RANGE}; }}\n'
        # listed first: its unicode-range limits it to CJK, so Latin and Cyrillic keep the system fonts
        f':root {{ --jp-ui-font-family: "{_CJK_FAMILY}", system-ui, -apple-system, "Segoe UI", helvetica, arial, sans-serif; '
        f'--jp-content-font-family: "{_CJK_FAMILY}", system-ui, -apple-system, "Segoe UI", helvetica, arial, sans-serif; '
        f'--jp-code-font-family: "{_CJK_FAMILY}", menlo, consolas, "DejaVu Sans Mono", monospace; }}</style>')
    return html.replace("</head>", style + "\n</head>", 1)


def export_html(notebook, title: str) -> str:
    """Static HTML of ``notebook``: outputs only, images inline, every ``<script>`` removed (nothing loads from the network)."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="lab", exclude_input=True, exclude_input_prompt=True,
                            exclude_output_prompt=True, embed_images=True)
    exporter.anchor_link_text = ""
    html, _ = exporter.from_notebook_node(notebook, resources={"metadata": {"name": title}})
    html = re.sub(r"<script\b[^>]*>.*?</script>", "", html, flags=re.S | re.I)
    html = re.sub(r"<title>.*?</title>", f"<title>{html_lib.escape(title)}</title>", html, count=1, flags=re.S)
    html = embed_cjk_font(html)
    left = external_resources(html)
    if left:
        raise ReportError(f"the HTML report would load external resources: {', '.join(left[:3])}")
    return html


#: What a notebook analyses, from its metadata ``{"clientcomm": {"applies_to": ...}}``; without it: articles.
APPLIES_TO = ("articles", "messages")


def _meta(nb_path: Path) -> dict:
    import json

    return json.loads(Path(nb_path).read_text(encoding="utf-8")).get("metadata", {}).get("clientcomm", {})


def applies_to(nb_path: Path) -> str:
    """``"articles"`` (documents whose passages *mention* channels and temperaments: 01–06) or
    ``"messages"`` (senders, roles, threads, channels from metadata: 07–08), read from the notebook's
    metadata ``{"clientcomm": {"applies_to": "messages", "needs": ["channel"]}}``.

    >>> [applies_to(p) for p in notebook_paths(["01"])]
    ['articles']
    """
    kind = _meta(nb_path).get("applies_to", "articles")
    if kind not in APPLIES_TO:
        raise ReportError(f"{Path(nb_path).name}: metadata clientcomm.applies_to is {kind!r}, "
                          f"expected one of {', '.join(APPLIES_TO)}")
    return kind


def plan_notebooks(docs: pd.DataFrame, paths: list[Path]) -> tuple[list[Path], list[tuple[str, str]], list[str]]:
    """Which notebooks apply to ``docs``: (to run, skipped as (name, why), notes on what the run leaves out).

    Article notebooks need documents without sender or thread (articles);
    message notebooks need messages; the channel notebook needs a channel
    in the messages' metadata. Messages without timestamps still run, with a
    note that response times and the hour × weekday map are left out.

    >>> docs = pd.DataFrame({"sender": [""], "thread_id": [""], "channel": [""], "timestamp": [pd.NaT]})
    >>> run, skipped, notes = plan_notebooks(docs, notebook_paths(["01"]))
    >>> [p.stem for p in run], skipped
    (['01_corpus_overview'], [])
    """
    msg = is_message(docs)
    n_msg, n_art = int(msg.sum()), int((~msg).sum())
    messages = docs[msg]
    has_channel = "channel" in messages and messages["channel"].fillna("").astype(str).str.strip().ne("").any()
    n_threads = messages["thread_id"].fillna("").astype(str).replace("", pd.NA).nunique() \
        if "thread_id" in messages else 0
    run, skipped, notes = [], [], []
    for p in paths:
        kind = applies_to(p)
        if kind == "articles" and n_art == 0:
            skipped.append((p.stem, f"no articles: all {n_msg} documents are messages (with a sender or a "
                                    "thread); the article notebooks study channels and temperaments *mentioned* "
                                    "in long texts, the message notebooks cover this data"))
        elif kind == "messages" and n_msg == 0:
            skipped.append((p.stem, f"articles have no threads: none of the {n_art} documents has a sender "
                                    "or a thread id, so there are no conversations to analyse"))
        elif kind == "messages" and "channel" in _meta(p).get("needs", []) and not has_channel:
            skipped.append((p.stem, "the messages carry no channel in their metadata"))
        else:
            run.append(p)
    if any(applies_to(p) == "messages" for p in run):
        stamps = messages["timestamp"] if "timestamp" in messages else pd.Series(pd.NaT, index=messages.index)
        missing = int(stamps.isna().sum())
        if missing == len(messages):
            notes.append("messages without timestamps get no response times: no message has a timestamp, so "
                         "response times and the hour × weekday map are left out")
        elif missing:
            notes.append(f"{missing} of {len(messages)} messages have no timestamp: they count in volumes and "
                         "sentiment but not in response times or the hour × weekday map")
        if n_art:
            notes.append(f"{n_art} documents without sender or thread are analysed as articles (01–06), "
                         f"the {n_msg} messages ({n_threads} thread ids in the data) by the message notebooks")
    return run, skipped, notes


def _load(corpus: Path | None) -> pd.DataFrame:
    """The documents table of ``corpus`` (None: the bundled articles, read by their manifest)."""
    from .corpus import load_corpus
    from .loaders import load

    return load_corpus(None) if corpus is None else load(corpus)


def build_report(path: str | Path | None = None, output_dir: str | Path = "report", *,
                 notebooks: Iterable[str] | None = None, languages: list[str] | None = None,
                 agents: str | list[str] | None = None, client_roles: str | list[str] | None = None,
                 progress: bool = True, log=None) -> Path:
    """Run the notebooks that apply to the data at ``path`` (None = bundled corpus) and write the report.

    The data is read once with :func:`clientcomm.load`; articles (documents
    without sender or thread) go to notebooks 01–06, messages to 07–08
    (:func:`plan_notebooks`). Skipped notebooks and why are listed at the top
    of the report and written to ``log`` (default: stderr). ``agents`` and
    ``client_roles`` (``"Support;@shop.example"`` or a list) reach the message
    notebooks as papermill parameters.

    Writes ``report.html`` (self-contained), ``segments.parquet`` (the
    annotated segment table of the articles, when there are any),
    ``figures/*.png`` and the executed ``notebooks/*.ipynb`` under their
    names. Returns the path of ``report.html``.
    """
    import sys

    from tqdm.auto import tqdm

    from .pipeline import analyze
    from .io import write_table

    log = sys.stderr if log is None else log
    out = Path(output_dir)
    corpus = Path(path).resolve() if path is not None else None
    if corpus is not None and not corpus.exists():
        raise FileNotFoundError(f"no such file or folder: {path}")
    nb_paths = notebook_paths(notebooks)
    if not nb_paths:
        raise ReportError(f"no notebooks in {notebooks_dir()}")
    docs = _load(corpus)
    if docs.empty:
        raise ReportError(f"no documents could be read from {path}")
    run, skipped, notes = plan_notebooks(docs, nb_paths)
    grouped = _group_skipped(skipped)
    for names, why in grouped:
        print(f"clientcomm report: skipped {', '.join(names)}: {why}", file=log)
    for note in notes:
        print(f"clientcomm report: note: {note}", file=log)
    if not run:
        raise ReportError("none of the notebooks applies to this data: "
                          + "; ".join(f"{n}: {why}" for n, why in skipped))
    figure_dir, run_dir = out / "figures", out / "notebooks"
    for d in (out, figure_dir, run_dir):
        d.mkdir(parents=True, exist_ok=True)
    for old in list(figure_dir.glob("*.png")) + list(run_dir.glob("*.ipynb")):
        old.unlink()

    import matplotlib.font_manager  # noqa: F401  build the font cache here, not as a notice inside a notebook

    articles = docs[~is_message(docs)]
    steps = tqdm(total=len(run) + 2, desc="clientcomm report", unit="step", disable=not progress)
    steps.set_postfix_str("analysing the corpus")
    segs = None
    if any(applies_to(p) == "articles" for p in run):
        segs = analyze(articles.reset_index(drop=True))
        write_table(segs, out / "segments.parquet")
    steps.update(1)
    executed = []
    agent_list = _split(agents)
    with tempfile.TemporaryDirectory(prefix="clientcomm-report-") as tmp:
        cache = Path(tmp) / "segments.pkl"
        if segs is not None:
            segs.to_pickle(cache)
        for nb in run:
            if applies_to(nb) == "articles":
                params = {"corpus_path": str(corpus) if corpus is not None else None,
                          "languages": list(languages) if languages else None,
                          "segments_path": str(cache)}
            else:
                params = {"corpus_path": str(corpus) if corpus is not None else None,
                          "agents": agent_list, "client_roles": _split(client_roles)}
            steps.set_postfix_str(nb.stem)
            target = run_dir / nb.name
            _execute(nb, target, params, figure_dir.resolve())
            executed.append(target)
            steps.update(1)
    steps.set_postfix_str("writing report.html")
    name = str(corpus) if corpus is not None else "the bundled corpus"
    n_msg = len(docs) - len(articles)
    what = ", ".join(x for x in (f"{len(articles)} articles" if len(articles) else "",
                                 f"{n_msg} messages" if n_msg else "",
                                 f"{len(segs)} sentence segments" if segs is not None else "") if x)
    intro = (f"Corpus: `{name}` — {what}. "
             f"Made by clientcomm {__import__('clientcomm').__version__} (`clientcomm report`). "
             + ("The segment table is in `segments.parquet`, the figures " if segs is not None else "The figures ")
             + "are in `figures/`, the executed notebooks (with their code) in `notebooks/`.")
    if agent_list:
        intro += "\n\nAgents given: " + "; ".join(f"`{a}`" for a in agent_list) + "."
    if skipped:
        intro += "\n\n**Notebooks skipped**\n\n" + "\n".join(
            "- " + ", ".join(f"`{n}`" for n in names) + f": {why}" for names, why in grouped)
    if notes:
        intro += "\n\n**Notes**\n\n" + "\n".join(f"- {note}" for note in notes)
    book = combine_notebooks(executed, "clientcomm report", intro)
    report = out / "report.html"
    report.write_text(export_html(book, "clientcomm report"), encoding="utf-8")
    steps.update(1)
    steps.close()
    return report


def _group_skipped(skipped: list[tuple[str, str]]) -> list[tuple[list[str], str]]:
    """Skipped notebooks with the same reason together, in notebook order.

    >>> _group_skipped([("01_a", "no articles"), ("02_b", "no articles"), ("08_c", "no channel")])
    [(['01_a', '02_b'], 'no articles'), (['08_c'], 'no channel')]
    """
    groups: dict[str, list[str]] = {}
    for name, why in skipped:
        groups.setdefault(why, []).append(name)
    return [(names, why) for why, names in groups.items()]


def _split(values: str | Iterable[str] | None) -> list[str] | None:
    """``"a; b"`` or ``["a", "b"]`` → ``["a", "b"]``; None or empty → None.

    >>> _split("Support; @shop.example"), _split(None)
    (['Support', '@shop.example'], None)
    """
    if values is None:
        return None
    items = values.split(";") if isinstance(values, str) else list(values)
    items = [str(v).strip() for v in items if str(v).strip()]
    return items or None


def summary(output_dir: str | Path) -> pd.DataFrame:
    """The files of a built report with their sizes (for a quick look or a test)."""
    out = Path(output_dir)
    rows = [{"file": str(p.relative_to(out)), "bytes": p.stat().st_size}
            for p in sorted(out.rglob("*")) if p.is_file()]
    return pd.DataFrame(rows, columns=["file", "bytes"])

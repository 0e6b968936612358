"""Annotate a table file larger than memory, chunk by chunk, writing as it goes.

CSV and TSV are read with ``pandas.read_csv(chunksize=...)``, JSON Lines with
``pandas.read_json(lines=True, chunksize=...)``, Parquet with pyarrow's
``ParquetFile.iter_batches``; each chunk is annotated (with the same worker
pool for every chunk) and appended to the output: CSV/TSV/JSONL by appending
text, Parquet through one ``pyarrow.parquet.ParquetWriter`` (one row group per
chunk). Memory stays bounded by the chunk size plus a bounded cache of
annotations of recently seen distinct texts (message data repeats a lot, also
across chunks).

>>> import pandas as pd, tempfile, os
>>> d = tempfile.mkdtemp()
>>> pd.DataFrame({"id": [1, 2], "text": ["Спасибо, всё отлично!", "Mulțumesc frumos!"]}).to_csv(f"{d}/in.csv", index=False)
>>> annotate_file(f"{d}/in.csv", f"{d}/out.jsonl", steps=["language"], chunksize=1)
2
>>> pd.read_json(f"{d}/out.jsonl", lines=True)["lang"].tolist()
['ru', 'ro']
"""
from __future__ import annotations

import bz2
import gzip
import json
import lzma
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Iterable

import pandas as pd

__all__ = ["annotate_file", "iter_table", "is_streamable", "TableWriter", "CachedAnnotator", "STREAM_SUFFIXES",
           "STREAM_MIN_BYTES"]

#: Formats read and written chunk by chunk (optionally .gz/.bz2/.xz compressed, except Parquet).
STREAM_SUFFIXES = (".csv", ".tsv", ".tab", ".jsonl", ".ndjson", ".parquet", ".pq")
#: The CLI streams input files larger than this (bytes) when both formats allow it.
STREAM_MIN_BYTES = 100_000_000
_OPENERS = {".gz": gzip.open, ".bz2": bz2.open, ".xz": lzma.open}


def _suffix(path: Path) -> tuple[str, str | None]:
    s = path.suffix.lower()
    if s in _OPENERS or s == ".zst":
        return Path(path.stem).suffix.lower(), s
    return s, None


def is_streamable(path: str | Path) -> bool:
    """Whether ``path`` can be read or written chunk by chunk.

    >>> is_streamable("messages.csv.gz"), is_streamable("sheet.xlsx")
    (True, False)
    """
    s, comp = _suffix(Path(path))
    return s in STREAM_SUFFIXES and comp != ".zst" and not (comp and s in (".parquet", ".pq"))


def iter_table(path: str | Path, chunksize: int = 50_000) -> Iterator[pd.DataFrame]:
    """Chunks of at most ``chunksize`` rows of a table; text columns stay strings.

    Formats that cannot be read in pieces (.json, .xlsx) come as one chunk.
    """
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"no such file: {path}")
    s, comp = _suffix(path)
    if s in (".csv", ".tsv", ".tab") and comp != ".zst":
        sep = "," if s == ".csv" else "\t"
        with pd.read_csv(path, sep=sep, dtype=str, keep_default_na=False, chunksize=chunksize) as reader:
            yield from reader
    elif s in (".jsonl", ".ndjson") and comp != ".zst":
        with pd.read_json(path, lines=True, dtype=False, chunksize=chunksize) as reader:
            yield from reader
    elif s in (".parquet", ".pq") and comp is None:
        import pyarrow.parquet as pq

        pf = pq.ParquetFile(path)
        empty = True
        for batch in pf.iter_batches(batch_size=chunksize):
            empty = False
            yield batch.to_pandas()
        if empty:
            yield pf.schema_arrow.empty_table().to_pandas()
    else:
        from .io import read_table

        yield read_table(path)


def _jsonable(v):
    return v if v is None or isinstance(v, str) else json.dumps(v, ensure_ascii=False, default=str)


class TableWriter:
    """Append DataFrame chunks to one CSV/TSV/JSONL (optionally compressed) or Parquet file.

    The first chunk fixes the columns (later chunks are aligned to them); for
    Parquet it also fixes the schema, with nested values (lists of hits)
    stored as JSON text, as :func:`clientcomm.io.write_table` does.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        if not is_streamable(self.path):
            raise ValueError(f"unsupported output format {self.path.suffix!r} for streaming: "
                             "use .csv, .tsv, .jsonl or .parquet")
        self.kind, comp = _suffix(self.path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._open = _OPENERS.get(comp, open)
        self._handle = None
        self._pq = None
        self._columns: list | None = None
        self._json_cols: list = []
        self.rows = 0

    def write(self, df: pd.DataFrame) -> None:
        if self._columns is None:
            self._columns = list(df.columns)
            self._json_cols = [c for c in df.columns if df[c].dtype == object
                               and any(isinstance(v, (list, dict, tuple)) for v in df[c].dropna().head(200))]
        else:
            df = df.reindex(columns=self._columns)
        if self.kind in (".parquet", ".pq"):
            self._write_parquet(df)
        else:
            if self._handle is None:
                self._handle = self._open(self.path, "wt", encoding="utf-8", newline="")
                header = True
            else:
                header = False
            if self.kind in (".jsonl", ".ndjson"):
                if len(df):
                    text = df.to_json(orient="records", lines=True, force_ascii=False)
                    self._handle.write(text if text.endswith("\n") else text + "\n")
            else:
                df.to_csv(self._handle, index=False, header=header, sep="," if self.kind == ".csv" else "\t")
        self.rows += len(df)

    def _write_parquet(self, df: pd.DataFrame) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        df = df.copy()
        for c in self._json_cols:
            df[c] = df[c].map(_jsonable)
        if self._pq is None:
            schema = pa.Schema.from_pandas(df, preserve_index=False)
            fields = [pa.field(f.name, pa.string()) if pa.types.is_null(f.type) else f for f in schema]
            schema = pa.schema(fields, metadata=schema.metadata)
            self._pq = pq.ParquetWriter(self.path, schema)
            self._schema = schema
        self._pq.write_table(pa.Table.from_pandas(df, schema=self._schema, preserve_index=False))

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None
        if self._pq is not None:
            self._pq.close()
            self._pq = None

    def __enter__(self) -> "TableWriter":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class CachedAnnotator:
    """Wraps an :class:`~clientcomm.parallel.AnnotationPool` with a bounded cache of annotated texts.

    Texts seen in earlier chunks are not annotated again; the cache keeps
    the annotations of at most ``max_texts`` distinct texts (oldest dropped
    first), so memory stays bounded on any file.
    """

    def __init__(self, pool, max_texts: int = 100_000) -> None:
        self.pool = pool
        self.max_texts = max(0, int(max_texts))
        self._cache: pd.DataFrame | None = None
        self.hits = 0
        self.misses = 0

    def annotate_unique(self, texts, progress=None, lang=None, timings=None) -> pd.DataFrame:
        texts = list(texts)
        if len(texts) > self.max_texts or (lang is not None and not isinstance(lang, str)):
            return self.pool.annotate_unique(texts, progress=progress, lang=lang, timings=timings)
        keys = pd.Index(texts)
        found = self._cache.index.get_indexer(keys) >= 0 if self._cache is not None else [False] * len(texts)
        new_texts = [t for t, f in zip(texts, found) if not f]
        self.misses += len(new_texts)
        self.hits += len(texts) - len(new_texts)
        if new_texts or self._cache is None:
            new = self.pool.annotate_unique(new_texts, progress=progress, lang=lang, timings=timings)
            new.index = pd.Index(new_texts)
            self._cache = new if self._cache is None else pd.concat([self._cache, new])
            if len(self._cache) > self.max_texts:
                self._cache = self._cache.iloc[len(self._cache) - self.max_texts:]
        return _restore_dtypes(self._cache.reindex(keys).reset_index(drop=True), self._cache)


def _restore_dtypes(out: pd.DataFrame, like: pd.DataFrame) -> pd.DataFrame:
    for c in out.columns:
        if c in like and out[c].dtype != like[c].dtype:
            try:
                out[c] = out[c].astype(like[c].dtype)
            except (TypeError, ValueError):
                pass
    return out


def annotate_file(input: str | Path, output: str | Path, text_column: str = "text",
                  steps: str | Iterable[str] | None = None, lang: str | None = None, *,
                  chunksize: int = 50_000, jobs: int | None = 1, progress: bool | None = None,
                  cache_size: int = 100_000) -> int:
    """Annotate ``input`` into ``output`` chunk by chunk; returns the number of rows written.

    Same columns and rows as ``write_table(annotate(read_table(input)), output)``,
    in bounded memory: at most ``chunksize`` rows are in memory at a time,
    plus the annotations of up to ``cache_size`` recently seen distinct texts.
    ``jobs`` worker processes serve every chunk; with ``jobs > 1`` this
    process annotates nothing itself, so it does not load the annotators' data.
    """
    from .io import holds_nested_as_text
    from .parallel import AnnotationPool, progress_bar, start_workers
    from .pipeline import annotate_frame, parse_steps

    steps = parse_steps(steps)
    input, output = Path(input), Path(output)
    if not input.exists():
        raise FileNotFoundError(f"no such file: {input}")
    if input.resolve() == output.resolve():
        raise ValueError("output must be a different file from the input")
    writer = TableWriter(output)  # checks the output format before any work
    start_workers(jobs, steps)  # forked now, before a chunk is read (see start_workers)
    # with workers, every chunk goes to them, however few its new texts: this process then never loads the
    # annotators' data (it holds only the current chunk, the cache and the writer)
    # a CSV/TSV output holds the hits as their text: the workers send that (see annotation.nested_as_text)
    as_text = holds_nested_as_text(output)
    with writer, AnnotationPool(jobs, steps, lang, min_parallel=1, nested_as_text=as_text) as pool, \
            progress_bar(None, progress, unit="row") as bar:
        annotator = CachedAnnotator(pool, cache_size)
        for chunk in iter_table(input, chunksize=chunksize):
            if text_column not in chunk.columns and text_column == "text":
                # no column named "text" and none named by the caller: find it by load()'s column names
                # (message, mesaj, 内容 …), as the whole-file path does; the file's own columns are kept
                from .loaders.tables import ColumnError, find_text_column

                try:
                    text_column = find_text_column(chunk.columns)
                except ColumnError as exc:
                    raise KeyError(f"{input}: {exc}") from None
                print(f"no column named 'text': annotating column {text_column!r} (found by its name, as load() "
                      "does)", file=sys.stderr)
            if text_column not in chunk.columns:
                raise KeyError(f"text column {text_column!r} not in {input}; "
                               f"columns: {', '.join(map(str, chunk.columns))}")
            out = annotate_frame(chunk, text_column, steps, lang=lang, pool=annotator, progress=False)
            writer.write(out)
            bar.update(len(out))
    return writer.rows

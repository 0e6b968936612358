"""Per-language rule tables (asent style): one module per language code."""

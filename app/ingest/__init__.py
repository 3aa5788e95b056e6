"""Ingest: extraction records -> rows, one savepoint per document (committed in batches), then cross-document checks.

`resolve` finds the rows a mention names, `load` writes one document, `consistency`
records contradictions between documents, `seed` walks files; `repository` holds the selects.
"""

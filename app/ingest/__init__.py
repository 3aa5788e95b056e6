"""Ingest: extraction records -> rows, one transaction per document, then cross-document checks.

`resolve` finds the rows a mention names, `load` writes one document, `consistency`
records contradictions between documents, `seed` walks files; `repository` holds the selects.
"""

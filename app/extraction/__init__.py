"""Pure text -> records extractor (no database, no web framework, no settings).

Entry point: `app.extraction.pipeline.extract(text)`.
"""

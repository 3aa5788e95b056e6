"""Data files shipped with the extractor (demonyms, organisations, installations)."""

"""Lists as files: CSV for every list, GeoJSON for the located ones, streamed with flat memory."""

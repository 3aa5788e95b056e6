"""A complete, versioned JSON Lines dump of the database, and its exact restore (docs/backup.md)."""

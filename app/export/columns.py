"""A resource's flat form, declared once: CSV column names mapped to paths into its JSON.

Values are read from the read schema's JSON form, the one the JSON list answers with, so a
CSV cell and the JSON field it comes from can never disagree; nested objects are reached
by dotted paths ("location.name"), and a missing link (null location) gives empty cells.
"""

from typing import Any

from pydantic import BaseModel


class Columns:
    """Ordered CSV column names, each with the dotted path of the JSON field it shows."""

    def __init__(self, **paths: str) -> None:
        self.paths = paths

    @property
    def names(self) -> list[str]:
        return list(self.paths)

    def row(self, item: BaseModel) -> dict[str, Any]:
        """The item as one flat dict of JSON values, keyed by column name."""
        data = item.model_dump(mode="json", by_alias=True)
        return {name: value_at(data, path) for name, path in self.paths.items()}


def value_at(data: dict[str, Any], path: str) -> Any:
    """The value at a dotted path; None when a link on the way is null."""
    value: Any = data
    for key in path.split("."):
        if value is None:
            return None
        value = value[key]
    return value

"""Write bodies of named records (people, organizations, places): the columns a name and a country imply."""

from typing import Any

from app.errors import InvalidParameter
from app.query_params import country_code
from app.text_keys import fold_key


def name_and_country(changes: dict[str, Any]) -> dict[str, Any]:
    """`changes` as column values: a new name brings its search key, a country name becomes its code."""
    values = dict(changes)
    if "name" in changes:
        values["name_key"] = fold_key(changes["name"])
        if not values["name_key"]:
            raise InvalidParameter("name", "The name has no letters or digits.", "body")
    if changes.get("country_code") is not None:
        values["country_code"] = country_code(changes["country_code"], "country_code", "body")
    return values

"""Who is writing: the key behind a request, or the command line."""

from dataclasses import dataclass

from app.models.enums import Role


@dataclass(frozen=True)
class Actor:
    name: str
    role: Role
    api_key_id: int | None = None

    def may(self, needed: Role) -> bool:
        return self.role.rank >= needed.rank


# Writes made by `engagements seed` and other commands run on the server itself.
COMMAND_LINE = Actor(name="command-line", role=Role.admin)
ANONYMOUS_READER = Actor(name="anonymous", role=Role.reader)

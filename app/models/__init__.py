"""Every model, imported once so Alembic and the app see the whole metadata."""

from app.models.action import AgreedAction
from app.models.api_key import ApiKey
from app.models.audit import AuditEntry
from app.models.base import Base
from app.models.document import Document, Evidence
from app.models.engagement import Engagement, Series
from app.models.location import Location
from app.models.person import Organization, Participation, Person
from app.models.quality import DataQualityWarning

__all__ = [
    "AgreedAction",
    "ApiKey",
    "AuditEntry",
    "Base",
    "DataQualityWarning",
    "Document",
    "Engagement",
    "Evidence",
    "Location",
    "Organization",
    "Participation",
    "Person",
    "Series",
]

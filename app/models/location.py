"""Named places: cities, installations, buildings; the virtual 'place' is a kind, too."""

from sqlalchemy import CheckConstraint, Float, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import NEVER_REUSE_IDS, Base, TimestampMixin
from app.models.curation import Curated
from app.models.enums import LocationKind, checked


class Location(Curated, TimestampMixin, Base):
    __tablename__ = "location"
    __table_args__ = (
        UniqueConstraint("name_key", "country_code", "kind"),
        CheckConstraint("latitude IS NULL OR (latitude >= -90 AND latitude <= 90)", name="latitude_range"),
        CheckConstraint(
            "longitude IS NULL OR (longitude >= -180 AND longitude <= 180)", name="longitude_range"
        ),
        CheckConstraint("(latitude IS NULL) = (longitude IS NULL)", name="coordinates_paired"),
        CheckConstraint("country_code IS NULL OR length(country_code) = 2", name="country_code_alpha2"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200), index=True)
    kind: Mapped[LocationKind] = mapped_column(checked(LocationKind, "location_kind"))
    country_code: Mapped[str | None] = mapped_column(String(2), index=True)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    # Set when a person merged this record into another: the loader follows it.
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("location.id", ondelete="SET NULL"))

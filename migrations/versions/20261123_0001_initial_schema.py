"""Initial schema: engagements, officials, locations, agreed actions, documents, evidence.

Revision ID: 0001
Revises: 
Create Date: 2026-11-23 11:20:45.011615
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('document',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source_ref', sa.String(length=500), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=True),
    sa.Column('publisher', sa.String(length=200), nullable=True),
    sa.Column('published_date', sa.Date(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_document')),
    sa.UniqueConstraint('source_ref', name=op.f('uq_document_source_ref')),
    sqlite_autoincrement=True,
    )
    with op.batch_alter_table('document', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_document_published_date'), ['published_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_document_sha256'), ['sha256'], unique=False)

    op.create_table('location',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('name_key', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.Enum('city', 'installation', 'building', 'virtual', 'region', 'country', name='location_kind', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('country_code', sa.String(length=2), nullable=True),
    sa.Column('latitude', sa.Float(), nullable=True),
    sa.Column('longitude', sa.Float(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.CheckConstraint('(latitude IS NULL) = (longitude IS NULL)', name=op.f('ck_location_coordinates_paired')),
    sa.CheckConstraint('country_code IS NULL OR length(country_code) = 2', name=op.f('ck_location_country_code_alpha2')),
    sa.CheckConstraint('latitude IS NULL OR (latitude >= -90 AND latitude <= 90)', name=op.f('ck_location_latitude_range')),
    sa.CheckConstraint('longitude IS NULL OR (longitude >= -180 AND longitude <= 180)', name=op.f('ck_location_longitude_range')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_location')),
    sa.UniqueConstraint('name_key', 'country_code', 'kind', name=op.f('uq_location_name_key_country_code_kind')),
    sqlite_autoincrement=True,
    )
    with op.batch_alter_table('location', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_location_country_code'), ['country_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_location_name_key'), ['name_key'], unique=False)

    op.create_table('organization',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('name_key', sa.String(length=300), nullable=False),
    sa.Column('acronym', sa.String(length=40), nullable=True),
    sa.Column('country_code', sa.String(length=2), nullable=True),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.CheckConstraint('country_code IS NULL OR length(country_code) = 2', name=op.f('ck_organization_country_code_alpha2')),
    sa.CheckConstraint('parent_id IS NULL OR parent_id <> id', name=op.f('ck_organization_not_own_parent')),
    sa.ForeignKeyConstraint(['parent_id'], ['organization.id'], name=op.f('fk_organization_parent_id_organization'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organization')),
    sa.UniqueConstraint('name_key', 'country_code', name=op.f('uq_organization_name_key_country_code')),
    sqlite_autoincrement=True,
    )
    with op.batch_alter_table('organization', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_organization_acronym'), ['acronym'], unique=False)
        batch_op.create_index(batch_op.f('ix_organization_name_key'), ['name_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_organization_parent_id'), ['parent_id'], unique=False)

    op.create_table('person',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('name_key', sa.String(length=200), nullable=False),
    sa.Column('country_code', sa.String(length=2), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.CheckConstraint('country_code IS NULL OR length(country_code) = 2', name=op.f('ck_person_country_code_alpha2')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_person')),
    sa.UniqueConstraint('name_key', 'country_code', name=op.f('uq_person_name_key_country_code')),
    sqlite_autoincrement=True,
    )
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_person_country_code'), ['country_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_person_name_key'), ['name_key'], unique=False)

    op.create_table('series',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('name_key', sa.String(length=300), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_series')),
    sa.UniqueConstraint('name_key', name=op.f('uq_series_name_key')),
    sqlite_autoincrement=True,
    )
    op.create_table('engagement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('type', sa.Enum('staff_talks', 'meeting', 'visit', 'exercise', 'training', 'conference', 'other', name='engagement_type', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('status', sa.Enum('held', 'planned', 'postponed', 'cancelled', name='engagement_status', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('mode', sa.Enum('in_person', 'virtual', 'hybrid', 'unknown', name='engagement_mode', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('summary', sa.Text(), nullable=True),
    sa.Column('country_a', sa.String(length=2), nullable=False),
    sa.Column('country_b', sa.String(length=2), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=True),
    sa.Column('start_precision', sa.Enum('day', 'month', 'year', 'unknown', name='start_precision', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('end_precision', sa.Enum('day', 'month', 'year', 'unknown', name='end_precision', native_enum=False, create_constraint=True, length=32), nullable=True),
    sa.Column('earliest_date', sa.Date(), nullable=True),
    sa.Column('latest_date', sa.Date(), nullable=True),
    sa.Column('location_id', sa.Integer(), nullable=True),
    sa.Column('series_id', sa.Integer(), nullable=True),
    sa.Column('edition', sa.Integer(), nullable=True),
    sa.Column('agreed_actions_reported', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.CheckConstraint("(end_date IS NULL AND end_precision IS NULL) OR (end_date IS NOT NULL AND end_precision <> 'unknown')", name=op.f('ck_engagement_end_precision_matches')),
    sa.CheckConstraint("(start_date IS NULL) = (start_precision = 'unknown')", name=op.f('ck_engagement_start_precision_matches')),
    sa.CheckConstraint('(earliest_date IS NULL) = (start_date IS NULL)', name=op.f('ck_engagement_span_matches_start')),
    sa.CheckConstraint('agreed_actions_reported IS NULL OR agreed_actions_reported >= 0', name=op.f('ck_engagement_actions_count_non_negative')),
    sa.CheckConstraint('country_a < country_b', name=op.f('ck_engagement_countries_ordered_distinct')),
    sa.CheckConstraint('edition IS NULL OR edition > 0', name=op.f('ck_engagement_edition_positive')),
    sa.CheckConstraint('edition IS NULL OR series_id IS NOT NULL', name=op.f('ck_engagement_edition_needs_series')),
    sa.CheckConstraint('end_date IS NULL OR start_date IS NOT NULL', name=op.f('ck_engagement_end_needs_start')),
    sa.CheckConstraint('end_date IS NULL OR start_date IS NULL OR end_date >= start_date', name=op.f('ck_engagement_end_after_start')),
    sa.CheckConstraint('latest_date IS NULL OR latest_date >= earliest_date', name=op.f('ck_engagement_span_ordered')),
    sa.CheckConstraint('length(country_a) = 2 AND length(country_b) = 2', name=op.f('ck_engagement_countries_alpha2')),
    sa.ForeignKeyConstraint(['location_id'], ['location.id'], name=op.f('fk_engagement_location_id_location'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['series_id'], ['series.id'], name=op.f('fk_engagement_series_id_series'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_engagement')),
    sa.UniqueConstraint('series_id', 'edition', name=op.f('uq_engagement_series_id_edition')),
    sqlite_autoincrement=True,
    )
    with op.batch_alter_table('engagement', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_engagement_country_a'), ['country_a'], unique=False)
        batch_op.create_index(batch_op.f('ix_engagement_country_b'), ['country_b'], unique=False)
        batch_op.create_index(batch_op.f('ix_engagement_location_id'), ['location_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_engagement_series_id'), ['series_id'], unique=False)
        batch_op.create_index('ix_engagement_span', ['earliest_date', 'latest_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_engagement_type'), ['type'], unique=False)

    op.create_table('agreed_action',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('engagement_id', sa.Integer(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('topic', sa.String(length=200), nullable=True),
    sa.Column('status', sa.Enum('agreed', 'in_progress', 'completed', 'postponed', 'rescheduled', 'cancelled', name='action_status', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('horizon', sa.String(length=100), nullable=True),
    sa.Column('target_date', sa.Date(), nullable=True),
    sa.Column('target_precision', sa.Enum('day', 'month', 'year', 'unknown', name='target_precision', native_enum=False, create_constraint=True, length=32), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.CheckConstraint("(target_date IS NULL AND target_precision IS NULL) OR (target_date IS NOT NULL AND target_precision <> 'unknown')", name=op.f('ck_agreed_action_target_precision_matches')),
    sa.ForeignKeyConstraint(['engagement_id'], ['engagement.id'], name=op.f('fk_agreed_action_engagement_id_engagement'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agreed_action')),
    sqlite_autoincrement=True,
    )
    with op.batch_alter_table('agreed_action', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreed_action_engagement_id'), ['engagement_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agreed_action_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_agreed_action_topic'), ['topic'], unique=False)

    op.create_table('data_quality_warning',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=80), nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('engagement_id', sa.Integer(), nullable=True),
    sa.Column('document_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['document.id'], name=op.f('fk_data_quality_warning_document_id_document'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['engagement_id'], ['engagement.id'], name=op.f('fk_data_quality_warning_engagement_id_engagement'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_data_quality_warning')),
    sqlite_autoincrement=True,
    )
    with op.batch_alter_table('data_quality_warning', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_data_quality_warning_code'), ['code'], unique=False)
        batch_op.create_index(batch_op.f('ix_data_quality_warning_document_id'), ['document_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_data_quality_warning_engagement_id'), ['engagement_id'], unique=False)

    op.create_table('participation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('engagement_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('organization_id', sa.Integer(), nullable=True),
    sa.Column('rank', sa.String(length=80), nullable=True),
    sa.Column('title', sa.String(length=300), nullable=True),
    sa.Column('role', sa.Enum('head_of_delegation', 'speaker', 'attendee', 'host', 'other', name='participant_role', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('country_code', sa.String(length=2), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.CheckConstraint('country_code IS NULL OR length(country_code) = 2', name=op.f('ck_participation_country_code_alpha2')),
    sa.ForeignKeyConstraint(['engagement_id'], ['engagement.id'], name=op.f('fk_participation_engagement_id_engagement'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organization_id'], ['organization.id'], name=op.f('fk_participation_organization_id_organization'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_participation_person_id_person'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_participation')),
    sa.UniqueConstraint('engagement_id', 'person_id', name=op.f('uq_participation_engagement_id_person_id')),
    sqlite_autoincrement=True,
    )
    with op.batch_alter_table('participation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_participation_engagement_id'), ['engagement_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_participation_organization_id'), ['organization_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_participation_person_id'), ['person_id'], unique=False)

    op.create_table('evidence',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('char_start', sa.Integer(), nullable=False),
    sa.Column('char_end', sa.Integer(), nullable=False),
    sa.Column('quote', sa.Text(), nullable=False),
    sa.Column('rule', sa.String(length=100), nullable=True),
    sa.Column('confidence', sa.Float(), nullable=True),
    sa.Column('engagement_id', sa.Integer(), nullable=True),
    sa.Column('participation_id', sa.Integer(), nullable=True),
    sa.Column('location_id', sa.Integer(), nullable=True),
    sa.Column('agreed_action_id', sa.Integer(), nullable=True),
    sa.Column('data_quality_warning_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.CheckConstraint('(CASE WHEN engagement_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN participation_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN location_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN agreed_action_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN data_quality_warning_id IS NULL THEN 0 ELSE 1 END) = 1', name=op.f('ck_evidence_exactly_one_target')),
    sa.CheckConstraint('char_start >= 0 AND char_end > char_start', name=op.f('ck_evidence_span_ordered')),
    sa.CheckConstraint('confidence IS NULL OR (confidence >= 0 AND confidence <= 1)', name=op.f('ck_evidence_confidence_range')),
    sa.ForeignKeyConstraint(['agreed_action_id'], ['agreed_action.id'], name=op.f('fk_evidence_agreed_action_id_agreed_action'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['data_quality_warning_id'], ['data_quality_warning.id'], name=op.f('fk_evidence_data_quality_warning_id_data_quality_warning'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['document_id'], ['document.id'], name=op.f('fk_evidence_document_id_document'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['engagement_id'], ['engagement.id'], name=op.f('fk_evidence_engagement_id_engagement'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['location_id'], ['location.id'], name=op.f('fk_evidence_location_id_location'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['participation_id'], ['participation.id'], name=op.f('fk_evidence_participation_id_participation'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evidence')),
    sqlite_autoincrement=True,
    )
    with op.batch_alter_table('evidence', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_evidence_agreed_action_id'), ['agreed_action_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_evidence_data_quality_warning_id'), ['data_quality_warning_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_evidence_document_id'), ['document_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_evidence_engagement_id'), ['engagement_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_evidence_location_id'), ['location_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_evidence_participation_id'), ['participation_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('evidence', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_evidence_participation_id'))
        batch_op.drop_index(batch_op.f('ix_evidence_location_id'))
        batch_op.drop_index(batch_op.f('ix_evidence_engagement_id'))
        batch_op.drop_index(batch_op.f('ix_evidence_document_id'))
        batch_op.drop_index(batch_op.f('ix_evidence_data_quality_warning_id'))
        batch_op.drop_index(batch_op.f('ix_evidence_agreed_action_id'))

    op.drop_table('evidence')
    with op.batch_alter_table('participation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_participation_person_id'))
        batch_op.drop_index(batch_op.f('ix_participation_organization_id'))
        batch_op.drop_index(batch_op.f('ix_participation_engagement_id'))

    op.drop_table('participation')
    with op.batch_alter_table('data_quality_warning', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_data_quality_warning_engagement_id'))
        batch_op.drop_index(batch_op.f('ix_data_quality_warning_document_id'))
        batch_op.drop_index(batch_op.f('ix_data_quality_warning_code'))

    op.drop_table('data_quality_warning')
    with op.batch_alter_table('agreed_action', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreed_action_topic'))
        batch_op.drop_index(batch_op.f('ix_agreed_action_status'))
        batch_op.drop_index(batch_op.f('ix_agreed_action_engagement_id'))

    op.drop_table('agreed_action')
    with op.batch_alter_table('engagement', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_engagement_type'))
        batch_op.drop_index('ix_engagement_span')
        batch_op.drop_index(batch_op.f('ix_engagement_series_id'))
        batch_op.drop_index(batch_op.f('ix_engagement_location_id'))
        batch_op.drop_index(batch_op.f('ix_engagement_country_b'))
        batch_op.drop_index(batch_op.f('ix_engagement_country_a'))

    op.drop_table('engagement')
    op.drop_table('series')
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_person_name_key'))
        batch_op.drop_index(batch_op.f('ix_person_country_code'))

    op.drop_table('person')
    with op.batch_alter_table('organization', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_organization_parent_id'))
        batch_op.drop_index(batch_op.f('ix_organization_name_key'))
        batch_op.drop_index(batch_op.f('ix_organization_acronym'))

    op.drop_table('organization')
    with op.batch_alter_table('location', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_location_name_key'))
        batch_op.drop_index(batch_op.f('ix_location_country_code'))

    op.drop_table('location')
    with op.batch_alter_table('document', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_document_sha256'))
        batch_op.drop_index(batch_op.f('ix_document_published_date'))

    op.drop_table('document')

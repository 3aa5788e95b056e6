"""Curation: API keys, the audit log, and version / review state / curated fields / soft delete on every fact.

Existing rows become version 1, machine-extracted and pending review.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 12:18:09.502417
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# SQLite's batch mode rebuilds each table; without this, the copy would hand out
# deleted ids again (see NEVER_REUSE_IDS in app/models/base.py).
KEEP_AUTOINCREMENT = {"sqlite_autoincrement": True}

revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('api_key',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('role', sa.Enum('reader', 'editor', 'admin', name='role', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('key_hash', sa.String(length=64), nullable=False),
    sa.Column('key_prefix', sa.String(length=16), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_api_key')),
    sa.UniqueConstraint('key_hash', name=op.f('uq_api_key_key_hash')),
    sa.UniqueConstraint('name', name=op.f('uq_api_key_name')),
    sqlite_autoincrement=True
    )
    op.create_table('audit_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('actor', sa.String(length=100), nullable=False),
    sa.Column('api_key_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=20), nullable=False),
    sa.Column('record_type', sa.String(length=40), nullable=False),
    sa.Column('record_id', sa.Integer(), nullable=False),
    sa.Column('before', sa.JSON(), nullable=True),
    sa.Column('after', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['api_key_id'], ['api_key.id'], name=op.f('fk_audit_entry_api_key_id_api_key'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_entry')),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_entry_action'), ['action'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_entry_actor'), ['actor'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_entry_at'), ['at'], unique=False)
        batch_op.create_index('ix_audit_entry_record', ['record_type', 'record_id'], unique=False)

    with op.batch_alter_table('agreed_action', schema=None, table_kwargs=KEEP_AUTOINCREMENT) as batch_op:
        batch_op.add_column(sa.Column('version', sa.Integer(), server_default=sa.text('1'), nullable=False))
        batch_op.add_column(sa.Column('origin', sa.Enum('extracted', 'manual', name='origin', native_enum=False, create_constraint=True, length=32), server_default='extracted', nullable=False))
        batch_op.add_column(sa.Column('review_state', sa.Enum('pending', 'accepted', 'corrected', 'rejected', name='review_state', native_enum=False, create_constraint=True, length=32), server_default='pending', nullable=False))
        batch_op.add_column(sa.Column('curated_fields', sa.JSON(), server_default=sa.text("'[]'"), nullable=False))
        batch_op.add_column(sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f('ix_agreed_action_deleted_at'), ['deleted_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_agreed_action_review_state'), ['review_state'], unique=False)

    with op.batch_alter_table('engagement', schema=None, table_kwargs=KEEP_AUTOINCREMENT) as batch_op:
        batch_op.add_column(sa.Column('version', sa.Integer(), server_default=sa.text('1'), nullable=False))
        batch_op.add_column(sa.Column('origin', sa.Enum('extracted', 'manual', name='origin', native_enum=False, create_constraint=True, length=32), server_default='extracted', nullable=False))
        batch_op.add_column(sa.Column('review_state', sa.Enum('pending', 'accepted', 'corrected', 'rejected', name='review_state', native_enum=False, create_constraint=True, length=32), server_default='pending', nullable=False))
        batch_op.add_column(sa.Column('curated_fields', sa.JSON(), server_default=sa.text("'[]'"), nullable=False))
        batch_op.add_column(sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f('ix_engagement_deleted_at'), ['deleted_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_engagement_review_state'), ['review_state'], unique=False)

    with op.batch_alter_table('location', schema=None, table_kwargs=KEEP_AUTOINCREMENT) as batch_op:
        batch_op.add_column(sa.Column('merged_into_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('version', sa.Integer(), server_default=sa.text('1'), nullable=False))
        batch_op.add_column(sa.Column('origin', sa.Enum('extracted', 'manual', name='origin', native_enum=False, create_constraint=True, length=32), server_default='extracted', nullable=False))
        batch_op.add_column(sa.Column('review_state', sa.Enum('pending', 'accepted', 'corrected', 'rejected', name='review_state', native_enum=False, create_constraint=True, length=32), server_default='pending', nullable=False))
        batch_op.add_column(sa.Column('curated_fields', sa.JSON(), server_default=sa.text("'[]'"), nullable=False))
        batch_op.add_column(sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f('ix_location_deleted_at'), ['deleted_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_location_review_state'), ['review_state'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_location_merged_into_id_location'), 'location', ['merged_into_id'], ['id'], ondelete='SET NULL')

    with op.batch_alter_table('organization', schema=None, table_kwargs=KEEP_AUTOINCREMENT) as batch_op:
        batch_op.add_column(sa.Column('merged_into_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('version', sa.Integer(), server_default=sa.text('1'), nullable=False))
        batch_op.add_column(sa.Column('origin', sa.Enum('extracted', 'manual', name='origin', native_enum=False, create_constraint=True, length=32), server_default='extracted', nullable=False))
        batch_op.add_column(sa.Column('review_state', sa.Enum('pending', 'accepted', 'corrected', 'rejected', name='review_state', native_enum=False, create_constraint=True, length=32), server_default='pending', nullable=False))
        batch_op.add_column(sa.Column('curated_fields', sa.JSON(), server_default=sa.text("'[]'"), nullable=False))
        batch_op.add_column(sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f('ix_organization_deleted_at'), ['deleted_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_organization_review_state'), ['review_state'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_organization_merged_into_id_organization'), 'organization', ['merged_into_id'], ['id'], ondelete='SET NULL')

    with op.batch_alter_table('participation', schema=None, table_kwargs=KEEP_AUTOINCREMENT) as batch_op:
        batch_op.add_column(sa.Column('version', sa.Integer(), server_default=sa.text('1'), nullable=False))
        batch_op.add_column(sa.Column('origin', sa.Enum('extracted', 'manual', name='origin', native_enum=False, create_constraint=True, length=32), server_default='extracted', nullable=False))
        batch_op.add_column(sa.Column('review_state', sa.Enum('pending', 'accepted', 'corrected', 'rejected', name='review_state', native_enum=False, create_constraint=True, length=32), server_default='pending', nullable=False))
        batch_op.add_column(sa.Column('curated_fields', sa.JSON(), server_default=sa.text("'[]'"), nullable=False))
        batch_op.add_column(sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f('ix_participation_deleted_at'), ['deleted_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_participation_review_state'), ['review_state'], unique=False)

    with op.batch_alter_table('person', schema=None, table_kwargs=KEEP_AUTOINCREMENT) as batch_op:
        batch_op.add_column(sa.Column('merged_into_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('version', sa.Integer(), server_default=sa.text('1'), nullable=False))
        batch_op.add_column(sa.Column('origin', sa.Enum('extracted', 'manual', name='origin', native_enum=False, create_constraint=True, length=32), server_default='extracted', nullable=False))
        batch_op.add_column(sa.Column('review_state', sa.Enum('pending', 'accepted', 'corrected', 'rejected', name='review_state', native_enum=False, create_constraint=True, length=32), server_default='pending', nullable=False))
        batch_op.add_column(sa.Column('curated_fields', sa.JSON(), server_default=sa.text("'[]'"), nullable=False))
        batch_op.add_column(sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f('ix_person_deleted_at'), ['deleted_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_person_review_state'), ['review_state'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_person_merged_into_id_person'), 'person', ['merged_into_id'], ['id'], ondelete='SET NULL')



def downgrade() -> None:
    with op.batch_alter_table('person', schema=None, table_kwargs=KEEP_AUTOINCREMENT) as batch_op:
        batch_op.drop_constraint('review_state', type_='check')
        batch_op.drop_constraint('origin', type_='check')
        batch_op.drop_constraint(batch_op.f('fk_person_merged_into_id_person'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_person_review_state'))
        batch_op.drop_index(batch_op.f('ix_person_deleted_at'))
        batch_op.drop_column('deleted_at')
        batch_op.drop_column('curated_fields')
        batch_op.drop_column('review_state')
        batch_op.drop_column('origin')
        batch_op.drop_column('version')
        batch_op.drop_column('merged_into_id')

    with op.batch_alter_table('participation', schema=None, table_kwargs=KEEP_AUTOINCREMENT) as batch_op:
        batch_op.drop_constraint('review_state', type_='check')
        batch_op.drop_constraint('origin', type_='check')
        batch_op.drop_index(batch_op.f('ix_participation_review_state'))
        batch_op.drop_index(batch_op.f('ix_participation_deleted_at'))
        batch_op.drop_column('deleted_at')
        batch_op.drop_column('curated_fields')
        batch_op.drop_column('review_state')
        batch_op.drop_column('origin')
        batch_op.drop_column('version')

    with op.batch_alter_table('organization', schema=None, table_kwargs=KEEP_AUTOINCREMENT) as batch_op:
        batch_op.drop_constraint('review_state', type_='check')
        batch_op.drop_constraint('origin', type_='check')
        batch_op.drop_constraint(batch_op.f('fk_organization_merged_into_id_organization'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_organization_review_state'))
        batch_op.drop_index(batch_op.f('ix_organization_deleted_at'))
        batch_op.drop_column('deleted_at')
        batch_op.drop_column('curated_fields')
        batch_op.drop_column('review_state')
        batch_op.drop_column('origin')
        batch_op.drop_column('version')
        batch_op.drop_column('merged_into_id')

    with op.batch_alter_table('location', schema=None, table_kwargs=KEEP_AUTOINCREMENT) as batch_op:
        batch_op.drop_constraint('review_state', type_='check')
        batch_op.drop_constraint('origin', type_='check')
        batch_op.drop_constraint(batch_op.f('fk_location_merged_into_id_location'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_location_review_state'))
        batch_op.drop_index(batch_op.f('ix_location_deleted_at'))
        batch_op.drop_column('deleted_at')
        batch_op.drop_column('curated_fields')
        batch_op.drop_column('review_state')
        batch_op.drop_column('origin')
        batch_op.drop_column('version')
        batch_op.drop_column('merged_into_id')

    with op.batch_alter_table('engagement', schema=None, table_kwargs=KEEP_AUTOINCREMENT) as batch_op:
        batch_op.drop_constraint('review_state', type_='check')
        batch_op.drop_constraint('origin', type_='check')
        batch_op.drop_index(batch_op.f('ix_engagement_review_state'))
        batch_op.drop_index(batch_op.f('ix_engagement_deleted_at'))
        batch_op.drop_column('deleted_at')
        batch_op.drop_column('curated_fields')
        batch_op.drop_column('review_state')
        batch_op.drop_column('origin')
        batch_op.drop_column('version')

    with op.batch_alter_table('agreed_action', schema=None, table_kwargs=KEEP_AUTOINCREMENT) as batch_op:
        batch_op.drop_constraint('review_state', type_='check')
        batch_op.drop_constraint('origin', type_='check')
        batch_op.drop_index(batch_op.f('ix_agreed_action_review_state'))
        batch_op.drop_index(batch_op.f('ix_agreed_action_deleted_at'))
        batch_op.drop_column('deleted_at')
        batch_op.drop_column('curated_fields')
        batch_op.drop_column('review_state')
        batch_op.drop_column('origin')
        batch_op.drop_column('version')

    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_entry_record')
        batch_op.drop_index(batch_op.f('ix_audit_entry_at'))
        batch_op.drop_index(batch_op.f('ix_audit_entry_actor'))
        batch_op.drop_index(batch_op.f('ix_audit_entry_action'))

    op.drop_table('audit_entry')
    op.drop_table('api_key')

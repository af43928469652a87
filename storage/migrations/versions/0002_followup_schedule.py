"""follow-up schedule: one pending row per melding and kind, outcomes, daily limit, broadcast followers

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24 09:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

PENDING_FOR_MELDING = "state = 'pending' AND melding_id IS NOT NULL"
PENDING_FOR_PARTNER = "state = 'pending' AND partner_id IS NOT NULL"


def upgrade() -> None:
    with op.batch_alter_table('meldingen', schema=None) as batch_op:
        batch_op.add_column(sa.Column('last_unsolicited_at', sa.DateTime(), nullable=True))

    with op.batch_alter_table('followups', schema=None) as batch_op:
        batch_op.add_column(sa.Column('urgent', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('finished_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('outcome', sa.Text(), nullable=True))
        batch_op.create_index('uq_followups_pending_melding', ['melding_id', 'kind'], unique=True,
                              sqlite_where=sa.text(PENDING_FOR_MELDING),
                              postgresql_where=sa.text(PENDING_FOR_MELDING))
        batch_op.create_index('uq_followups_pending_partner', ['partner_id', 'kind'], unique=True,
                              sqlite_where=sa.text(PENDING_FOR_PARTNER),
                              postgresql_where=sa.text(PENDING_FOR_PARTNER))

    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.create_index('ix_outbox_melding', ['melding_id', 'state'], unique=False)
        batch_op.create_index('ix_outbox_chat', ['chat_id', 'state'], unique=False)

    with op.batch_alter_table('reporters', schema=None) as batch_op:
        batch_op.create_index('ix_reporters_updates_wijk', ['updates_wijk_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('reporters', schema=None) as batch_op:
        batch_op.drop_index('ix_reporters_updates_wijk')

    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_index('ix_outbox_chat')
        batch_op.drop_index('ix_outbox_melding')

    with op.batch_alter_table('followups', schema=None) as batch_op:
        batch_op.drop_index('uq_followups_pending_partner')
        batch_op.drop_index('uq_followups_pending_melding')
        batch_op.drop_column('outcome')
        batch_op.drop_column('finished_at')
        batch_op.drop_column('urgent')

    with op.batch_alter_table('meldingen', schema=None) as batch_op:
        batch_op.drop_column('last_unsolicited_at')

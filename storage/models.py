"""ORM tables. Only `storage/` imports these; other layers see plain records (`dialogs.records`)."""
from __future__ import annotations

from datetime import date, datetime, timezone

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.types import TypeDecorator
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class UtcDateTime(TypeDecorator):
    """Aware UTC datetimes in and out on every backend (SQLite itself keeps no time zone)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(timezone.utc).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=timezone.utc)


def utc_column(nullable: bool = True, **kwargs) -> Mapped:
    return mapped_column(UtcDateTime(), nullable=nullable, **kwargs)


class Reporter(Base):
    __tablename__ = "reporters"
    # A broadcast goes to everyone who follows one wijk.
    __table_args__ = (UniqueConstraint("channel", "chat_id", name="uq_reporter_chat"),
                      Index("ix_reporters_updates_wijk", "updates_wijk_id"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    # Nulled by /vergeet and by retention: the melding statistics stay, the person goes.
    chat_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    locale: Mapped[str] = mapped_column(String(5))
    locale_chosen: Mapped[bool] = mapped_column(Boolean, default=False)
    stopped: Mapped[bool] = mapped_column(Boolean, default=False)
    updates_wijk_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    created_at: Mapped[datetime] = utc_column(nullable=False)
    erased_at: Mapped[datetime | None] = utc_column()


class Conversation(Base):
    __tablename__ = "conversations"

    reporter_id: Mapped[int] = mapped_column(ForeignKey("reporters.id", ondelete="CASCADE"), primary_key=True)
    state: Mapped[dict] = mapped_column(JSON)
    updated_at: Mapped[datetime] = utc_column(nullable=False)


class Melding(Base):
    __tablename__ = "meldingen"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str | None] = mapped_column(String(16), unique=True, nullable=True)
    reporter_id: Mapped[int | None] = mapped_column(ForeignKey("reporters.id", ondelete="SET NULL"), nullable=True)
    text: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(5))
    category: Mapped[str] = mapped_column(String(32))
    urgency: Mapped[str] = mapped_column(String(16))
    acute_kind: Mapped[str | None] = mapped_column(String(16), nullable=True)
    frequency: Mapped[str | None] = mapped_column(String(16), nullable=True)
    privacy_mode: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(24))
    wijk_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    buurt_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    place_text: Mapped[str | None] = mapped_column(String(300), nullable=True)
    latitude: Mapped[float | None] = mapped_column(Float, nullable=True)
    longitude: Mapped[float | None] = mapped_column(Float, nullable=True)
    routing_rule: Mapped[str | None] = mapped_column(String(120), nullable=True)
    created_at: Mapped[datetime] = utc_column(nullable=False)
    expected_by: Mapped[date | None] = mapped_column(Date, nullable=True)
    routed_at: Mapped[datetime | None] = utc_column()
    accepted_at: Mapped[datetime | None] = utc_column()
    closed_at: Mapped[datetime | None] = utc_column()
    last_activity_at: Mapped[datetime] = utc_column(nullable=False)
    # When the resident last got (or, deferred past quiet hours, will get) a message about this melding
    # they did not ask for: at most one a day.
    last_unsolicited_at: Mapped[datetime | None] = utc_column()

    __table_args__ = (Index("ix_meldingen_reporter", "reporter_id"), Index("ix_meldingen_status", "status"))


class Assignment(Base):
    __tablename__ = "assignments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    melding_id: Mapped[int] = mapped_column(ForeignKey("meldingen.id", ondelete="CASCADE"), index=True)
    partner_id: Mapped[str] = mapped_column(String(64), index=True)
    assigned_at: Mapped[datetime] = utc_column(nullable=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)


class StatusChange(Base):
    """Append-only history: rows are inserted, never updated."""

    __tablename__ = "status_changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    melding_id: Mapped[int] = mapped_column(ForeignKey("meldingen.id", ondelete="CASCADE"), index=True)
    from_status: Mapped[str | None] = mapped_column(String(24), nullable=True)
    to_status: Mapped[str] = mapped_column(String(24))
    actor: Mapped[str] = mapped_column(String(64))
    message: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = utc_column(nullable=False)


class Attachment(Base):
    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    melding_id: Mapped[int] = mapped_column(ForeignKey("meldingen.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    telegram_file_id: Mapped[str] = mapped_column(String(256))
    created_at: Mapped[datetime] = utc_column(nullable=False)


class Professional(Base):
    __tablename__ = "professionals"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    telegram_user_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    partner_id: Mapped[str] = mapped_column(String(64), index=True)
    role: Mapped[str] = mapped_column(String(32))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    pending_action: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    created_at: Mapped[datetime] = utc_column(nullable=False)


class Invite(Base):
    __tablename__ = "invites"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    partner_id: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = utc_column(nullable=False)
    expires_at: Mapped[datetime] = utc_column(nullable=False)
    used_at: Mapped[datetime | None] = utc_column()
    used_by: Mapped[int | None] = mapped_column(BigInteger, nullable=True)


class InviteAttempt(Base):
    __tablename__ = "invite_attempts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    telegram_user_id: Mapped[int] = mapped_column(BigInteger, index=True)
    succeeded: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[datetime] = utc_column(nullable=False)


class AuditEntry(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    professional_id: Mapped[int | None] = mapped_column(ForeignKey("professionals.id"), nullable=True)
    action: Mapped[str] = mapped_column(String(48))
    melding_id: Mapped[int | None] = mapped_column(ForeignKey("meldingen.id", ondelete="SET NULL"), nullable=True)
    detail: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = utc_column(nullable=False)


class Relay(Base):
    """A question from a partner to the resident, or the resident's answer, relayed by the bot."""

    __tablename__ = "relays"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    melding_id: Mapped[int] = mapped_column(ForeignKey("meldingen.id", ondelete="CASCADE"), index=True)
    direction: Mapped[str] = mapped_column(String(16))
    professional_id: Mapped[int | None] = mapped_column(ForeignKey("professionals.id"), nullable=True)
    template_key: Mapped[str | None] = mapped_column(String(64), nullable=True)
    body: Mapped[str | None] = mapped_column(Text, nullable=True)
    # The partner chat the question came from, so the answer goes back there.
    chat_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    created_at: Mapped[datetime] = utc_column(nullable=False)
    answered_at: Mapped[datetime | None] = utc_column()


_PENDING_FOR_MELDING = "state = 'pending' AND melding_id IS NOT NULL"
_PENDING_FOR_PARTNER = "state = 'pending' AND partner_id IS NOT NULL"


class FollowUp(Base):
    __tablename__ = "followups"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    melding_id: Mapped[int | None] = mapped_column(ForeignKey("meldingen.id", ondelete="CASCADE"), nullable=True)
    partner_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    kind: Mapped[str] = mapped_column(String(32))
    due_at: Mapped[datetime] = utc_column(nullable=False)
    state: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    claimed_at: Mapped[datetime | None] = utc_column()
    payload: Mapped[dict] = mapped_column(JSON, default=dict)
    # When the rules planned it: a follow-up from before a re-routing or reopening lapses.
    created_at: Mapped[datetime] = utc_column(nullable=False)
    urgent: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    finished_at: Mapped[datetime | None] = utc_column()
    # Why it ended as it did ("sent", "lapsed", "stopped", an error): visible to whoever looks.
    outcome: Mapped[str | None] = mapped_column(Text, nullable=True)

    __table_args__ = (
        Index("ix_followups_due", "state", "due_at"),
        # One pending follow-up per melding and kind (or partner and kind): planning again replaces it.
        Index("uq_followups_pending_melding", "melding_id", "kind", unique=True,
              sqlite_where=text(_PENDING_FOR_MELDING), postgresql_where=text(_PENDING_FOR_MELDING)),
        Index("uq_followups_pending_partner", "partner_id", "kind", unique=True,
              sqlite_where=text(_PENDING_FOR_PARTNER), postgresql_where=text(_PENDING_FOR_PARTNER)),
    )


class OutboxMessage(Base):
    """Every message the bot sends on its own initiative is a row first (written with its cause)."""

    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    kind: Mapped[str] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text)
    buttons: Mapped[list | None] = mapped_column(JSON, nullable=True)
    photo_file_id: Mapped[str | None] = mapped_column(String(256), nullable=True)
    melding_id: Mapped[int | None] = mapped_column(ForeignKey("meldingen.id", ondelete="SET NULL"), nullable=True)
    state: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    not_before: Mapped[datetime] = utc_column(nullable=False)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = utc_column(nullable=False)
    sent_at: Mapped[datetime | None] = utc_column()

    __table_args__ = (
        Index("ix_outbox_due", "state", "not_before"),
        # Newer news about a melding replaces its unsent older news; a 403 ends a chat's queue.
        Index("ix_outbox_melding", "melding_id", "state"),
        Index("ix_outbox_chat", "chat_id", "state"),
    )

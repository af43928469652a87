"""The persisted state of one resident's conversation: which question is open, and the draft melding."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum


class Step(StrEnum):
    IDLE = "idle"
    DESCRIBE = "describe"
    CATEGORY = "category"
    WHERE = "where"
    WHEN = "when"
    PRIVACY = "privacy"
    CONFIRM = "confirm"
    CONFIRM_FORGET = "confirm_forget"
    ANSWER_QUESTION = "answer_question"
    FOLLOWUP_COMMENT = "followup_comment"  # what is still wrong, after "partly" or "no" to the solved check


@dataclass
class Draft:
    text: str = ""
    language: str | None = None
    category: str | None = None
    candidates: list[str] = field(default_factory=list)
    urgency: str = "normaal"
    acute_kind: str | None = None
    wijk_id: str | None = None
    wijk_name: str | None = None
    buurt_id: str | None = None
    buurt_name: str | None = None
    street: str | None = None
    place_text: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    frequency: str | None = None
    privacy_mode: str | None = None
    photo_file_ids: list[str] = field(default_factory=list)


@dataclass
class ConversationState:
    step: Step = Step.IDLE
    draft: Draft = field(default_factory=Draft)
    warned_acute: bool = False
    # The partner question the resident is answering (relay id), while in ANSWER_QUESTION.
    question_id: int | None = None
    # The melding the resident says is not (fully) solved, while in FOLLOWUP_COMMENT.
    comment_melding_id: int | None = None
    # News about a wijk is offered once; `updates_wijk` is the wijk of the open offer.
    updates_offered: bool = False
    updates_wijk: str | None = None

    def to_dict(self) -> dict:
        data = asdict(self)
        data["step"] = self.step.value
        return data

    @classmethod
    def from_dict(cls, data: dict | None) -> "ConversationState":
        if not data:
            return cls()
        try:
            return cls(
                step=Step(data.get("step", Step.IDLE)),
                draft=Draft(**data.get("draft", {})),
                warned_acute=bool(data.get("warned_acute", False)),
                question_id=data.get("question_id"),
                comment_melding_id=data.get("comment_melding_id"),
                updates_offered=bool(data.get("updates_offered", False)),
                updates_wijk=data.get("updates_wijk"),
            )
        except (TypeError, ValueError):
            # A state written by an older version must not lock the resident out: start afresh.
            return cls()

    def start_draft(self) -> None:
        self.step = Step.DESCRIBE
        self.draft = Draft()
        self.warned_acute = False

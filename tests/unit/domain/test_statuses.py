from itertools import product

import pytest

from dialogs.statuses import (
    ALLOWED_TRANSITIONS,
    CLOSED_STATUSES,
    OPEN_STATUSES,
    REQUIRES_MESSAGE,
    PublicStatus,
    Status,
    TransitionError,
    check_transition,
    public_status,
)

ALLOWED_EDGES = [
    (current, new) for current, targets in ALLOWED_TRANSITIONS.items() for new in targets
]
FORBIDDEN_EDGES = [
    (current, new)
    for current, new in product(Status, Status)
    if new not in ALLOWED_TRANSITIONS[current]
]
MESSAGE_EDGES = [(current, new) for current, new in ALLOWED_EDGES if new in REQUIRES_MESSAGE]
OPTIONAL_MESSAGE_EDGES = [
    (current, new) for current, new in ALLOWED_EDGES if new not in REQUIRES_MESSAGE
]


def edge_id(edge: tuple[Status, Status]) -> str:
    return f"{edge[0]}->{edge[1]}"


def test_every_status_has_a_row() -> None:
    assert set(ALLOWED_TRANSITIONS) == set(Status)


@pytest.mark.parametrize("edge", ALLOWED_EDGES, ids=edge_id)
def test_allowed_edge_passes(edge: tuple[Status, Status]) -> None:
    check_transition(*edge, "We hebben de lantaarnpaal gerepareerd.")


@pytest.mark.parametrize("edge", OPTIONAL_MESSAGE_EDGES, ids=edge_id)
def test_allowed_edge_without_resident_message_passes(edge: tuple[Status, Status]) -> None:
    check_transition(*edge, None)


@pytest.mark.parametrize("edge", FORBIDDEN_EDGES, ids=edge_id)
def test_every_other_edge_fails(edge: tuple[Status, Status]) -> None:
    with pytest.raises(TransitionError) as raised:
        check_transition(*edge, "Een bericht maakt een verboden stap niet toegestaan.")
    assert raised.value.reason == "transition not allowed"


@pytest.mark.parametrize("message", [None, "", "   \n\t"])
@pytest.mark.parametrize("edge", MESSAGE_EDGES, ids=edge_id)
def test_message_edges_need_a_real_message(
    edge: tuple[Status, Status], message: str | None
) -> None:
    with pytest.raises(TransitionError) as raised:
        check_transition(*edge, message)
    assert raised.value.reason == "a message to the resident is required"


def test_unknown_statuses_are_rejected() -> None:
    with pytest.raises(TransitionError):
        check_transition("nieuw", "gesloten", None)  # type: ignore[arg-type]


def test_plain_strings_from_the_database_are_accepted() -> None:
    check_transition("doorgezet", "in_behandeling", None)  # type: ignore[arg-type]


def test_transition_error_is_a_value_error() -> None:
    assert issubclass(TransitionError, ValueError)


def test_open_and_closed_partition_the_statuses() -> None:
    assert OPEN_STATUSES | CLOSED_STATUSES == set(Status)
    assert not OPEN_STATUSES & CLOSED_STATUSES


def reachable_from(start: Status) -> set[Status]:
    seen, todo = set(), [start]
    while todo:
        for target in ALLOWED_TRANSITIONS[todo.pop()] - seen:
            seen.add(target)
            todo.append(target)
    return seen


def test_every_status_can_be_reached_from_nieuw() -> None:
    assert reachable_from(Status.NIEUW) | {Status.NIEUW} == set(Status)


@pytest.mark.parametrize("status", sorted(OPEN_STATUSES))
def test_every_open_melding_can_still_be_closed(status: Status) -> None:
    assert reachable_from(status) & CLOSED_STATUSES


@pytest.mark.parametrize("status", sorted(CLOSED_STATUSES))
def test_a_closed_melding_only_reopens(status: Status) -> None:
    assert ALLOWED_TRANSITIONS[status] == {Status.HEROPEND}


def test_public_status_for_every_status() -> None:
    assert {status: public_status(status) for status in Status} == {
        Status.NIEUW: PublicStatus.ONTVANGEN,
        Status.DOORGEZET: PublicStatus.ONTVANGEN,
        Status.DOORVERWEZEN: PublicStatus.ONTVANGEN,
        Status.IN_BEHANDELING: PublicStatus.IN_BEHANDELING,
        Status.VRAAG_AAN_MELDER: PublicStatus.VRAAG_AAN_U,
        Status.AFGEHANDELD: PublicStatus.AFGEHANDELD,
        Status.NIET_OPLOSBAAR: PublicStatus.AFGEHANDELD,
        Status.HEROPEND: PublicStatus.HEROPEND,
    }

"""Who reads a direct award's draft and quotes, and which edits are refused for it."""

from __future__ import annotations

import uuid

import pytest

from inkop_desktop.domain.direct_award.secrecy import (
    AwardPeople,
    Reader,
    check_change,
    reads_quotes,
    sees,
)
from inkop_desktop.domain.direct_award.status import AwardStatus
from inkop_desktop.domain.permissions import PermissionDeniedError

ME, BOB, MIA = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
ALICE = Reader("alice", ME)


def _award(status: AwardStatus = AwardStatus.KLAR, **people: object) -> AwardPeople:
    values: dict[str, object] = {"created_by": "bob", "requester_id": None,
                                 "decision_maker_id": BOB, **people}  # fmt: skip
    return AwardPeople(status=status, **values)


def test_a_draft_and_its_quotes_are_read_only_by_the_people_named_on_it() -> None:
    draft = _award(AwardStatus.UTKAST, participant_ids=frozenset({MIA}))
    assert not sees(ALICE, draft) and not reads_quotes(ALICE, draft)
    for reader in (Reader("bob", None), Reader("x", BOB), Reader("x", MIA), Reader("x", ME, True)):
        assert sees(reader, draft) and reads_quotes(reader, draft)
    removed = _award(AwardStatus.UTKAST, former_ids=frozenset({ME}))
    assert sees(ALICE, removed) and not reads_quotes(ALICE, removed)
    assert sees(ALICE, _award()) and not reads_quotes(ALICE, _award())
    assert reads_quotes(ALICE, _award(AwardStatus.SIGNERAD))


@pytest.mark.parametrize(
    "after",
    [
        _award(requester_id=ME),
        _award(decision_maker_id=ME),
        _award(created_by="alice"),
        _award(AwardStatus.UTKAST, requester_id=ME),
    ],
)
def test_nobody_names_themselves_into_the_quotes(after: AwardPeople) -> None:
    with pytest.raises(PermissionDeniedError, match="ge dig själv rätt att läsa offerterna"):
        check_change(ALICE, _award(), after)
    check_change(Reader("alice", ME, is_manager=True), _award(), after)  # inköpschef reads all


def test_a_draft_is_not_saved_so_that_it_disappears_from_the_one_saving() -> None:
    with pytest.raises(PermissionDeniedError, match="skulle inte längre synas"):
        check_change(ALICE, _award(), _award(AwardStatus.UTKAST))  # reopening Bob's record
    mine = _award(AwardStatus.UTKAST, requester_id=ME)
    check_change(ALICE, mine, mine)
    with pytest.raises(PermissionDeniedError, match="skulle inte längre synas"):
        check_change(ALICE, mine, _award(AwardStatus.UTKAST, requester_id=MIA))

"""Who is who across conversations (cycle/people.py): the id decides, names only help to find."""

from __future__ import annotations

import datetime as dt

from helpers import make_session
from hypothesis import given, settings
from hypothesis import strategies as st

from loopbaan_cli.cycle import history
from loopbaan_cli.cycle.people import (
    close,
    employee_key,
    matching,
    name_key,
    of_employee,
    same_name,
    similar_names,
    starts_a_word,
)
from loopbaan_cli.kernel.record import Record
from loopbaan_cli.sessions.employees import Entry


def record(session_id: str, name: str, employee_id: str | None, day: int = 1) -> Record:
    session = make_session(
        id=session_id,
        employee={"id": employee_id, "name": name},
        date=dt.date(2026, 1, day),
        created=dt.datetime(2026, 1, day, 10),
    )
    return Record(session.model_dump())


LI = record("2026-01-01-medewerker", "李明", "mw-aaaaaa")
WANG = record("2026-01-02-medewerker", "王芳", "mw-bbbbbb", 2)
JAN_KOK = record("2026-01-03-jan-peeters", "Jan Peeters", "mw-cccccc", 3)
JAN_CHAUFFEUR = record("2026-01-04-jan-peeters", "jan  peeters", "mw-dddddd", 4)
EVERYONE = [LI, WANG, JAN_KOK, JAN_CHAUFFEUR]


def test_the_id_decides_not_the_name() -> None:
    assert of_employee(EVERYONE, "mw-aaaaaa") == [LI]
    assert of_employee(EVERYONE, "mw-cccccc") == [JAN_KOK], "the other Jan Peeters is someone else"
    assert employee_key(LI.employee) != employee_key(WANG.employee)


def test_a_conversation_not_registered_yet_is_known_by_its_exact_name() -> None:
    loose = record("2026-01-05-an-peeters", "An  Peeters", None, 5)
    assert employee_key(loose.employee) == employee_key(record("x", "an peeters", None).employee)
    assert employee_key(loose.employee) != employee_key(record("x", "Ân Peeters", None).employee)


def test_matching_for_a_listing() -> None:
    assert matching(EVERYONE, "mw-bbbbbb") == [WANG]
    assert matching(EVERYONE, "王芳") == [WANG]
    assert matching(EVERYONE, "JAN PEETERS") == [JAN_KOK, JAN_CHAUFFEUR]  # both, to choose from
    assert matching(EVERYONE, "peeters") == [JAN_KOK, JAN_CHAUFFEUR]
    assert matching(EVERYONE, "an") == [], '"an" starts no word of "Jan Peeters"'


def test_same_and_close_names() -> None:
    assert same_name("Sofie  Claes", "sofie claes")
    assert not same_name("Chloé Dubois", "Chloe Dubois")
    register = [
        Entry("mw-aaaaaa", "Chloé Dubois", "verkoopster"),
        Entry("mw-bbbbbb", "Sofie Claes"),
        Entry("mw-cccccc", "Bart Peeters"),
    ]
    assert [e.id for e in close(register, "Chloe Dubois")] == ["mw-aaaaaa"]
    assert [e.id for e in close(register, "Sofie Claess")] == ["mw-bbbbbb"]
    assert close(register, "Sofie Claes") == [], "the same name is not a look-alike: it is her"
    assert close(register, "李明") == []
    assert starts_a_word("claes", "Sofie Claes") and not starts_a_word("laes", "Sofie Claes")
    assert similar_names(EVERYONE, "Jan Peters") == ["Jan Peeters", "jan  peeters"]


def test_the_history_never_shows_another_persons_agreements() -> None:
    """李明 and 王芳 shared a slug once: the history took one for the other's earlier talk."""
    assert history.earlier(EVERYONE, WANG) == []
    assert history.earlier(EVERYONE, JAN_CHAUFFEUR) == []
    same_jan = record("2026-01-09-jan-peeters", "Jan Peeters", "mw-cccccc", 9)
    assert history.earlier([*EVERYONE, same_jan], same_jan) == [JAN_KOK]


NAMES = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=60).filter(
    lambda n: n.strip()
)


@settings(max_examples=200, deadline=None)
@given(NAMES, NAMES)
def test_two_registered_people_are_never_mixed_whatever_their_names(a: str, b: str) -> None:
    """Any two names, in any script, of any length: the id keeps the conversations apart."""
    first, second = (
        record("2026-01-01-x", a, "mw-aaaaaa"),
        record("2026-01-02-y", b, "mw-bbbbbb", 2),
    )
    assert of_employee([first, second], "mw-aaaaaa") == [first]
    assert history.earlier([first, second], second) == []
    assert same_name(f"  {a}  ", a) and name_key(name_key(a)) == name_key(a)
    assert all(e.id != "mw-aaaaaa" for e in close([Entry("mw-aaaaaa", a)], a))

"""Access codes: generation, normalisation, hashing, expiry, single use, lockout, linking, leaving."""

from datetime import date, datetime, timedelta

import pytest
from sqlmodel import select

from mrko_app.i18n import has
from mrko_app.models import AccessCode, ParentChildLink, Throttle
from mrko_app.services.access import codes as access_codes
from mrko_app.services.access import roster
from mrko_app.services.access import rules as access
from mrko_app.services.errors import Locked, NotFound, PermissionDenied, ValidationError
from tests.services.access_world import make_world

NOW = datetime(2026, 2, 2, 10, 0)


@pytest.fixture
def world(db):
    return make_world(db)


def _field_key(exc: ValidationError, field: str = "code") -> str:
    key = exc.fields[field]
    assert has(key), key
    return key


def test_generated_codes_are_long_grouped_and_unambiguous():
    codes = {access_codes.generate_code() for _ in range(300)}
    assert len(codes) == 300
    for code in codes:
        groups = code.split("-")
        assert [len(g) for g in groups] == [4, 4, 4, 4]
        assert set("".join(groups)) <= set(access_codes.ALPHABET)
    assert not set("0O1IL") & set(access_codes.ALPHABET)
    assert len(access_codes.ALPHABET) ** access_codes.CODE_LENGTH >= 2**78


@pytest.mark.parametrize("typed", ["abcd-efgh-jkmn-pqrs", "ABCD EFGH JKMN PQRS", " abcdefghjkmnpqrs ",
                                   "ABCD—EFGH–JKMN-PQRS"])
def test_normalisation(typed):
    assert access_codes.normalize_code(typed) == "ABCDEFGHJKMNPQRS"


@pytest.mark.parametrize("typed", ["", "ABCD-EFGH-JKMN", "ABCD-EFGH-JKMN-PQRS-T", "ABCD-EFGH-JKMN-PQR0",
                                   None, 12345, {"code": "x"}, ["ABCD"], "A" * 5000])
def test_normalisation_refuses_what_cannot_be_a_code(typed):
    assert access_codes.normalize_code(typed) == ""


def test_only_the_hash_is_stored(db, world):
    code, plain = access_codes.issue_code(db, world.staff, world.masha.id, now=NOW)
    assert plain not in code.code_hash and access_codes.normalize_code(plain) not in code.code_hash
    assert code.code_hash == access_codes.hash_code(access_codes.normalize_code(plain))
    assert code.expires_at == NOW + timedelta(days=access_codes.VALID_DAYS)
    stored = db.exec(select(AccessCode).where(AccessCode.id == code.id)).one()
    assert plain.replace("-", "") not in repr(stored.model_dump())


def test_issue_only_for_own_school_and_studying_students(db, world):
    with pytest.raises(NotFound):
        access_codes.issue_code(db, world.staff, world.stranger.id, now=NOW)
    for outsider in (world.teacher, world.parent, None):
        with pytest.raises(PermissionDenied):
            access_codes.issue_code(db, outsider, world.masha.id, now=NOW)
    for bad in ("x", -1, 10**30, {"id": 1}, None):
        with pytest.raises(NotFound):
            access_codes.issue_code(db, world.staff, bad, now=NOW)
    roster.set_student_status(db, world.staff, world.masha.id, "left", date(2026, 1, 1))
    with pytest.raises(ValidationError) as exc:
        access_codes.issue_code(db, world.staff, world.masha.id, now=NOW)
    assert _field_key(exc.value, "student") == "access.student_not_studying"


def test_redeem_links_the_child_once(db, world):
    _code, plain = access_codes.issue_code(db, world.staff, world.masha.id, now=NOW)
    preview = access_codes.check_code(db, world.parent, plain.lower().replace("-", " "), now=NOW)
    assert preview["student_name"] == world.masha.full_name
    assert preview["class_name"] == "5А" and preview["school_name"] == "School 1"
    assert access.linked_children(db, world.parent, NOW.date()) == []  # checking uses nothing up
    link = access_codes.redeem_code(db, world.parent, plain, "  Маша  ", now=NOW)
    assert (link.parent_id, link.student_id, link.page_name) == (world.parent.id, world.masha.id, "Маша")
    stored = db.get(AccessCode, link.access_code_id)
    assert stored.used_at == NOW and stored.used_by == world.parent.id
    assert [s.id for _l, s in access.linked_children(db, world.parent, NOW.date())] == [world.masha.id]
    assert access.require_child(db, world.parent, str(world.masha.id), NOW.date()).id == world.masha.id
    # single use: the second parent cannot use the same code
    with pytest.raises(ValidationError) as exc:
        access_codes.redeem_code(db, world.parent2, plain, "Маша", now=NOW)
    assert _field_key(exc.value) == "access.code_used"


def test_expired_and_revoked_codes_are_refused_with_their_reason(db, world):
    _old, old_plain = access_codes.issue_code(db, world.staff, world.masha.id, now=NOW, days=30)
    later = NOW + timedelta(days=30)
    with pytest.raises(ValidationError) as exc:
        access_codes.check_code(db, world.parent, old_plain, now=later)
    assert _field_key(exc.value) == "access.code_expired"
    # a second before expiry it still works
    assert access_codes.check_code(db, world.parent, old_plain, now=later - timedelta(seconds=1))
    revoked, revoked_plain = access_codes.issue_code(db, world.staff, world.petya.id, now=NOW)
    access_codes.revoke_code(db, world.staff, revoked.id)
    with pytest.raises(ValidationError) as exc:
        access_codes.redeem_code(db, world.parent, revoked_plain, "Петя", now=NOW)
    assert _field_key(exc.value) == "access.code_revoked"
    assert access.linked_children(db, world.parent, NOW.date()) == []
    # refusals of real codes do not count towards the lock
    assert access_codes.locked_until(db, world.parent, NOW) is None
    assert db.exec(select(Throttle)).first() is None


def test_reissuing_directly_revokes_the_unused_direct_code(db, world):
    old, old_plain = access_codes.issue_code(db, world.staff, world.masha.id, now=NOW)
    other_student, _p = access_codes.issue_code(db, world.staff, world.petya.id, now=NOW)
    new, new_plain = access_codes.issue_code(db, world.staff, world.masha.id, now=NOW)
    assert [access_codes.code_status(db.get(AccessCode, c.id), NOW) for c in (old, other_student, new)] == [
        "revoked", "active", "active"]
    with pytest.raises(ValidationError) as exc:
        access_codes.check_code(db, world.parent, old_plain, now=NOW)
    assert _field_key(exc.value) == "access.code_revoked"
    assert access_codes.check_code(db, world.parent, new_plain, now=NOW)["student_name"] == world.masha.full_name


def test_other_staff_cannot_revoke(db, world):
    code, _plain = access_codes.issue_code(db, world.staff, world.masha.id, now=NOW)
    with pytest.raises(NotFound):
        access_codes.revoke_code(db, world.other_staff, code.id)
    with pytest.raises(PermissionDenied):
        access_codes.revoke_code(db, world.parent, code.id)
    assert db.get(AccessCode, code.id).revoked is False


def test_five_wrong_codes_lock_for_fifteen_minutes(db, world):
    _code, plain = access_codes.issue_code(db, world.staff, world.masha.id, now=NOW)
    wrong = "ABCD-EFGH-JKMN-PQRS"
    for attempt in range(1, access_codes.MAX_FAILURES):
        with pytest.raises(ValidationError) as exc:
            access_codes.check_code(db, world.parent, wrong, now=NOW)
        assert _field_key(exc.value) == "access.code_wrong"
        assert exc.value.params["left"] == access_codes.MAX_FAILURES - attempt
        assert getattr(exc.value, "persist", False) is True  # the count must be committed
    with pytest.raises(Locked) as locked:
        access_codes.check_code(db, world.parent, wrong, now=NOW)
    assert locked.value.until == NOW + access_codes.LOCK and has(locked.value.key)
    assert locked.value.persist is True
    # while locked even the right code is refused, and the other parent is not affected
    with pytest.raises(Locked):
        access_codes.redeem_code(db, world.parent, plain, "Маша", now=NOW + timedelta(minutes=14, seconds=59))
    assert access_codes.check_code(db, world.parent2, plain, now=NOW)["student_name"] == world.masha.full_name
    # after the lock the right code works
    link = access_codes.redeem_code(db, world.parent, plain, "Маша", now=NOW + access_codes.LOCK)
    assert link.student_id == world.masha.id
    row = db.exec(select(Throttle).where(Throttle.key == f"redeem:{world.parent.id}")).one()
    assert row.failures == 0


def test_malformed_codes_are_not_counted_but_explained(db, world):
    for _ in range(access_codes.MAX_FAILURES + 2):
        with pytest.raises(ValidationError) as exc:
            access_codes.check_code(db, world.parent, "12", now=NOW)
        assert _field_key(exc.value) == "access.code_format"
    assert access_codes.locked_until(db, world.parent, NOW) is None


def test_only_parents_redeem(db, world):
    _code, plain = access_codes.issue_code(db, world.staff, world.masha.id, now=NOW)
    for outsider in (world.teacher, world.staff, None):
        with pytest.raises(PermissionDenied):
            access_codes.redeem_code(db, outsider, plain, "x", now=NOW)
    assert db.exec(select(ParentChildLink)).all() == []


def test_two_parents_link_one_child_with_their_own_names(db, world):
    _c1, first = access_codes.issue_code(db, world.staff, world.masha.id, now=NOW)
    access_codes.redeem_code(db, world.parent, first, "Маша", now=NOW)
    _c2, second = access_codes.issue_code(db, world.staff, world.masha.id, now=NOW)
    access_codes.redeem_code(db, world.parent2, second, "Дочка", now=NOW)
    names = {p.id: [link.page_name for link, _s in access.linked_children(db, p, NOW.date())]
             for p in (world.parent, world.parent2)}
    assert names == {world.parent.id: ["Маша"], world.parent2.id: ["Дочка"]}
    # linking the same child twice is refused (and leaves the spare code unused)
    _c3, third = access_codes.issue_code(db, world.staff, world.masha.id, now=NOW)
    with pytest.raises(ValidationError) as exc:
        access_codes.redeem_code(db, world.parent, third, "Ещё", now=NOW)
    assert _field_key(exc.value) == "access.code_already_linked"
    assert access_codes.code_status(_c3, NOW) == "active"


def test_page_name_rules(db, world):
    _c1, first = access_codes.issue_code(db, world.staff, world.masha.id, now=NOW)
    _c2, second = access_codes.issue_code(db, world.staff, world.petya.id, now=NOW)
    for bad, key in (("   ", "error.required"), ("x" * 41, "access.page_name_long"), ({"a": 1}, "error.required")):
        with pytest.raises(ValidationError) as exc:
            access_codes.redeem_code(db, world.parent, first, bad, now=NOW)
        assert _field_key(exc.value, "page_name") == key
    access_codes.redeem_code(db, world.parent, first, "Маша", now=NOW)
    with pytest.raises(ValidationError) as exc:
        access_codes.redeem_code(db, world.parent, second, "маша", now=NOW)
    assert _field_key(exc.value, "page_name") == "access.page_name_taken"
    assert access_codes.code_status(_c2, NOW) == "active"


def test_a_graduated_child_drops_out_and_its_codes_stop(db, world):
    _c1, first = access_codes.issue_code(db, world.staff, world.masha.id, now=NOW)
    access_codes.redeem_code(db, world.parent, first, "Маша", now=NOW)
    spare, spare_plain = access_codes.issue_code(db, world.staff, world.masha.id, now=NOW)
    _c3, petya_plain = access_codes.issue_code(db, world.staff, world.petya.id, now=NOW)
    access_codes.redeem_code(db, world.parent, petya_plain, "Петя", now=NOW)
    with pytest.raises(NotFound):
        roster.set_student_status(db, world.other_staff, world.masha.id, "graduated")
    with pytest.raises(PermissionDenied):
        roster.set_student_status(db, world.teacher, world.masha.id, "graduated")
    assert db.get(type(world.masha), world.masha.id).status == "studying"
    roster.set_student_status(db, world.staff, world.masha.id, "graduated", NOW.date())
    assert world.masha.left_on == NOW.date()
    assert [s.id for _l, s in access.linked_children(db, world.parent, NOW.date())] == [world.petya.id]
    with pytest.raises(PermissionDenied):
        access.require_child(db, world.parent, world.masha.id, NOW.date())
    assert db.get(AccessCode, spare.id).revoked is True
    with pytest.raises(ValidationError) as exc:
        access_codes.redeem_code(db, world.parent2, spare_plain, "Маша", now=NOW)
    assert _field_key(exc.value) in ("access.code_revoked", "access.code_student_left")
    # a mistake undone: studying again, the parent's link is back
    roster.set_student_status(db, world.staff, world.masha.id, "studying", NOW.date())
    assert world.masha.left_on is None
    assert {s.id for _l, s in access.linked_children(db, world.parent, NOW.date())} == {world.masha.id, world.petya.id}
    with pytest.raises(ValidationError):
        roster.set_student_status(db, world.staff, world.masha.id, "expelled!")


def test_staff_lists_codes_and_classes(db, world):
    access_codes.issue_code(db, world.staff, world.masha.id, now=NOW)
    codes = access_codes.student_codes(db, world.staff, world.masha.id)
    assert len(codes) == 1 and access_codes.code_status(codes[0], NOW) == "active"
    with pytest.raises(NotFound):
        access_codes.student_codes(db, world.other_staff, world.masha.id)
    assert [c.name for c in roster.staff_classes(db, world.staff, NOW.date())] == ["5А"]
    assert [s.id for s in roster.class_students(db, world.staff, world.class_5a.id)] == sorted(
        [world.masha.id, world.petya.id], key=lambda i: db.get(type(world.masha), i).surname)
    with pytest.raises(NotFound):
        roster.class_students(db, world.staff, world.class_other.id)

"""The shared argument gate (state/forms.py) and the form models (state/schemas.py)."""

import inspect

import pytest
import reflex as rx

from mrko_app.i18n import tr
from mrko_app.state.forms import Choice, Flag, Id, OptionalId, Uploads, accepts
from mrko_app.state.schemas import AlertsForm, LoginForm, MarkForm
from tests.async_run import run_async
from tests.state.test_handler_fuzz import app_states, own_handlers


class FakeState:
    """What `accepts` needs of a state: `_t`, and the vars it writes."""

    def __init__(self):
        self.errors, self.message, self.ran = {}, "", []

    def _t(self, key, **params):
        return tr(key, "en", **params)

    @accepts(form=LoginForm)
    def submit(self, form: LoginForm):
        self.ran.append(form)

    @accepts(notice_id=Id, flag=Flag)
    def pick(self, notice_id: int, flag: bool = False):
        self.ran.append((notice_id, flag))

    @accepts(value=OptionalId, key=Choice)
    async def choose(self, value, key):
        self.ran.append((value, key))


def test_a_good_form_reaches_the_handler_typed():
    state = FakeState()
    state.submit({"identifier": "parent1", "password": "p", "remember": "on", "extra": [1]})
    assert state.ran == [LoginForm(identifier="parent1", password="p", remember=True)]
    state.submit({})
    assert state.ran[-1] == LoginForm(identifier="", password="", remember=False)
    assert state.errors == {} and state.message == ""


@pytest.mark.parametrize("form", [None, "text", 42, 3.5, True, [1, 2], [{"identifier": "x"}]])
def test_an_unreadable_form_gets_the_general_message_and_the_handler_does_not_run(form):
    state = FakeState()
    state.errors = {"identifier": "stale"}
    state.submit(form)
    assert state.ran == []
    assert state.errors == {}
    assert state.message == "The form could not be read. Please reload the page and try again."


def test_bad_fields_get_their_own_message_beside_them():
    state = FakeState()
    state.submit({"identifier": ["a"], "password": "x" * 1_000_001, "remember": {"x": 1}})
    assert state.ran == []
    assert state.errors == {"identifier": "This value could not be read.",
                            "password": "Too long: at most 1000 characters.",
                            "remember": "This value could not be read."}
    assert state.message == tr("error.invalid", "en")


@pytest.mark.parametrize("bad", [None, "", 2**63, 2**31, -1, 0, True, 1.5, "1.5", "abc", [1], {"id": 1}])
def test_ids_outside_the_database_range_are_refused_before_the_handler(bad):
    state = FakeState()
    state.pick(bad)
    assert state.ran == [] and state.message == tr("form.unreadable", "en")


def test_ids_and_flags_arrive_converted_and_defaults_apply():
    state = FakeState()
    state.pick("17")
    state.pick(notice_id=5, flag="on")
    assert state.ran == [(17, False), (5, True)]


def test_async_handlers_and_optional_ids():
    state = FakeState()
    for value, key in (("", "day"), (None, 5), ("12", ["week"]), ("x", "day"), (None, {"a": 1})):
        run_async(state.choose(value, key))
    assert state.ran == [(None, "day"), (None, "5"), (12, "week")]


def test_missing_and_unknown_arguments_are_calm():
    state = FakeState()
    state.submit()  # no form at all: unreadable, not a TypeError
    assert state.message == tr("form.unreadable", "en")
    state.message = ""
    state.submit(form={"identifier": "a"}, sneaky=1)
    assert state.ran[-1].identifier == "a"


def test_a_state_without_messages_is_refused_silently():
    class Bare:
        @accepts(key=Choice)
        def go(self, key):
            raise AssertionError("must not run")

    Bare().go([1, 2])


def test_reflex_sees_the_names_without_types_except_uploads():
    params = inspect.signature(FakeState.pick).parameters
    assert list(params) == ["self", "notice_id", "flag"]
    assert all(p.annotation is inspect.Parameter.empty for p in params.values())
    assert params["flag"].default is False
    assert FakeState.pick.__annotations__ == {}

    class Uploader:
        @accepts(files=Uploads)
        async def upload(self, files: list[rx.UploadFile]):
            pass

    assert Uploader.upload.__annotations__ == {"files": list[rx.UploadFile]}


def test_accepts_must_name_every_argument():
    with pytest.raises(TypeError):
        @accepts(form=LoginForm)
        def handler(self, form, other):
            pass


def test_forms_keep_checkbox_and_number_values_as_text():
    form = AlertsForm(on_low_mark=True, digest_hour=8, average_below=3.5, email_mode="digest")
    assert (form.on_low_mark, form.digest_hour, form.average_below, form.on_absence) == ("True", "8", "3.5", "")
    assert MarkForm(value=5, kind="3").model_dump() == {"value": "5", "kind": "3", "comment": "", "reason": ""}


def test_every_handler_taking_arguments_goes_through_the_gate():
    """New handlers join the rule by themselves: an argument without a declared spec fails here."""
    missing = [f"{cls.__name__}.{name}" for cls in app_states() for name, params in own_handlers(cls)
               if params and not hasattr(cls.event_handlers[name].fn, "accepted")]
    assert missing == []


def test_public_forms_read_checkboxes_ids_and_keep_the_services_limits_for_typed_text():
    from mrko_app.services.forum.rules import BODY_MAX, TITLE_MAX
    from mrko_app.state.schemas_public import AskForm, CommentForm, MergeForm, UnitForm

    ask = AskForm(title="t" * (TITLE_MAX + 1), body="b" * (BODY_MAX["question"] + 1), tag_login="on", tag_marks=True)
    assert ask.tags() == ["login", "marks"]  # over the domain limits still reaches the service's own message
    assert CommentForm(post_id="12", comment="c").post_id == 12
    assert UnitForm(id="").id is None and UnitForm(id="7", show_phone="on").show_phone is True

    state = FakeState()
    accepts(form=MergeForm)(lambda self, form: state.ran.append(form))(state, {"target_id": "abc", "reason": "r"})
    assert state.ran == [] and state.errors == {"target_id": "This value could not be read."}

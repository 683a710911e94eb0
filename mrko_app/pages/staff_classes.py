import reflex as rx

from mrko_app import routes
from mrko_app.components.forms import field, field_error, form_message
from mrko_app.components.i18n import T
from mrko_app.components.layout import page
from mrko_app.components.school_choice import school_picker
from mrko_app.state.school_classes import ClassesState as S

E = S.errors
STATUSES = ("studying", "graduated", "left")


def _form(*children, on_submit, form_id: str, reset: bool = False) -> rx.Component:
    return rx.form(rx.vstack(*children, spacing="3", width="100%"), on_submit=on_submit, reset_on_submit=reset,
                   no_validate=True, class_name="mrko-form", id=form_id)


def _select(label: str, name: str, options, empty: bool = True) -> rx.Component:
    return rx.vstack(
        rx.el.label(T(label), html_for=f"field-{name}", class_name="mrko-label"),
        rx.el.select(rx.cond(empty, rx.el.option("—", value=""), rx.fragment()),
                     rx.foreach(options, lambda o: rx.el.option(o["name"], value=o["id"])),
                     name=name, id=f"field-{name}", class_name="mrko-select"),
        field_error(E, name), spacing="1", width="100%")


def _grid(*children) -> rx.Component:
    return rx.grid(*children, columns=rx.breakpoints(initial="1", sm="2"), spacing="3", width="100%")


def _student(s: dict) -> rx.Component:
    return rx.form(
        rx.hstack(
            rx.el.input(type="hidden", name="student_id", value=s["id"]),
            rx.button(s["name"], type="button", variant="ghost", on_click=S.show_history(s["id"]),
                      id="history-" + s["id"]),
            rx.text(s["birth"], size="2", color_scheme="gray"),
            rx.badge(rx.match(s["status"], *[(x, T(f"school_admin.status.{x}")) for x in STATUSES], s["status"]),
                     color_scheme=rx.cond(s["status"] == "studying", "green", "gray")),
            rx.el.select(
                rx.el.option(T("school_admin.change"), value=""),
                rx.foreach(S.classes, lambda c: rx.cond(
                    c["id"] != S.class_id, rx.el.option(T("school_admin.to_class"), " ", c["name"],
                                                        value="class:" + c["id"]))),
                *[rx.el.option(T(f"school_admin.status.{x}"), value=x) for x in STATUSES],
                name="change", class_name="mrko-select", aria_label=T("school_admin.change"),
                id="change-" + s["id"]),
            rx.input(name="on", aria_label=T("school_admin.on_date"), placeholder="01.09.2026", size="2",
                     width="9em", id="on-" + s["id"]),
            rx.button(T("school_admin.apply"), type="submit", size="2", variant="soft", id="apply-" + s["id"]),
            spacing="2", align="center", wrap="wrap",
        ),
        on_submit=S.change_student, reset_on_submit=False, no_validate=True, id="student-" + s["id"],
    )


def _class_detail() -> rx.Component:
    return rx.vstack(
        rx.heading(T("school_admin.students"), size="4", as_="h2"),
        rx.cond(E.contains("class_id"), rx.text(E["class_id"], color_scheme="red", size="2", role="alert",
                                                id="error-class_id")),
        rx.cond(E.contains("on"), rx.text(E["on"], color_scheme="red", size="2", role="alert")),
        rx.vstack(rx.foreach(S.students, _student), spacing="1", width="100%", id="roster"),
        rx.hstack(rx.button(rx.icon("printer", size=16), T("school_admin.envelopes"), on_click=S.envelopes,
                            size="2", variant="outline", id="class-envelopes"),
                  rx.text(T("school_admin.envelopes_hint"), size="1", color_scheme="gray"),
                  spacing="2", align="center", wrap="wrap"),
        rx.cond(S.history_of != "", rx.card(rx.vstack(
            rx.heading(T("school_admin.history"), ": ", S.history_of, size="3", as_="h3"),
            rx.foreach(S.history, lambda h: rx.text(h["on"], " · ", h["kind"], " ", h["from"], " → ", h["to"],
                                                   size="2")),
            spacing="1"), id="history", width="100%")),
        _form(
            _grid(field("school_admin.surname", "surname", E), field("school_admin.first_name", "first_name", E),
                  field("school_admin.patronymic", "patronymic", E),
                  field("school_admin.birth_date", "birth_date", E, placeholder="12.03.2015"),
                  field("school_admin.on_date", "on", E)),
            rx.button(T("school_admin.enrol"), type="submit", size="3", id="enrol"),
            on_submit=S.enrol, form_id="form-enrol"),
        rx.heading(T("school_admin.assignments"), size="4", as_="h2"),
        rx.vstack(rx.foreach(S.assignments, lambda a: rx.hstack(
            rx.text(a["subject"], weight="medium"), rx.text(a["teacher"]), rx.text(a["dates"], size="2"),
            rx.button(T("school_admin.remove"), size="1", variant="soft", color_scheme="red",
                      on_click=S.unassign(a["id"]), id="unassign-" + a["id"]),
            spacing="3", align="center", wrap="wrap")), spacing="1", id="assignments"),
        _form(
            _grid(_select("school_admin.subject", "subject_id", S.subjects),
                  _select("school_admin.teacher", "teacher_id", S.teachers),
                  field("school_admin.start_date", "start_date", E), field("school_admin.end_date", "end_date", E)),
            rx.button(T("school_admin.add_assignment"), type="submit", size="3", id="assign"),
            on_submit=S.assign, form_id="form-assign"),
        spacing="3", width="100%",
    )


@page(routes.STAFF_CLASSES, "nav.staff_classes", roles=("staff",), on_load=S.load)
def staff_classes() -> rx.Component:
    return rx.vstack(
        school_picker(S),
        form_message(S.message),
        rx.cond(S.notice != "", rx.callout(S.notice, color_scheme="green", id="form-notice", width="100%")),
        rx.heading(T("school_admin.subjects"), size="4", as_="h2"),
        rx.flex(rx.foreach(S.subjects, lambda s: rx.badge(s["name"], size="2")), wrap="wrap", gap="2",
                id="subjects"),
        _form(_grid(field("school_admin.kind_ru", "name_ru", E), field("school_admin.kind_en", "name_en", E)),
              rx.button(T("school_admin.add_subject"), type="submit", size="3", id="add-subject"),
              on_submit=S.add_subject, form_id="form-subject"),
        rx.heading(T("school_admin.classes_of"), " ", S.year_name, size="4", as_="h2"),
        rx.cond(S.year_id == "", rx.text(T("school_admin.no_year"))),
        rx.flex(rx.foreach(S.classes, lambda c: rx.button(
            c["name"], rx.cond(c["teacher"] != "", rx.text(" · ", c["teacher"], size="1"), rx.fragment()),
            on_click=S.pick_class(c["id"]), variant=rx.cond(S.class_id == c["id"], "solid", "outline"),
            id="class-" + c["id"])), wrap="wrap", gap="2", id="classes"),
        _form(_grid(field("school_admin.class_name_label", "name", E),
                    _select("school_admin.class_teacher", "class_teacher_id", S.teachers)),
              rx.button(T("school_admin.add_class"), type="submit", size="3", id="add-class"),
              on_submit=S.add_class, form_id="form-class"),
        rx.cond(S.class_id != "", _class_detail()),
        spacing="4", width="100%", max_width="1100px",
    )

import reflex as rx

from mrko_app import routes
from mrko_app.components.forms import field, field_error, form_message, submit_button
from mrko_app.components.i18n import T
from mrko_app.components.layout import page
from mrko_app.components.school_choice import school_picker
from mrko_app.services.school_admin import INVITE_ROLES
from mrko_app.state.school_admin import PeopleState as S

STATUSES = ("pending", "used", "revoked", "expired")


def _invite(i: dict) -> rx.Component:
    return rx.table.row(
        rx.table.cell(i["name"]), rx.table.cell(i["contact"]), rx.table.cell(i["roles"]), rx.table.cell(i["sent"]),
        rx.table.cell(rx.hstack(
            rx.text(rx.match(i["status"], *[(s, T(f"school_admin.invite_status.{s}")) for s in STATUSES], ""),
                    size="2"),
            rx.cond(i["status"] == "pending",
                    rx.button(T("school_admin.revoke"), size="1", variant="soft", color_scheme="red",
                              on_click=S.revoke(i["id"]), id="revoke-invite-" + i["id"])),
            spacing="2", align="center", wrap="wrap")),
        id="invite-" + i["id"],
    )


def _role_box(role: str) -> rx.Component:
    return rx.el.label(rx.el.input(type="checkbox", name=role, id=f"field-{role}"),
                       " ", T(f"school_admin.role.{role}"), html_for=f"field-{role}", class_name="mrko-check")


def _person(p: dict) -> rx.Component:
    """One person set up at the school: their roles here as boxes, saved together (a card, not a table
    row, so that it wraps on a phone)."""
    boxes = [rx.el.label(rx.el.input(type="checkbox", name=r, id=f"role-{r}-" + p["id"], default_checked=p[r] != ""),
                         " ", T(f"school_admin.role.{r}"), html_for=f"role-{r}-" + p["id"], class_name="mrko-check")
             for r in INVITE_ROLES]
    return rx.form(
        rx.el.input(type="hidden", name="person_id", value=p["id"]),
        rx.vstack(
            rx.hstack(rx.text(p["name"], weight="medium"), rx.text(p["login"], size="1", color_scheme="gray"),
                      spacing="2", align="baseline", wrap="wrap"),
            rx.hstack(*boxes, spacing="4", wrap="wrap", align="center"),
            rx.button(T("school_admin.save"), type="submit", size="2", variant="soft", id="save-roles-" + p["id"]),
            spacing="2", width="100%",
        ),
        on_submit=S.set_roles, reset_on_submit=False, no_validate=True, aria_label=p["name"],
        key=p["id"] + p["teacher"] + p["staff"] + p["psychologist"], id="person-" + p["id"],
        class_name="mrko-person", width="100%",
    )


@page(routes.STAFF_PEOPLE, "nav.staff_people", roles=("staff",), on_load=S.load)
def staff_people() -> rx.Component:
    return rx.vstack(
        rx.text(T("school_admin.people_intro")),
        school_picker(S),
        form_message(S.message),
        rx.cond(S.notice != "", rx.callout(S.notice, color_scheme="green", id="form-notice", width="100%")),
        rx.form(
            rx.vstack(
                field("school_admin.surname", "surname", S.errors),
                field("school_admin.first_name", "first_name", S.errors),
                field("school_admin.patronymic", "patronymic", S.errors),
                field("school_admin.contact", "contact", S.errors),
                rx.el.fieldset(rx.el.legend(T("school_admin.roles"), class_name="mrko-label"),
                               rx.hstack(*[_role_box(r) for r in INVITE_ROLES], spacing="4", wrap="wrap"),
                               class_name="mrko-fieldset"),
                field_error(S.errors, "roles"),
                submit_button("school_admin.send_invite", id="send-invite"),
                spacing="3", width="100%",
            ),
            on_submit=S.send, reset_on_submit=False, no_validate=True, class_name="mrko-form", id="form-invite",
        ),
        rx.heading(T("school_admin.people"), size="4", as_="h2"),
        rx.vstack(rx.foreach(S.people, _person), spacing="3", width="100%", id="people"),
        rx.heading(T("school_admin.invites"), size="4", as_="h2"),
        rx.box(rx.table.root(rx.table.body(rx.foreach(S.invites, _invite)), width="100%", id="invites"),
               width="100%", overflow_x="auto"),
        spacing="4", width="100%", max_width="960px",
    )

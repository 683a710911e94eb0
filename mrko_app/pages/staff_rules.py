import reflex as rx

from mrko_app import routes
from mrko_app.components.forms import field_error, form_message
from mrko_app.components.i18n import T
from mrko_app.components.layout import page
from mrko_app.components.school_choice import school_picker
from mrko_app.services.gradebook.rules import YEAR_RULES
from mrko_app.services.school_admin import PERIOD_SYSTEMS
from mrko_app.state.school_rules import RulesState as S

E = S.errors


def _input(label: str, name: str, hint: str | None = None, area: bool = False) -> rx.Component:
    control = rx.text_area if area else rx.input
    return rx.vstack(
        rx.el.label(T(label), html_for=f"field-{name}", class_name="mrko-label"),
        control(name=name, id=f"field-{name}", default_value=S.rules[name], size="3", width="100%",
                **({"rows": "6"} if area else {})),
        rx.text(T(hint), size="1", color_scheme="gray") if hint else rx.fragment(),
        field_error(E, name),
        spacing="1", width="100%", align="stretch",
    )


def _select(label: str, name: str, options: list[tuple[str, str]]) -> rx.Component:
    return rx.vstack(
        rx.el.label(T(label), html_for=f"field-{name}", class_name="mrko-label"),
        rx.el.select(*[rx.el.option(T(key), value=value) for value, key in options], name=name,
                     id=f"field-{name}", class_name="mrko-select", default_value=S.rules[name]),
        field_error(E, name),
        spacing="1", width="100%",
    )


def _rules_form() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.grid(_input("school_admin.mark_min", "mark_min"), _input("school_admin.mark_max", "mark_max"),
                    columns="2", spacing="3", width="100%"),
            _input("school_admin.thresholds", "thresholds", "school_admin.thresholds_hint"),
            _select("school_admin.period_system", "period_system",
                    [(p, f"school_admin.period.{p}") for p in PERIOD_SYSTEMS]),
            _select("school_admin.year_rule", "year_rule", [(r, f"school_admin.year_rule.{r}") for r in YEAR_RULES]),
            _input("school_admin.timezone", "timezone", "school_admin.timezone_hint"),
            _input("school_admin.bells", "bells", "school_admin.bells_hint", area=True),
            rx.button(T("school_admin.preview"), type="submit", size="3", id="rules-preview", variant="outline"),
            spacing="3", width="100%",
        ),
        on_submit=S.preview, reset_on_submit=False, no_validate=True, class_name="mrko-form", id="form-rules",
    )


def _kind(k: dict) -> rx.Component:
    return rx.form(
        rx.hstack(
            rx.el.input(type="hidden", name="kind_id", value=k["id"]),
            rx.input(name="name_en", default_value=k["name_en"], aria_label=T("school_admin.kind_en"), size="2"),
            rx.input(name="name_ru", default_value=k["name_ru"], aria_label=T("school_admin.kind_ru"), size="2"),
            rx.input(name="weight", default_value=k["weight"], aria_label=T("school_admin.weight"), size="2",
                     width="5em", id="kind-weight-" + k["id"]),
            rx.button(T("school_admin.save"), type="submit", size="2", variant="soft", id="kind-save-" + k["id"]),
            spacing="2", align="center", wrap="wrap",
        ),
        on_submit=S.save_kind, reset_on_submit=False, no_validate=True, id="kind-" + k["id"],
    )


def _new_kind() -> rx.Component:
    return rx.form(
        rx.hstack(
            rx.input(name="name_en", aria_label=T("school_admin.kind_en"), size="2"),
            rx.input(name="name_ru", aria_label=T("school_admin.kind_ru"), size="2"),
            rx.input(name="weight", aria_label=T("school_admin.weight"), size="2", width="5em", id="new-kind-weight"),
            rx.button(T("school_admin.add_kind"), type="submit", size="2", id="kind-add"),
            spacing="2", align="center", wrap="wrap",
        ),
        on_submit=S.save_kind, reset_on_submit=True, no_validate=True, id="kind-new",
    )


@page(routes.STAFF_RULES, "nav.staff_rules", roles=("staff",), on_load=S.load)
def staff_rules() -> rx.Component:
    return rx.vstack(
        rx.text(T("school_admin.rules_intro")),
        school_picker(S),
        form_message(S.message),
        rx.cond(S.notice != "", rx.callout(S.notice, color_scheme="green", id="form-notice", width="100%")),
        rx.cond(S.loaded, rx.fragment(rx.box(_rules_form(), key=S.school_id + S.rules["thresholds"]
                                             + S.rules["bells"], width="100%"))),
        rx.cond(S.impact != "", rx.callout(S.impact, color_scheme="blue", id="rules-impact", width="100%")),
        rx.cond(S.pending, rx.button(T("school_admin.save"), on_click=S.save, size="3", id="rules-save")),
        rx.heading(T("school_admin.kinds"), size="4", as_="h2"),
        rx.text(T("school_admin.kinds_hint"), size="2", color_scheme="gray"),
        rx.cond(E.contains("weight"), rx.text(E["weight"], color_scheme="red", size="2", role="alert",
                                              id="error-weight")),
        rx.cond(E.contains("name_en"), rx.text(E["name_en"], color_scheme="red", size="2", role="alert")),
        rx.vstack(rx.foreach(S.kinds, _kind), _new_kind(), spacing="2", width="100%", id="kinds"),
        spacing="4", width="100%", max_width="960px",
    )

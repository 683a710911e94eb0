"""Form fields with their label and the error line beside them."""

import reflex as rx

from mrko_app.components.i18n import T


def field_error(errors: rx.Var, name: str) -> rx.Component:
    return rx.cond(
        errors.contains(name),
        rx.text(errors[name], color_scheme="red", size="2", id=f"error-{name}", role="alert"),
    )


def field(
    label_key: str,
    name: str,
    errors: rx.Var,
    *,
    type: str = "text",
    placeholder: str = "",
    autocomplete: str = "off",
    hint_key: str | None = None,
    **props,
) -> rx.Component:
    """A labelled input named `name` inside an rx.form; the form's on_submit receives its value."""
    return rx.vstack(
        rx.el.label(T(label_key), html_for=f"field-{name}", class_name="mrko-label"),
        rx.input(
            name=name,
            id=f"field-{name}",
            type=type,
            placeholder=placeholder,
            auto_complete=autocomplete,
            width="100%",
            size="3",
            **props,
        ),
        rx.text(T(hint_key), size="1", color_scheme="gray", id=f"hint-{name}") if hint_key else rx.fragment(),
        field_error(errors, name),
        spacing="1",
        width="100%",
        align="stretch",
    )


def select_field(label_key: str, name: str, errors: rx.Var, options: list[tuple[str, str]], **props) -> rx.Component:
    """A labelled native select; options are (value, catalogue key)."""
    return rx.vstack(
        rx.el.label(T(label_key), html_for=f"field-{name}", class_name="mrko-label"),
        rx.el.select(
            *[rx.el.option(T(label), value=value) for value, label in options],
            name=name,
            id=f"field-{name}",
            class_name="mrko-select",
            **props,
        ),
        field_error(errors, name),
        spacing="1",
        width="100%",
        align="stretch",
    )


def form_message(message: rx.Var, *, color: str = "red") -> rx.Component:
    return rx.cond(message != "", rx.callout(message, color_scheme=color, role="status", id="form-message", width="100%"))


def submit_button(label_key: str, **props) -> rx.Component:
    return rx.button(T(label_key), type="submit", size="3", width="100%", **props)

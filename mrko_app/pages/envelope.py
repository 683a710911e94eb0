import reflex as rx

from mrko_app import routes
from mrko_app.components.i18n import T
from mrko_app.components.layout import page
from mrko_app.state.envelope import EnvelopeState

# printing runs in the page (a script sent by the server would need eval, which the CSP forbids)
PRINT = rx.run_script("window.print()")
ENVELOPE_STYLE = {"border": "2px dashed var(--gray-12)", "border_radius": "4px", "padding": "1.5rem",
                  "max_width": "560px", "width": "100%", "background": "white"}
CODE_STYLE = {"font_family": "'DejaVu Sans Mono', 'Courier New', monospace", "font_size": "1.6rem",
              "font_weight": "700", "letter_spacing": "0.12em", "word_break": "break-all"}


def _line(label_key: str, value, **props) -> rx.Component:
    return rx.vstack(rx.text(T(label_key), size="2", color_scheme="gray"), rx.text(value, size="4", **props),
                     spacing="0")


@page(routes.ENVELOPE, "access.envelope_title", roles=("staff",), on_load=EnvelopeState.load)
def envelope() -> rx.Component:
    e = EnvelopeState.envelope
    return rx.cond(
        e.contains("code"),
        rx.vstack(
            rx.box(
                rx.vstack(
                    rx.heading(T("access.envelope_title"), size="5"),
                    _line("access.envelope_school", e["school_name"]),
                    _line("access.envelope_student", e["student_name"], id="envelope-student"),
                    _line("access.col_class", e["class_name"]),
                    rx.vstack(
                        rx.text(T("access.envelope_code"), size="2", color_scheme="gray"),
                        rx.text(e["code"], id="envelope-code", style=CODE_STYLE),
                        spacing="1",
                    ),
                    _line("access.envelope_expires", e["expires"], id="envelope-expires"),
                    rx.text(T("access.envelope_steps"), size="2"),
                    spacing="3",
                ),
                style=ENVELOPE_STYLE,
                id="envelope",
            ),
            rx.hstack(
                rx.button(rx.icon("printer"), T("access.envelope_print"), on_click=PRINT,
                          size="3", id="envelope-print"),
                rx.button(T("access.envelope_done"), on_click=EnvelopeState.done, size="3", variant="outline",
                          id="envelope-done"),
                spacing="3",
                class_name="no-print",
                wrap="wrap",
            ),
            spacing="4",
            width="100%",
        ),
        rx.vstack(
            rx.text(T("access.envelope_none"), id="envelope-none"),
            rx.hstack(
                rx.link(T("nav.applications"), href=routes.APPLICATIONS),
                rx.link(T("nav.codes"), href=routes.CODES),
                spacing="4",
            ),
            spacing="3",
        ),
    )

"""Small UI pieces shared by the diary pages: names in the current language, weekdays and months,
mark and attendance badges, a date navigation bar."""

from typing import Any

import reflex as rx

from mrko_app.components.i18n import T, bilingual

ATTENDANCE = ("absent", "valid", "ill", "late")


def items(var) -> rx.Var:
    """A list inside a dict var (e.g. day["lessons"]), typed so rx.foreach can walk it."""
    return var.to(list[dict[str, Any]])


def obj(var) -> rx.Var:
    """A dict inside a dict var (e.g. row["year"]), typed so it can be indexed."""
    return var.to(dict[str, Any])


def loc(row, prefix: str) -> rx.Var:
    """row["<prefix>_en"] or row["<prefix>_ru"], following the language switch."""
    return bilingual(row[f"{prefix}_en"], row[f"{prefix}_ru"])


def weekday_name(weekday) -> rx.Component:
    return rx.match(weekday, *[(i, T(f"diary.day.{i}")) for i in range(7)], T("diary.day.0"))


def month_name(month) -> rx.Component:
    return rx.match(month, *[(i, T(f"diary.month.{i}")) for i in range(1, 13)], "")


def attendance_badge(status) -> rx.Component:
    """Н / УП / Б / ОП with its meaning beside it; nothing for "" (present)."""
    return rx.match(
        status,
        *[(code, rx.hstack(
            rx.badge(T(f"diary.att.{code}"), color_scheme="red" if code != "late" else "amber", variant="solid",
                     class_name="diary-att-code"),
            rx.text(T(f"diary.att.{code}.meaning"), size="1", color_scheme="gray"),
            spacing="1", align="center", class_name="diary-att", data_status=code,
        )) for code in ATTENDANCE],
        rx.fragment(),
    )


def mark_color(value) -> rx.Var:
    return rx.match(value, ("5", "green"), ("4", "teal"), ("3", "amber"), ("2", "red"), ("1", "red"), "gray")


def mark_badge(mark) -> rx.Component:
    """The mark (or "debt"), with "was N" when it was changed."""
    return rx.hstack(
        rx.cond(
            mark["debt"],
            rx.badge(T("diary.week.debt"), color_scheme="gray", variant="outline", size="3", class_name="diary-mark-value"),
            rx.badge(mark["value"], color_scheme=mark_color(mark["value"]), variant="solid", size="3",
                     class_name="diary-mark-value"),
        ),
        rx.cond(
            mark["changed"],
            rx.text(
                rx.cond(mark["was_debt"], T("diary.week.was_debt"), rx.fragment(T("diary.week.was"), " ", mark["was"])),
                size="1", color_scheme="orange", class_name="diary-mark-was",
            ),
        ),
        spacing="1",
        align="center",
    )


def mark_details(mark) -> rx.Component:
    """Kind of work, its weight, the comment, the teacher."""
    return rx.vstack(
        rx.text(loc(mark, "kind"), " · ", T("diary.week.weight"), " ", mark["weight"].to(str), size="1",
                class_name="diary-mark-kind"),
        rx.cond(mark["comment"] != "", rx.text(mark["comment"], size="1", color_scheme="gray", class_name="diary-mark-comment")),
        spacing="0",
        align="start",
        min_width="0",
    )


def mark_row(mark) -> rx.Component:
    return rx.hstack(mark_badge(mark), mark_details(mark), spacing="2", align="start", class_name="diary-mark",
                     data_mark_id=mark["id"].to(str))


def nav_bar(*children, **props) -> rx.Component:
    return rx.hstack(*children, class_name="diary-nav no-print", spacing="2", wrap="wrap", align="center", **props)


def empty_note(key: str, **props) -> rx.Component:
    return rx.text(T(key), color_scheme="gray", size="2", **props)


def diary_styles() -> rx.Component:
    """The diary's stylesheet (assets/diary.css), linked from the diary pages themselves."""
    return rx.el.link(rel="stylesheet", href="/diary.css")

"""The diary week as its page shows it: the service's week in the reader's language, less what the page
does not show."""

from mrko_app.views.present import present

# a mark's fields the week does not show (its lesson names the subject, the date and the teacher; a debt's
# due date is on the marks page, a change's reason on none of a parent's pages): not sent
_UNSHOWN_MARK_FIELDS = frozenset({"subject_en", "subject_ru", "subject_id", "date", "date_text", "teacher",
                                  "debt_due", "change_reason"})
_UNSHOWN_LESSON_FIELDS = frozenset({"attendance_note"})  # the journal's note on an absence: not on the week


def week_words(view: dict, lang: str) -> dict:
    """The week in the reader's language, without what the page does not show (a tenth of its bytes)."""
    words = present(view, lang)
    for day in words["days"]:
        day["lessons"] = [{k: v for k, v in lesson.items() if k not in _UNSHOWN_LESSON_FIELDS}
                          for lesson in day["lessons"]]
        for lesson in day["lessons"]:
            lesson["marks"] = [_shown(m) for m in lesson["marks"]]
        day["extra_marks"] = [_shown(m) for m in day["extra_marks"]]
    return words


def _shown(mark: dict) -> dict:
    return {k: v for k, v in mark.items() if k not in _UNSHOWN_MARK_FIELDS}

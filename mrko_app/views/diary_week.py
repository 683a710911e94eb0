"""The diary week as its page shows it: the service's week in the reader's language, less what the page
does not show."""

from mrko_app.views.present import present, present_shared

# a mark's fields the week does not show (its lesson names the subject, the date and the teacher; a debt's
# due date is on the marks page, a change's reason on none of a parent's pages): not sent
_UNSHOWN_MARK_FIELDS = frozenset({"subject_en", "subject_ru", "subject_id", "date", "date_text", "teacher",
                                  "debt_due", "change_reason"})
_UNSHOWN_LESSON_FIELDS = frozenset({"attendance_note"})  # the journal's note on an absence: not on the week


def week_words(view: dict, lang: str) -> dict:
    """The week in the reader's language, without what the page does not show (a tenth of its bytes)."""
    words = {k: present(v, lang) for k, v in view.items() if k != "days"}
    words["days"] = [_day_words(day, lang) for day in view["days"]]
    return words


def _day_words(day: dict, lang: str) -> dict:
    words = {k: present(v, lang) for k, v in day.items() if k not in ("lessons", "extra_marks")}
    # a lesson without the child's marks or attendance is the class's own view, shared by the classmates'
    # weeks (services/diary/week_view.py): worded once per language while it lives
    words["lessons"] = [present_shared(lesson, lang, _lesson_words) if not lesson["marks"] and not lesson["attendance"]
                        else _lesson_words(lesson, lang) for lesson in day["lessons"]]
    words["extra_marks"] = [_shown(m, lang) for m in day["extra_marks"]]
    return words


def _lesson_words(lesson: dict, lang: str) -> dict:
    words = {k: present(v, lang) for k, v in lesson.items() if k not in _UNSHOWN_LESSON_FIELDS and k != "marks"}
    words["marks"] = [_shown(m, lang) for m in lesson["marks"]]
    return words


def _shown(mark: dict, lang: str) -> dict:
    return {k: present(v, lang) for k, v in mark.items() if k not in _UNSHOWN_MARK_FIELDS}

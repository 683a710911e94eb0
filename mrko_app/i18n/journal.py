"""Strings of the teacher's class journal and of period / year (final) marks."""

STRINGS = {
    # choosing a journal
    "journal.class_subject": ("Class and subject", "Класс и предмет"),
    "journal.period": ("Period", "Период"),
    "journal.no_journals": ("You have no classes to keep a journal for.", "У вас нет классов для ведения журнала."),
    "journal.no_lessons": ("No lessons in this period yet.", "В этом периоде пока нет уроков."),
    "journal.period_not_found": ("No such study period in this class's year.", "Такого учебного периода нет."),
    # the grid
    "journal.student": ("Student", "Ученик"),
    "journal.average": ("Average", "Средний"),
    "journal.mean": ("Mean", "Среднее"),
    "journal.proposed": ("Proposed", "Предлагаемая"),
    "journal.final": ("Final", "Итог"),
    "journal.confirmed": ("Confirmed", "Выставлена"),
    "journal.focus_hint": (
        "Choose a cell: type a mark (digit) or н/у/б/о, Enter saves; F2 or space opens the cell.",
        "Выберите клетку: введите оценку (цифру) или н/у/б/о, Enter сохраняет; F2 или пробел открывает клетку.",
    ),
    "journal.keys_title": ("Keyboard", "Клавиатура"),
    "journal.keys_help": (
        "Arrows or Tab: move between cells (and to the dates row above).\n"
        "A digit: a mark of the default kind of work. Enter (or moving on) saves it; Escape drops it.\n"
        "н or n: absent · у, u or v: absent for a valid reason · б, b or i: ill · о, o or l: late.\n"
        "Delete or Backspace: clear the cell (its last mark, else its attendance mark), then Enter.\n"
        "F2 or space: open the cell (kind of work, comment, several marks, history). Escape closes it.\n"
        "Enter on a date: the lesson's topic and homework.",
        "Стрелки или Tab: переход между клетками (и к строке дат сверху).\n"
        "Цифра: оценка с видом работы по умолчанию. Enter (или переход дальше) сохраняет; Escape отменяет.\n"
        "н или n: отсутствовал · у, u или v: по уважительной причине · б, b или i: болел · о, o или l: опоздал.\n"
        "Delete или Backspace: очистить клетку (последнюю оценку, иначе отметку посещаемости), затем Enter.\n"
        "F2 или пробел: открыть клетку (вид работы, комментарий, несколько оценок, история). Escape закрывает.\n"
        "Enter на дате: тема урока и домашнее задание.",
    ),
    "journal.saving": ("Saving…", "Сохраняется…"),
    "journal.saved": ("Saved", "Сохранено"),
    "journal.not_saved": ("Not saved", "Не сохранено"),
    "journal.conflict": ("Changed by someone else", "Изменено другим пользователем"),
    "journal.problems": ("Not saved yet", "Ещё не сохранено"),
    "journal.retry": ("Retry", "Повторить"),
    "journal.discard": ("Discard", "Отменить"),
    "journal.keep_theirs": ("Keep theirs", "Оставить их вариант"),
    "journal.overwrite": ("Overwrite with mine", "Заменить моим"),
    "journal.problem_conflict": (
        "changed by {by} to {theirs} — keep theirs, or overwrite with yours ({mine})?",
        "изменено: {by}, теперь {theirs} — оставить или заменить вашим ({mine})?",
    ),
    "journal.someone": ("someone else", "другой пользователь"),
    "journal.no_mark": ("no mark", "без оценки"),
    "journal.save_failed": (
        "Could not save (connection or database). Your entry is kept: retry.",
        "Не удалось сохранить (связь или база данных). Ввод сохранён у вас: повторите.",
    ),
    # attendance
    "journal.attendance": ("Attendance", "Посещаемость"),
    "journal.att.present": ("Present", "Присутствовал"),
    "journal.att.absent": ("Absent", "Отсутствовал"),
    "journal.att.valid": ("Absent for a valid reason", "Отсутствовал по уважительной причине"),
    "journal.att.ill": ("Ill", "Болел"),
    "journal.att.late": ("Late", "Опоздал"),
    "journal.att_short.absent": ("A", "Н"),
    "journal.att_short.valid": ("AV", "УП"),
    "journal.att_short.ill": ("I", "Б"),
    "journal.att_short.late": ("L", "ОП"),
    # the cell editor
    "journal.cell_help": (
        "Marks in this cell, their kind of work and comment; attendance; the history of changes.",
        "Оценки в этой клетке, вид работы и комментарий; посещаемость; история изменений.",
    ),
    "journal.mark": ("Mark", "Оценка"),
    "journal.kind": ("Kind of work (weight)", "Вид работы (вес)"),
    "journal.comment": ("What it was for", "За что"),
    "journal.reason": ("Reason for a change (optional)", "Причина изменения (необязательно)"),
    "journal.save_mark": ("Save the mark", "Сохранить оценку"),
    "journal.add_mark": ("Add the mark", "Добавить оценку"),
    "journal.new_mark": ("Another mark", "Ещё оценка"),
    "journal.edit": ("Edit", "Изменить"),
    "journal.remove": ("Remove", "Удалить"),
    "journal.history": ("History of changes", "История изменений"),
    "journal.close": ("Close", "Закрыть"),
    # the lesson editor
    "journal.lesson_of": ("Lesson of", "Урок"),
    "journal.lesson_help": (
        "The topic and the homework set at this lesson (due by default at the next lesson).",
        "Тема и домашнее задание этого урока (срок по умолчанию — следующий урок).",
    ),
    "journal.topic": ("Topic", "Тема"),
    "journal.homework": ("Homework", "Домашнее задание"),
    "journal.due_date": ("Due date", "Срок"),
    "journal.date_placeholder": ("DD.MM.YYYY", "ДД.ММ.ГГГГ"),
    # final marks
    "journal.period_mark": ("Period mark", "Оценка за период"),
    "journal.year_mark": ("Year mark", "Годовая оценка"),
    "journal.take_proposal": ("The proposed mark", "Предлагаемая оценка"),
    "journal.override_reason": ("Reason (needed for another mark than proposed)",
                                "Причина (нужна, если оценка отличается от предлагаемой)"),
    "journal.confirm": ("Confirm", "Выставить"),
    # errors from the services
    "journal.mark_required": ("Enter a mark", "Введите оценку"),
    "journal.mark_not_number": ("A mark is a whole number from {low} to {high}",
                                "Оценка — целое число от {low} до {high}"),
    "journal.mark_out_of_scale": ("The school's marks go from {low} to {high}", "Оценки в школе — от {low} до {high}"),
    "journal.text_too_long": ("At most {limit} characters", "Не более {limit} символов"),
    "journal.date_invalid": ("Enter a date as DD.MM.YYYY", "Введите дату в виде ДД.ММ.ГГГГ"),
    "journal.lesson_not_found": ("No such lesson", "Такого урока нет"),
    "journal.lesson_not_in_journal": ("This lesson is not in this journal", "Этот урок не из этого журнала"),
    "journal.period_required": ("Choose a study period first", "Сначала выберите учебный период"),
    "journal.lesson_outside_period": ("This lesson is outside the chosen period", "Урок вне выбранного периода"),
    "journal.lesson_cancelled": ("This lesson was cancelled", "Этот урок отменён"),
    "journal.lesson_in_future": ("This lesson has not taken place yet", "Этот урок ещё не прошёл"),
    "journal.student_not_in_class": ("This student is not in this class", "Этот ученик не из этого класса"),
    "journal.no_kinds": ("The school has no kinds of work set up", "В школе не заданы виды работ"),
    "journal.kind_unknown": ("Choose one of the school's kinds of work", "Выберите вид работы из списка школы"),
    "journal.mark_not_in_cell": ("This mark is not in this cell", "Эта оценка не из этой клетки"),
    "journal.attendance_unknown": ("Choose absent, valid reason, ill or late",
                                   "Выберите: отсутствовал, уважительная причина, болел или опоздал"),
    "journal.conflict_mark": ("Changed by {by} to {value} in the meantime",
                              "Тем временем изменено: {by}, теперь {value}"),
    "journal.conflict_attendance": ("{by} changed the attendance mark in the meantime",
                                    "Тем временем отметку посещаемости изменил(а) {by}"),
    "journal.conflict_lesson": (
        "Someone changed this lesson in the meantime: the topic is now «{topic}», the homework «{homework}». "
        "Your text is still here: overwrite theirs with it, or keep theirs.",
        "Тем временем урок изменили: тема теперь «{topic}», домашнее задание «{homework}». "
        "Ваш текст остался в форме: замените их вариант своим или оставьте их."),
    "journal.hw_due_required": ("Give a due date (there is no later lesson)", "Укажите срок (следующего урока нет)"),
    "journal.hw_due_before_lesson": ("The due date cannot be before the lesson", "Срок не может быть раньше урока"),
    "journal.hw_due_after_year": ("The due date is after the end of the study year", "Срок позже конца учебного года"),
    "final.value_required": ("There are no marks to propose from: choose a mark",
                             "Нет оценок для расчёта: выберите оценку"),
    "final.reason_required": ("Give a reason for a mark other than the proposed one",
                              "Укажите причину: оценка отличается от предлагаемой"),
    "final.conflict": ("Changed by {by} to {value} in the meantime: check and confirm again",
                       "Тем временем изменено: {by}, теперь {value}. Проверьте и выставьте снова"),
}

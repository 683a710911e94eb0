"""The journal's flat views: what the grid's cells show and the versions a save will carry."""

from datetime import date

import pytest

from mrko_app.models import Mark
from mrko_app.services.journal import entry as journal_entry
from mrko_app.services.journal import read as journal
from mrko_app.state.journal_view import cell_key, grid_views, record_text, split_key
from tests.services.journal_school import TODAY, build


@pytest.fixture
def js(sqlite_db):
    return build(sqlite_db)


def test_cells_show_every_mark_debts_and_attendance_and_keep_the_versions(sqlite_db, js):
    db = sqlite_db
    cell = js.ref(student_id=js.students[0].id, lesson_id=js.lessons["sep7"].id, today=TODAY)
    first = journal_entry.set_mark(db, js.teacher, **cell, value="3")
    journal_entry.set_mark(db, js.teacher, **cell, value="5", mark_id=first.id, version=1)
    journal_entry.set_mark(db, js.teacher, **cell, value="4")
    db.add(Mark(student_id=js.students[0].id, lesson_id=js.lessons["sep7"].id, subject_id=js.maths.id,
                date=date(2026, 9, 7), value=None, is_debt=True, work_kind_id=js.kinds["test"].id, weight=2,
                teacher_id=js.teacher.id))
    journal_entry.set_attendance(db, js.teacher, **cell, status="late")
    db.flush()
    grid = journal.load_grid(db, js.teacher, js.class_a.id, js.maths.id, js.q1.id)
    students, lessons, marks, att, records = grid_views(grid, TODAY)
    key = cell_key(js.students[0].id, js.lessons["sep7"].id)
    assert marks == {key: "5 4 •"} and att == {key: "late"}
    assert [m["version"] for m in records[key]["marks"]] == [2, 1, 1] and records[key]["att"]["version"] == 1
    assert record_text(records[key]) == "5 4 •"
    assert [s["name"] for s in students] == ["Antonov Anton", "Borisova Bella", "Volkov Vlad"]
    assert students[0]["avg"] == "4.50" and students[0]["proposed"] == "4" and students[0]["final"] == ""
    assert [(x["day"], x["wd_ru"], x["wd_en"], x["ahead"]) for x in lessons][-2:] == [
        ("01.10", "Чт", "Th", ""), ("08.10", "Чт", "Th", "1")]
    assert split_key(key) == (js.students[0].id, js.lessons["sep7"].id) and split_key("x-1") is None

"""School administration: the public API (pages and the demo loader import from here).

- department (services/school_admin/schools.py): `create_school`, `department_schools`, `new_school`;
- whose school (scope.py): `school_for_staff`, `staff_schools`, `require_department`, `current_year`;
- set-up links (invites.py): `invite`, `school_invites`, `revoke_invite`, `find_invite`,
  `accept_signed_in`, `accept_new`;
- rules (rules.py): `read_rules`, `preview`, `save_rules`, `work_kinds`, `save_kind`;
- the year (year.py): `school_years`, `year_view`, `create_year`, `save_periods`, `add_holiday`, `remove_holiday`;
- subjects, classes, assignments (classes.py): `subjects`, `add_subject`, `teachers`, `year_classes`,
  `add_class`, `set_class_teacher`, `assignments`, `assign`, `unassign`;
- students (students.py): `enrol`, `transfer`, `set_status`, `history`, `class_roster`;
- the timetable (timetable.py): `class_slots`, `save_slot`, `end_slot`, `change_lesson`;
- import / export (files.py): `read_table`, `check_roster`, `import_roster`, `check_teachers`,
  `import_teachers`, `roster_rows`, `teacher_rows`, `export`;
- the class's access-code envelopes as one PDF (envelopes.py): `class_envelopes`;
- year end (promote.py): `preview_promotion`, `promote`;
- the audit log (audit.py): `record`, `search` — every change above writes its entry in its transaction.
"""

from mrko_app.services.school_admin import files
from mrko_app.services.school_admin.audit import record, search
from mrko_app.services.school_admin.classes import (
    add_class,
    add_subject,
    assign,
    assignments,
    set_class_teacher,
    split_class_name,
    subjects,
    teachers,
    unassign,
    year_classes,
)
from mrko_app.services.school_admin.dates import fmt, parse_date
from mrko_app.services.school_admin.invites import (
    INVITE_ROLES,
    accept_new,
    accept_signed_in,
    find_invite,
    invite,
    invite_status,
    person_name,
    revoke_invite,
    school_invites,
)
from mrko_app.services.school_admin.promote import preview_promotion, promote
from mrko_app.services.school_admin.rules import (
    PERIOD_SYSTEMS,
    Impact,
    bells_text,
    preview,
    read_rules,
    save_kind,
    save_rules,
    thresholds_text,
    work_kinds,
)
from mrko_app.services.school_admin.schools import DEFAULT_WORK_KINDS, create_school, department_schools, new_school
from mrko_app.services.school_admin.scope import current_year, require_department, school_for_staff, staff_schools
from mrko_app.services.school_admin.students import class_roster, enrol, history, set_status, transfer
from mrko_app.services.school_admin.timetable import WEEKDAYS, change_lesson, class_slots, end_slot, save_slot
from mrko_app.services.school_admin.envelopes import class_envelopes
from mrko_app.services.school_admin.files import (
    check_roster,
    check_teachers,
    export,
    import_roster,
    import_teachers,
    read_table,
    roster_rows,
    teacher_rows,
)
from mrko_app.services.school_admin.year import (
    add_holiday,
    create_year,
    remove_holiday,
    save_periods,
    school_years,
    year_view,
)

__all__ = [
    "DEFAULT_WORK_KINDS", "INVITE_ROLES", "PERIOD_SYSTEMS", "Impact", "accept_new", "accept_signed_in",
    "bells_text", "create_school", "current_year", "department_schools", "find_invite", "invite", "invite_status",
    "new_school", "person_name", "preview", "read_rules", "record", "require_department", "revoke_invite",
    "save_kind", "save_rules", "school_for_staff", "school_invites", "search", "staff_schools", "thresholds_text",
    "work_kinds", "add_class", "add_subject", "assign", "assignments", "set_class_teacher", "split_class_name",
    "subjects", "teachers", "unassign", "year_classes", "fmt", "parse_date", "class_roster", "enrol", "history",
    "set_status", "transfer", "WEEKDAYS", "change_lesson", "class_slots", "end_slot", "save_slot", "add_holiday",
    "create_year", "remove_holiday", "save_periods", "school_years", "year_view", "check_roster", "check_teachers",
    "export", "import_roster", "import_teachers", "read_table", "roster_rows", "teacher_rows",
    "preview_promotion", "promote", "class_envelopes", "files",
]

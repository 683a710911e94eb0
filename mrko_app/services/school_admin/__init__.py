"""School administration: the public API (pages and the demo loader import from here).

- department (services/school_admin/schools.py): `create_school`, `department_schools`, `new_school`;
- whose school (scope.py): `school_for_staff`, `staff_schools`, `require_department`, `current_year`;
- set-up links (invites.py): `invite`, `school_invites`, `revoke_invite`, `find_invite`,
  `accept_signed_in`, `accept_new`;
- rules (rules.py): `read_rules`, `preview`, `save_rules` (a new period system regenerates the periods:
  periods_plan.py); kinds of work (kinds.py): `work_kinds`, `kind_preview`, `save_kind`;
- people already set up (people.py): `school_people`, `set_roles` (audited; the last staff member is kept);
- the year (year.py): `school_years`, `year_view`, `create_year`, `save_periods`, `add_holiday`, `remove_holiday`;
- subjects, classes, assignments (classes.py): `subjects`, `add_subject`, `teachers`, `year_classes`,
  `add_class`, `set_class_teacher`, `assignments`, `assign`, `unassign`;
- students (students.py): `enrol`, `transfer`, `set_status`, `history`, `class_roster`;
- the timetable (timetable.py): `class_slots`, `save_slot`, `end_slot`, `change_lesson`;
- import / export (files.py): `read_table`, `check_roster`, `import_roster`, `check_teachers`,
  `import_teachers`, `roster_rows`, `teacher_rows`, `export`; the timetable (files_timetable.py):
  `check_timetable`, `import_timetable`, `timetable_rows`;
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
from mrko_app.services.school_admin.files_timetable import check_timetable, import_timetable, timetable_rows
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
from mrko_app.services.school_admin.kinds import WeightImpact, kind_preview, save_kind, work_kinds
from mrko_app.services.school_admin.people import school_people, set_roles
from mrko_app.services.school_admin.promote import preview_promotion, promote
from mrko_app.services.school_admin.rules import (
    PERIOD_SYSTEMS,
    Impact,
    bells_text,
    preview,
    read_rules,
    save_rules,
    thresholds_text,
)
from mrko_app.services.school_admin.schools import DEFAULT_WORK_KINDS, create_school, department_schools, new_school
from mrko_app.services.school_admin.scope import current_year, require_department, school_for_staff, staff_schools
from mrko_app.services.school_admin.students import (
    class_roster,
    enrol,
    history,
    set_status,
    set_status_of,
    transfer,
)
from mrko_app.services.school_admin.timetable import WEEKDAYS, change_lesson, class_slots, end_slot, save_slot
from mrko_app.services.school_admin.year import (
    add_holiday,
    create_year,
    remove_holiday,
    save_periods,
    school_years,
    year_view,
)

__all__ = [
    "check_timetable", "import_timetable", "timetable_rows",
    "WeightImpact", "kind_preview", "school_people", "set_roles", "DEFAULT_WORK_KINDS", "INVITE_ROLES", "Impact", "PERIOD_SYSTEMS", "WEEKDAYS", "accept_new", "accept_signed_in",
    "add_class", "add_holiday", "add_subject", "assign", "assignments", "bells_text", "change_lesson",
    "check_roster", "check_teachers", "class_envelopes", "class_roster", "class_slots", "create_school",
    "create_year", "current_year", "department_schools", "end_slot", "enrol", "export", "files", "find_invite",
    "fmt", "history", "import_roster", "import_teachers", "invite", "invite_status", "new_school", "parse_date",
    "person_name", "preview", "preview_promotion", "promote", "read_rules", "read_table", "record",
    "remove_holiday", "require_department", "revoke_invite", "roster_rows", "save_kind", "save_periods",
    "save_rules", "save_slot", "school_for_staff", "school_invites", "school_years", "search", "set_class_teacher",
    "set_status", "set_status_of", "split_class_name", "staff_schools", "subjects", "teacher_rows", "teachers",
    "thresholds_text", "transfer", "unassign", "work_kinds", "year_classes", "year_view",
]

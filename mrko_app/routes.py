"""Every route of the app, the roles allowed on each, and the navigation per role."""

HOME = "/"
LOGIN = "/login"
REGISTER = "/register"
CONFIRM_PHONE = "/register/confirm"
RECOVER = "/recover"
RESET = "/recover/reset"
PROFILE = "/profile"
OUTBOX = "/dev/outbox"
NEWS = "/news"
CALENDAR = "/calendar"
FEEDS = "/profile/calendar"

# parent area
DIARY = "/diary"
MARKS = "/diary/marks"
FINALS = "/diary/finals"
YEAR = "/diary/year"
TIMETABLE = "/diary/timetable"
HOMEWORK = "/diary/homework"
ABSENCE = "/diary/absence"
STATS = "/diary/stats"
ALERTS = "/diary/alerts"
MEETINGS = "/diary/meetings"
CHILDREN = "/children"
APPLY = "/children/apply"
REDEEM = "/children/redeem"

# teacher area
JOURNAL = "/journal"
ABSENCES = "/journal/absences"
HOST_MEETINGS = "/journal/meetings"

# staff area
APPLICATIONS = "/staff/applications"
ENVELOPE = "/staff/envelope"
CODES = "/staff/codes"

PUBLIC = frozenset({HOME, LOGIN, REGISTER, CONFIRM_PHONE, RECOVER, RESET, OUTBOX})

# (route, catalogue key, lucide icon) per role, in menu order
NAV: dict[str, list[tuple[str, str, str]]] = {
    "parent": [
        (DIARY, "nav.diary", "book-open"),
        (MARKS, "nav.marks", "list-checks"),
        (FINALS, "nav.finals", "award"),
        (YEAR, "nav.year", "calendar-range"),
        (TIMETABLE, "nav.timetable", "clock"),
        (HOMEWORK, "nav.homework", "notebook-pen"),
        (STATS, "nav.stats", "chart-line"),
        (ALERTS, "nav.alerts", "bell"),
        (ABSENCE, "nav.absence", "calendar-x"),
        (CHILDREN, "nav.children", "users"),
        (NEWS, "nav.news", "newspaper"),
        (CALENDAR, "nav.calendar", "calendar-days"),
        (MEETINGS, "nav.meetings", "calendar-clock"),
        (FEEDS, "nav.feeds", "calendar-sync"),
    ],
    "teacher": [
        (JOURNAL, "nav.journal", "table"),
        (ABSENCES, "nav.absences", "calendar-x"),
        (NEWS, "nav.news", "newspaper"),
        (CALENDAR, "nav.calendar", "calendar-days"),
        (HOST_MEETINGS, "nav.host_meetings", "calendar-clock"),
        (FEEDS, "nav.feeds", "calendar-sync"),
    ],
    "staff": [
        (JOURNAL, "nav.journal", "table"),
        (APPLICATIONS, "nav.applications", "inbox"),
        (CODES, "nav.codes", "key-round"),
        (NEWS, "nav.news", "newspaper"),
        (CALENDAR, "nav.calendar", "calendar-days"),
        (HOST_MEETINGS, "nav.host_meetings", "calendar-clock"),
    ],
    "psychologist": [
        (NEWS, "nav.news", "newspaper"),
        (CALENDAR, "nav.calendar", "calendar-days"),
        (HOST_MEETINGS, "nav.host_meetings", "calendar-clock"),
    ],
}

# where each role lands after logging in (first role held, in this order)
LANDING = [("teacher", JOURNAL), ("staff", APPLICATIONS), ("parent", DIARY), ("psychologist", PROFILE)]

"""Every route of the app, the roles allowed on each, and the navigation per role."""

HOME = "/"
LOGIN = "/login"
OIDC_FINISH = "/login/oidc"  # a provider sign-in lands here with a one-time ticket (api/oidc.py)
REGISTER = "/register"
CONFIRM_PHONE = "/register/confirm"
RECOVER = "/recover"
RESET = "/recover/reset"
PROFILE = "/profile"
NOTIFICATIONS = "/notifications"  # the notification centre (?kind=<kind> filters); the bell leads here
OUTBOX = "/dev/outbox"
NEWS = "/news"
CALENDAR = "/calendar"
FEEDS = "/profile/calendar"
MESSAGES = "/messages"
CONVERSATION = "/messages/[conversation]"  # one conversation, by id

# public information: the forum and Q&A, the FAQ, the feedback form, the directory (anyone reads)
FORUM = "/forum"
FORUM_ASK = "/forum/ask"
FORUM_QUESTION = "/forum/question"  # ?id=<question>
FORUM_USER = "/forum/user"  # ?id=<user>: a public profile
FAQ = "/faq"  # ?entry=<slug>: a stable link to one entry
FEEDBACK = "/feedback"
DIRECTORY = "/directory"

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
PSYCHOLOGIST = "/psychologist"  # a parent asks; anyone reads what the psychologist shared with them
CHILDREN = "/children"
APPLY = "/children/apply"
REDEEM = "/children/redeem"

# surveys: participants (parents, teachers) and builders (staff, teachers)
SURVEYS = "/surveys"
SURVEY_ANSWER = "/surveys/answer"  # ?id=<survey>[&child=<student>]
SURVEY_BUILDER = "/surveys/build"
SURVEY_EDIT = "/surveys/build/edit"  # ?id=<survey>; without: a new one
SURVEY_RESULTS = "/surveys/results"  # ?id=<survey>

# teacher area
JOURNAL = "/journal"
ABSENCES = "/journal/absences"
HOST_MEETINGS = "/journal/meetings"

# staff area
APPLICATIONS = "/staff/applications"
ENVELOPE = "/staff/envelope"
CODES = "/staff/codes"
MODERATION = "/staff/moderation"
STAFF_FAQ = "/staff/faq"
STAFF_FEEDBACK = "/staff/feedback"
STAFF_DIRECTORY = "/staff/directory"
STAFF_RULES = "/staff/rules"
STAFF_PEOPLE = "/staff/people"
STAFF_AUDIT = "/staff/audit"
STAFF_YEAR = "/staff/year"
STAFF_CLASSES = "/staff/classes"
STAFF_TIMETABLE = "/staff/timetable"
STAFF_IMPORT = "/staff/import"

# the school psychologist
PSY_DESK = "/psychologist/desk"

# the Department of Education's administrator
ADMIN_SCHOOLS = "/admin/schools"
SETUP = "/setup"  # ?token=<one-time set-up link>: anyone holding it

PUBLIC = frozenset({HOME, LOGIN, OIDC_FINISH, REGISTER, CONFIRM_PHONE, RECOVER, RESET, SETUP, OUTBOX, FORUM, FORUM_QUESTION,
                    FORUM_USER, FAQ, FEEDBACK, DIRECTORY})

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
        (NOTIFICATIONS, "nav.notifications", "inbox"),
        (ALERTS, "nav.alerts", "bell"),
        (ABSENCE, "nav.absence", "calendar-x"),
        (SURVEYS, "nav.surveys", "clipboard-list"),
        (CHILDREN, "nav.children", "users"),
        (NEWS, "nav.news", "newspaper"),
        (CALENDAR, "nav.calendar", "calendar-days"),
        (MEETINGS, "nav.meetings", "calendar-clock"),
        (PSYCHOLOGIST, "nav.psychologist", "heart-handshake"),
        (MESSAGES, "nav.messages", "messages-square"),
        (FEEDS, "nav.feeds", "calendar-sync"),
    ],
    "teacher": [
        (JOURNAL, "nav.journal", "table"),
        (ABSENCES, "nav.absences", "calendar-x"),
        (SURVEYS, "nav.surveys", "clipboard-list"),
        (SURVEY_BUILDER, "nav.survey_builder", "clipboard-pen"),
        (NEWS, "nav.news", "newspaper"),
        (CALENDAR, "nav.calendar", "calendar-days"),
        (HOST_MEETINGS, "nav.host_meetings", "calendar-clock"),
        (MESSAGES, "nav.messages", "messages-square"),
        (FEEDS, "nav.feeds", "calendar-sync"),
        (PSYCHOLOGIST, "nav.psy_shared", "heart-handshake"),  # what the psychologist shared with them
        (NOTIFICATIONS, "nav.notifications", "inbox"),
    ],
    "staff": [
        (JOURNAL, "nav.journal", "table"),
        (APPLICATIONS, "nav.applications", "inbox"),
        (CODES, "nav.codes", "key-round"),
        (MODERATION, "nav.moderation", "shield-check"),
        (MESSAGES, "nav.messages", "messages-square"),
        (STAFF_FAQ, "nav.staff_faq", "circle-help"),
        (STAFF_FEEDBACK, "nav.staff_feedback", "mail"),
        (STAFF_DIRECTORY, "nav.staff_directory", "building-2"),
        (STAFF_RULES, "nav.staff_rules", "scale"),
        (STAFF_YEAR, "nav.staff_year", "calendar-cog"),
        (STAFF_CLASSES, "nav.staff_classes", "school"),
        (STAFF_TIMETABLE, "nav.staff_timetable", "calendar-plus"),
        (STAFF_IMPORT, "nav.staff_import", "file-spreadsheet"),
        (STAFF_PEOPLE, "nav.staff_people", "user-plus"),
        (STAFF_AUDIT, "nav.staff_audit", "history"),
        (SURVEY_BUILDER, "nav.survey_builder", "clipboard-pen"),
        (NEWS, "nav.news", "newspaper"),
        (CALENDAR, "nav.calendar", "calendar-days"),
        (HOST_MEETINGS, "nav.host_meetings", "calendar-clock"),
        (PSYCHOLOGIST, "nav.psy_shared", "heart-handshake"),
        (NOTIFICATIONS, "nav.notifications", "inbox"),
    ],
    "department": [
        (ADMIN_SCHOOLS, "nav.admin_schools", "school"),
    ],
    "psychologist": [
        (PSY_DESK, "nav.psy_desk", "inbox"),
        (NEWS, "nav.news", "newspaper"),
        (CALENDAR, "nav.calendar", "calendar-days"),
        (HOST_MEETINGS, "nav.host_meetings", "calendar-clock"),
        (NOTIFICATIONS, "nav.notifications", "inbox"),
    ],
}

# where each role lands after logging in (first role held, in this order)
LANDING = [("teacher", JOURNAL), ("staff", APPLICATIONS), ("parent", DIARY), ("department", ADMIN_SCHOOLS),
           ("psychologist", PSY_DESK)]

"""Tables only. Importing this package registers every table on SQLModel.metadata."""

from mrko_app.models.access import AccessApplication, AccessCode, ApplicationDocument, ParentChildLink
from mrko_app.models.alerts import AlertEvent, AlertRule
from mrko_app.models.auth import AuthSession, OneTimeCode, Throttle
from mrko_app.models.marks import AbsenceNotice, Attendance, FinalMark, Mark, MarkHistory
from mrko_app.models.notify import OutboxMessage
from mrko_app.models.people import User, UserRole
from mrko_app.models.school import (
    Holiday,
    School,
    SchoolClass,
    Student,
    StudyPeriod,
    StudyYear,
    Subject,
    TeachingAssignment,
    WorkKind,
)
from mrko_app.models.school_life import (
    CalendarFeed,
    EventRsvp,
    MeetingBooking,
    MeetingCancellation,
    MeetingSlot,
    NewsPost,
    NewsRead,
    SchoolEvent,
)
from mrko_app.models.timetable import Homework, Lesson, TimetableSlot

__all__ = [
    "AbsenceNotice",
    "AccessApplication",
    "AlertEvent",
    "AlertRule",
    "AccessCode",
    "ApplicationDocument",
    "Attendance",
    "AuthSession",
    "CalendarFeed",
    "EventRsvp",
    "FinalMark",
    "Holiday",
    "Homework",
    "Lesson",
    "Mark",
    "MeetingBooking",
    "MeetingCancellation",
    "MeetingSlot",
    "NewsPost",
    "NewsRead",
    "MarkHistory",
    "OneTimeCode",
    "OutboxMessage",
    "ParentChildLink",
    "School",
    "SchoolEvent",
    "SchoolClass",
    "Student",
    "StudyPeriod",
    "StudyYear",
    "Subject",
    "TeachingAssignment",
    "Throttle",
    "TimetableSlot",
    "User",
    "UserRole",
    "WorkKind",
]

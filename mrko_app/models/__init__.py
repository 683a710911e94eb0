"""Tables only. Importing this package registers every table on SQLModel.metadata."""

from mrko_app.models.access import AccessApplication, AccessCode, ApplicationDocument, ParentChildLink
from mrko_app.models.alerts import AlertEvent, AlertRule
from mrko_app.models.auth import AuthSession, OneTimeCode, Throttle
from mrko_app.models.forum import ForumFlag, ForumPost, ForumVote, ModerationLog, SearchDoc
from mrko_app.models.inbox import Notification, NotificationDigest, NotificationPreference, NotificationSettings
from mrko_app.models.marks import AbsenceNotice, Attendance, FinalMark, Mark, MarkHistory
from mrko_app.models.notify import MailQueueItem, OutboxMessage
from mrko_app.models.oidc import OidcFlow, OidcIdentity, SignInTicket
from mrko_app.models.people import User, UserRole
from mrko_app.models.public_info import DirectoryContact, DirectoryUnit, FaqEntry, FeedbackTicket
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
from mrko_app.models.school_admin import AuditEntry, StaffInvite, StudentMove
from mrko_app.models.school_life import (
    CalendarFeed,
    EventRsvp,
    MeetingBooking,
    MeetingCancellation,
    MeetingSlot,
    NewsPicture,
    NewsPost,
    NewsRead,
    SchoolEvent,
)
from mrko_app.models.surveys import Survey, SurveyDraft, SurveyParticipant, SurveyQuestion, SurveyResponse
from mrko_app.models.timetable import Homework, Lesson, TimetableSlot

__all__ = [
    "Notification",
    "NotificationDigest",
    "NotificationPreference",
    "NotificationSettings",
    "DirectoryContact",
    "DirectoryUnit",
    "FaqEntry",
    "FeedbackTicket",
    "ForumFlag",
    "ForumPost",
    "ForumVote",
    "ModerationLog",
    "SearchDoc",
    "AbsenceNotice",
    "AccessApplication",
    "AuditEntry",
    "StaffInvite",
    "StudentMove",
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
    "MailQueueItem",
    "Mark",
    "MeetingBooking",
    "MeetingCancellation",
    "MeetingSlot",
    "NewsPicture",
    "NewsPost",
    "NewsRead",
    "MarkHistory",
    "OidcFlow",
    "OidcIdentity",
    "OneTimeCode",
    "OutboxMessage",
    "ParentChildLink",
    "School",
    "SchoolEvent",
    "SignInTicket",
    "SchoolClass",
    "Student",
    "StudyPeriod",
    "StudyYear",
    "Subject",
    "Survey",
    "SurveyDraft",
    "SurveyParticipant",
    "SurveyQuestion",
    "SurveyResponse",
    "TeachingAssignment",
    "Throttle",
    "TimetableSlot",
    "User",
    "UserRole",
    "WorkKind",
]

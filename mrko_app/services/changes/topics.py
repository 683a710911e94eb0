"""The vocabulary of changes: WHO a change concerns (a topic: scope + id) and WHAT changed (a kind).

Scopes (a page follows the topics of what it shows):
- ("child", student_id): one child's marks, attendance, absence notices, final marks
- ("class", class_id): what every child of a class sees (lessons: topic, homework, cancellation) and the
  class figures (a classmate's mark moves the class averages)
- ("user", user_id): one person's own things (messages, alerts, bookings, "notifications": the centre
  and the bell; every signed-in tab follows its user's topic in its "header" slot, state/push.py)
- ("school", school_id): the whole school (news, events)
Kinds name the area, so a page refreshes only what it shows (the diary week ignores "finals").
A later feature adds its kind here (and its scope if none fits), nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass

SCOPES = ("child", "class", "user", "school")
KINDS = ("marks", "attendance", "lesson", "homework", "absence", "finals",
         "messages", "news", "events", "meetings", "alerts", "notifications",
         "psychologist",  # a request to the school psychologist: the desk and the parent's page
         "session",  # a sign-in session of the user ended (sign-out, a password changed): who is signed in
         "access")  # a parent's link to a child, the student or the user's roles changed: who may see whom

Topic = tuple[str, int]


@dataclass(frozen=True, slots=True)
class Change:
    scope: str
    ident: int
    kind: str

    def __post_init__(self):
        if self.scope not in SCOPES or self.kind not in KINDS:
            raise ValueError(f"unknown change {self.scope!r}/{self.kind!r}")  # a typo in a service, not user input
        object.__setattr__(self, "ident", int(self.ident))

    @property
    def topic(self) -> Topic:
        return (self.scope, self.ident)

    def to_list(self) -> list:
        return [self.scope, self.ident, self.kind]

    @classmethod
    def from_list(cls, value) -> Change | None:
        """A record read off the wire; None when it is not one (an old or foreign message)."""
        try:
            scope, ident, kind = value
            return cls(str(scope), int(ident), str(kind))
        except (TypeError, ValueError):
            return None


def topic(scope: str, ident) -> Topic:
    if scope not in SCOPES:
        raise ValueError(f"unknown scope {scope!r}")
    return (scope, int(ident))


def of_child(student_id, kind: str) -> Change:
    return Change("child", student_id, kind)


def of_class(class_id, kind: str) -> Change:
    return Change("class", class_id, kind)


def of_user(user_id, kind: str) -> Change:
    return Change("user", user_id, kind)


def of_school(school_id, kind: str) -> Change:
    return Change("school", school_id, kind)

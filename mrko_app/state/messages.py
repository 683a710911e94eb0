"""Messages: the list of conversations (routes.MESSAGES) and one conversation (routes.CONVERSATION).
Both follow ("user", me) through state/push.py: a message, an edit, a read receipt or a moderation
action committed for a member re-reads the page in every open tab of theirs, in whatever worker."""

import asyncio

import reflex as rx

from mrko_app import routes
from mrko_app.i18n import formats
from mrko_app.services import changes, clock, messages
from mrko_app.services.access import rules as access
from mrko_app.services.errors import NotFound
from mrko_app.state import push
from mrko_app.state.base import AuthState
from mrko_app.state.forms import Id, Uploads, accepts
from mrko_app.state.schemas_messages import (
    ChannelForm,
    EditForm,
    HoursForm,
    MessageForm,
    MuteForm,
    ReportForm,
    StartForm,
)

MUTE_CHOICES = {"60": 60, "1440": 1440, "10080": 10080}


def _when(moment, lang: str, zone: str = "") -> str:
    """A moment on the clock of `zone` (a conversation's school; "" the instance's), in the reader's words."""
    return formats.datetime(clock.to_local(moment, zone), lang) if moment else ""


class MessagesState(AuthState):
    conversations: list[dict[str, str]] = []
    teachers: list[dict[str, str]] = []  # value "<student>:<teacher>", label
    groups: list[dict[str, str]] = []  # the class groups and channels the user may open
    reports: list[dict[str, str]] = []  # open reports the user moderates
    blocked: list[dict[str, str]] = []  # the parents the user blocked
    log: list[dict[str, str]] = []  # the moderation log the user may read (staff, a class teacher)
    hours: dict[str, str] = {}  # "start0".."end6" -> "HH:MM" (a teacher's working hours)
    is_teacher: bool = False
    message: str = ""
    sent: str = ""
    errors: dict[str, str] = {}
    form_key: int = 0

    def _read(self) -> None:
        lang, zone = self.lang, self._reader_zone

        def read(db):
            user = self._user(db)
            roles = access.user_roles(db, user)
            rows = [{"id": str(c.id), "kind": c.kind, "title": c.title, "child": c.child, "unread": str(c.unread),
                     "when": _when(c.last_at, lang, zone), "text": c.last_text, "read_only": "1" if c.read_only else "",
                     "href": f"/messages/{c.id}"} for c in messages.list_conversations(db, user)]
            teachers = [{"value": f"{t.student_id}:{t.teacher_id}",
                         "label": f"{t.child}: {t.name}" + (f" ({', '.join(t.subjects)})" if t.subjects else "")}
                        for t in messages.teachers_of_children(db, user)] if "parent" in roles else []
            groups = []
            for _link, student in access.linked_children(db, user) if "parent" in roles else []:
                if student.class_id and all(g["class_id"] != str(student.class_id) for g in groups):
                    groups.append({"class_id": str(student.class_id), "kind": "group", "name": student.first_name})
            for klass in messages.taught_classes(db, user) if "teacher" in roles else []:
                groups.append({"class_id": str(klass.id), "kind": "channel", "name": klass.name})
                if klass.class_teacher_id == user.id:
                    groups.append({"class_id": str(klass.id), "kind": "group", "name": klass.name})
            found = [{"id": str(r.id), "message_id": str(r.message_id), "author": r.author, "text": r.text[:300],
                      "reason": r.reason, "reporter": r.reporter, "when": _when(r.created_at, lang, zone)}
                     for r in messages.reports(db, user)]
            hours = {f"{edge}{d}": "" for d in range(7) for edge in ("start", "end")}
            for day in messages.working_hours(db, user.id) if "teacher" in roles else []:
                hours[f"start{day.weekday}"] = day.start.strftime("%H:%M")
                hours[f"end{day.weekday}"] = day.end.strftime("%H:%M")
            blocked = [{"id": str(i), "name": n} for i, n in messages.blocked(db, user)]
            log = [{"when": _when(e.at, lang, zone), "actor": e.actor, "action": f"messages.log.{e.action}",
                    "target": e.target, "reason": e.reason,
                    "href": f"/messages/{e.conversation_id}" if e.conversation_id else ""}
                   for e in messages.moderation_log(db, user)]
            return rows, teachers, groups, found, hours, "teacher" in roles, blocked, log, user.id

        result = self._run(read)
        if not result.ok:
            self.conversations, self.teachers, self.groups, self.reports, self.blocked, self.log = [], [], [], [], [], []
            return
        (self.conversations, self.teachers, self.groups, self.reports, self.hours, self.is_teacher, self.blocked,
         log, uid) = result.value
        self.log = [{**row, "action": self._t(row["action"])} for row in log]
        push.follow(self, [changes.topic("user", uid)])

    def _pushed(self, batch: list) -> None:
        if not batch or any(c.kind == "messages" for c in batch):
            self._read()

    @rx.event
    async def load(self):
        self.message, self.sent, self.errors = "", "", {}
        await asyncio.to_thread(self._read)

    @rx.event
    @accepts(form=StartForm)
    def start(self, form: StartForm):
        student, _, teacher = form.teacher.partition(":")
        conv = self._run(lambda db: messages.open_direct(db, self._user(db, "parent"), student, teacher).id)
        return rx.redirect(f"/messages/{conv.value}") if conv.ok else None

    @rx.event
    @accepts(class_id=Id)
    def open_group(self, class_id: int):
        conv = self._run(lambda db: messages.open_group(db, self._user(db), class_id).id)
        return rx.redirect(f"/messages/{conv.value}") if conv.ok else None

    @rx.event
    @accepts(class_id=Id)
    def open_channel(self, class_id: int):
        conv = self._run(lambda db: messages.open_channel(db, self._user(db, "teacher"), class_id).id)
        return rx.redirect(f"/messages/{conv.value}") if conv.ok else None

    @rx.event
    @accepts(form=HoursForm)
    def save_hours(self, form: HoursForm):
        self.message, self.sent, self.errors = "", "", {}
        values = form.model_dump()
        days = {d: (values[f"start{d}"], values[f"end{d}"]) for d in range(7)
                if values[f"start{d}"].strip() or values[f"end{d}"].strip()}
        if self._run(lambda db: messages.set_working_hours(db, self._user(db, "teacher"), days)).ok:
            self.sent = self._t("messages.hours_saved")
            self._read()

    @rx.event
    @accepts(message_id=Id)
    def hide(self, message_id: int):
        self._run(lambda db: messages.set_hidden(db, self._user(db), message_id, True))
        self._read()

    @rx.event
    @accepts(report_id=Id)
    def dismiss(self, report_id: int):
        self._run(lambda db: messages.dismiss(db, self._user(db), report_id))
        self._read()

    @rx.event
    @accepts(user_id=Id)
    def unblock(self, user_id: int):
        self._run(lambda db: messages.unblock(db, self._user(db), user_id))
        self._read()


class ConversationState(AuthState):
    title: str = ""
    kind: str = ""
    items: list[dict] = []
    members: list[dict[str, str]] = []
    can_post: bool = False
    read_only: bool = False
    moderator: bool = False
    replies_off: bool = False
    answer_after: str = ""  # outside the teacher's working hours: when an answer can be expected
    other_parents: list[dict[str, str]] = []
    reply_to: str = ""
    reply_excerpt: str = ""
    editing: str = ""  # the message being edited
    editing_body: str = ""
    found: bool = False
    message: str = ""
    errors: dict[str, str] = {}
    form_key: int = 0
    muted: list[dict[str, str]] = []  # for a moderator: the members muted now
    channel_owner: bool = False  # the channel's teacher: may rename it and switch replies
    channel_title: str = ""
    attached_text: str = ""  # files uploaded for the next message, not sent yet
    _conversation: int = 0
    _zone: str = ""  # its school's time zone, read with the title on load (not on every push)
    _pending: list[int] = []  # their attachment ids (the service attaches only the uploader's own, unused)

    def _id_from_path(self) -> str:
        return str(self.router.url.path).rstrip("/").rsplit("/", 1)[-1][:12]

    def _read(self, mark: bool = True, title: bool = False) -> None:
        lang, cid, known, known_zone = self.lang, self._conversation, self.title, self._zone

        def read(db):
            user = self._user(db)
            if mark:
                messages.mark_read(db, user, cid)
            view = messages.conversation(db, user, cid)
            # the title is read once per load (it lists the user's conversations), not on every push
            name = next((c.title for c in messages.list_conversations(db, user) if c.id == view.id), "") \
                if title else known
            after = messages.next_working_start(db, view.teacher_id) if view.teacher_id and view.teacher_id != user.id else None
            others = messages.other_parents(db, user, cid) if view.kind == "direct" else []
            conv = messages.reader(db, user, cid).conversation
            zone = clock.zone_of(db, conv.school_id) if title else known_zone  # once per load, as the title
            owner = conv.title if view.kind == "channel" and conv.teacher_id == user.id else None
            muted = [{"id": str(i), "name": n, "until": _when(u, lang, zone)}
                     for i, n, u in messages.muted(db, user, cid)] if view.moderator else []
            return view, name, after, others, owner, muted, user.id, zone

        result = self._run(read)
        if not result.ok:
            self.found, self.items, self.members, self.muted, self.channel_owner = False, [], [], [], False
            return
        view, self.title, after, others, owner, self.muted, uid, zone = result.value
        self._zone = zone
        self.channel_owner, self.channel_title = owner is not None, owner or ""
        self.found, self.kind, self.can_post, self.read_only = True, view.kind, view.can_post, view.read_only
        self.moderator, self.replies_off = view.moderator, view.kind == "channel" and not view.replies_allowed
        self.answer_after = self._t("messages.answer_after", when=_when(after, lang, zone)) if after else ""
        self.other_parents = [{"id": str(i), "name": n} for i, n in others]
        self.members = [{"id": str(m.user_id), "name": m.name} for m in view.members]
        self.items = [{
            "id": str(m.id), "author": m.author, "author_id": str(m.author_id), "mine": m.mine, "html": m.body_html,
            "when": _when(m.created_at, lang, zone), "edited": m.edited, "deleted": m.deleted, "hidden": m.hidden,
            "collapsed": m.collapsed, "reply_excerpt": m.reply_excerpt, "editable": m.editable,
            "read_by": ", ".join(r.name for r in m.read_by),
            "files": [{"url": u, "name": n, "image": t.startswith("image/")} for u, n, t in m.attachments],
            "can_pair": view.kind == "group" and view.role == "parent" and not m.mine and m.author_id in view.parent_ids,
        } for m in view.messages]
        push.follow(self, [changes.topic("user", uid)])

    def _pushed(self, batch: list) -> None:
        if not batch or any(c.kind == "messages" for c in batch):
            self._read()

    @rx.event
    async def load(self):
        self.message, self.errors, self.reply_to, self.reply_excerpt, self.editing = "", {}, "", "", ""
        from mrko_app.services.ids import parse_id

        self._conversation = parse_id(self._id_from_path()) or 0
        self._pending, self.attached_text = [], ""
        await asyncio.to_thread(self._read, True, True)
        if not self.found:
            self.message = self._t(messages.NOT_FOUND)

    @rx.event
    @accepts(form=MessageForm)
    def send(self, form: MessageForm):
        self.message, self.errors = "", {}
        cid, reply = self._conversation, form.reply_to or (int(self.reply_to) if self.reply_to else None)
        files = list(self._pending)
        if self._run(lambda db: messages.post(db, self._user(db), cid, form.body, reply, files), joined=True).ok:
            self.reply_to, self.reply_excerpt = "", ""
            self._pending, self.attached_text = [], ""
            self.form_key += 1
            self._read(mark=False)

    @rx.event
    @accepts(files=Uploads)
    async def upload_files(self, files: list[rx.UploadFile]):
        """Pictures and PDFs for the next message: checked and stored by the service (a poster here only)."""
        self.message, self.errors = "", {}
        if not files or len(files) + len(self._pending) > messages.MAX_PER_MESSAGE:
            self.message = self._t("messages.error.too_many_files", limit=messages.MAX_PER_MESSAGE)
            return
        cid, added = self._conversation, []
        for upload in files:
            data = upload.file.read(messages.FILE_MAX + 1) if getattr(upload, "file", None) else b""
            name = str(upload.filename or "")[:200]
            found = self._run(lambda db, data=data, name=name: messages.upload(db, self._user(db), cid, data, name).id,
                              joined=True)
            if not found.ok:
                return
            added.append(found.value)
        self._pending = [*self._pending, *added]
        self.attached_text = self._t("messages.files_attached", count=len(self._pending))

    @rx.event
    def clear_files(self):
        self._pending, self.attached_text = [], ""

    @rx.event
    @accepts(message_id=Id)
    def start_reply(self, message_id: int):
        found = next((m for m in self.items if m["id"] == str(message_id)), None)
        if found is not None:
            self.reply_to, self.reply_excerpt = found["id"], found["author"]

    @rx.event
    def cancel_reply(self):
        self.reply_to, self.reply_excerpt = "", ""

    @rx.event
    @accepts(message_id=Id)
    def start_edit(self, message_id: int):
        found = next((m for m in self.items if m["id"] == str(message_id) and m["editable"]), None)
        if found is not None:
            self.editing = found["id"]
            self.editing_body = self._run(lambda db: messages.body_for_editing(db, self._user(db), message_id)).value or ""

    @rx.event
    @accepts(form=EditForm)
    def save_edit(self, form: EditForm):
        if self._run(lambda db: messages.edit(db, self._user(db), form.message_id, form.body), joined=True).ok:
            self.editing = ""
            self._read(mark=False)

    @rx.event
    @accepts(message_id=Id)
    def delete(self, message_id: int):
        self._run(lambda db: messages.delete(db, self._user(db), message_id))
        self._read(mark=False)

    @rx.event
    @accepts(form=ReportForm)
    def report(self, form: ReportForm):
        self.message = ""
        if self._run(lambda db: messages.report(db, self._user(db), form.message_id, form.reason), joined=True).ok:
            self.message = self._t("messages.reported")

    @rx.event
    @accepts(message_id=Id)
    def hide(self, message_id: int):
        self._run(lambda db: messages.set_hidden(db, self._user(db), message_id, True))
        self._read(mark=False)

    @rx.event
    @accepts(message_id=Id)
    def unhide(self, message_id: int):
        self._run(lambda db: messages.set_hidden(db, self._user(db), message_id, False))
        self._read(mark=False)

    @rx.event
    @accepts(form=MuteForm)
    def mute(self, form: MuteForm):
        cid = self._conversation
        minutes = MUTE_CHOICES.get(form.minutes, 0)
        if self._run(lambda db: messages.mute(db, self._user(db), cid, form.user_id, minutes)).ok:
            self.message = self._t("messages.muted_done")
            self._read(mark=False)

    @rx.event
    @accepts(user_id=Id)
    def unmute(self, user_id: int):
        cid = self._conversation
        self._run(lambda db: messages.unmute(db, self._user(db), cid, user_id))
        self._read(mark=False)

    @rx.event
    @accepts(form=ChannelForm)
    def save_channel(self, form: ChannelForm):
        """The channel's teacher renames it and switches the parents' replies (open_channel updates both)."""
        self.message, self.errors, cid = "", {}, self._conversation

        def save(db):
            user = self._user(db, "teacher")
            conv = messages.reader(db, user, cid).conversation
            if conv.kind != "channel" or conv.teacher_id != user.id:
                raise NotFound(messages.NOT_FOUND)
            messages.open_channel(db, user, conv.class_id, form.title, form.replies_allowed)

        if self._run(save, joined=True).ok:
            self.message = self._t("messages.channel_saved")
            self._read(mark=False, title=True)

    @rx.event
    @accepts(user_id=Id)
    def block(self, user_id: int):
        self._run(lambda db: messages.block(db, self._user(db, "parent"), user_id))
        self._read(mark=False)

    @rx.event
    @accepts(user_id=Id)
    def write_privately(self, user_id: int):
        cid = self._conversation

        def open_pair(db):
            user = self._user(db, "parent")
            conv = messages.reader(db, user, cid).conversation
            return messages.open_pair(db, user, conv.class_id, user_id).id

        conv = self._run(open_pair)
        return rx.redirect(f"/messages/{conv.value}") if conv.ok else None

    @rx.event
    @accepts(parent_id=Id)
    def add_parent(self, parent_id: int):
        cid = self._conversation
        self._run(lambda db: messages.add_other_parent(db, self._user(db, "parent"), cid, parent_id))
        self._read(mark=False)


__all__ = ["ConversationState", "MessagesState", "routes"]

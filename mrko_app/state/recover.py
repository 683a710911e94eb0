"""Recovering a forgotten password (by an e-mailed link, or by the security answer plus a phone code)
and a forgotten login (sent to the e-mail or phone on file)."""

import reflex as rx

from mrko_app import routes
from mrko_app.services.accounts import core as accounts
from mrko_app.state.base import AuthState
from mrko_app.state.forms import Choice, accepts
from mrko_app.state.schemas import AnswerForm, CodeResetForm, ContactForm, EmailForm, NewPasswordForm, WhoForm


class RecoverState(AuthState):
    errors: dict[str, str] = {}
    message: str = ""
    notice: str = ""
    # by security question: "who" -> "answer" -> "code" steps
    step: str = "who"
    mode: str = "email"
    question_key: str = ""
    link_valid: bool = False
    _who: str = ""
    _link_token: str = ""

    def _reset_view(self):
        self.errors, self.message, self.notice = {}, "", ""

    @rx.event
    def clear(self):
        self._reset_view()
        self.step, self.question_key, self._who, self.mode = "who", "", "", "email"

    @rx.event
    @accepts(mode=Choice)
    def choose(self, mode: str):
        self._reset_view()
        self.mode = mode if mode in ("email", "question", "login") else "email"

    @rx.event
    @accepts(form=EmailForm)
    def by_email(self, form: EmailForm):
        self._reset_view()
        email, ip = form.email.strip(), self.router.session.client_ip
        if self._run(lambda db: accounts.start_password_reset_by_email(db, email, client_ip=ip)).ok:
            self.notice = self._t("recovery.link_sent")

    @rx.event
    @accepts(form=ContactForm)
    def remind(self, form: ContactForm):
        self._reset_view()
        contact, ip = form.contact.strip(), self.router.session.client_ip
        if self._run(lambda db: accounts.remind_login(db, contact, client_ip=ip)).ok:
            self.notice = self._t("recovery.reminder_sent")

    @rx.event
    @accepts(form=WhoForm)
    def find_question(self, form: WhoForm):
        self._reset_view()
        who = form.who.strip()
        if not who:
            self.errors = {"who": self._t("error.required")}
            return
        # an unknown login gets a decoy question (services/accounts/recovery.py): the page never says "not found"
        question = self._run(lambda db: accounts.security_question_for(db, who)).value_or("")
        if not question:
            return
        self._who, self.question_key, self.step = who, question, "answer"

    @rx.event
    @accepts(form=AnswerForm)
    def answer(self, form: AnswerForm):
        self._reset_view()
        answer, who, ip = form.answer, self._who, self.router.session.client_ip
        if not who:
            self.step = "who"
            return
        if self._run(lambda db: accounts.start_password_reset_by_question(db, who, answer, client_ip=ip)).ok:
            self.step = "code"
            self.notice = self._t("codes.sent")

    @rx.event
    @accepts(form=CodeResetForm)
    def reset_by_code(self, form: CodeResetForm):
        self._reset_view()
        who = self._who
        code, new, confirm = form.code, form.password, form.password_confirm
        if self._run(lambda db: accounts.reset_password_with_phone_code(db, who, code, new, confirm)).ok:
            self.step, self._who = "done", ""
            self.notice = self._t("recovery.password_changed")

    # ---- the e-mailed link (routes.RESET?token=...) ----
    @rx.event
    def open_link(self):
        self._reset_view()
        self._link_token = self.router.url.query_parameters.get("token", "")[:200]
        token = self._link_token
        self.link_valid = bool(token) and self._run(lambda db: accounts.check_reset_link(db, token)).value_or(False)
        if not self.link_valid:
            self.message = self._t("recovery.link_invalid")

    @rx.event
    @accepts(form=NewPasswordForm)
    def reset_by_link(self, form: NewPasswordForm):
        self._reset_view()
        token = self._link_token
        new, confirm = form.password, form.password_confirm
        if self._run(lambda db: accounts.reset_password_with_link(db, token, new, confirm)).ok:
            self.link_valid, self._link_token = False, ""
            self.notice = self._t("recovery.password_changed")
            return rx.redirect(routes.LOGIN)

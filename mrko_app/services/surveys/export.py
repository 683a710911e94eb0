"""Exports for the owners: one row per response, one column per question. CSV in UTF-8 with a BOM (so
that spreadsheet programs read Cyrillic), XLSX through openpyxl. Anonymous surveys carry no names."""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook
from sqlmodel import Session, col, select

from mrko_app.models import Student, User
from mrko_app.models.surveys import SurveyResponse
from mrko_app.services.surveys import audience
from mrko_app.services.surveys.answering import questions_of
from mrko_app.services.surveys.records import Question


def _cell(q: Question, value) -> str:
    if value is None:
        return ""
    if q.kind in ("single", "multiple"):
        names = {o["key"]: o["text"] for o in q.config.get("options", [])}
        parts = [names.get(p, p) for p in value.get("picks", [])]
        return "; ".join(parts + ([value["other"]] if value.get("other") else []))
    if q.kind == "matrix":
        names = {s["key"]: s["text"] for s in q.config.get("statements", [])}
        return "; ".join(f"{names.get(k, k)}: {v}" for k, v in value.items())
    return str(value)


def table(db: Session, user: User | None, survey_id, headings: dict[str, str]) -> tuple[str, list[list[str]]]:
    """(the survey's title, rows with a heading row first). `headings` names the fixed columns
    (respondent, child, class, submitted, score) in the owner's language."""
    survey = audience.owned_survey(db, user, survey_id)
    questions = questions_of(db, survey.id, for_owner=True)
    responses = db.exec(select(SurveyResponse).where(SurveyResponse.survey_id == survey.id)
                        .order_by(SurveyResponse.id)).all()
    classes = audience.school_classes(db, survey.school_id)
    fixed = [] if survey.anonymous else ["respondent", "child", "submitted"]
    fixed += ["class"] + (["score"] if survey.kind == "test" else [])
    people, pupils = {}, {}
    if not survey.anonymous:
        people = {u.id: u.full_name for u in db.exec(select(User).where(
            col(User.id).in_([r.user_id for r in responses if r.user_id]))).all()}
        pupils = {s.id: s.full_name for s in db.exec(select(Student).where(
            col(Student.id).in_([r.student_id for r in responses if r.student_id]))).all()}
    rows = [[headings.get(f, f) for f in fixed] + [q.text for q in questions]]
    for r in responses:
        values = {"respondent": people.get(r.user_id, ""), "child": pupils.get(r.student_id, ""),
                  "submitted": r.submitted_at.isoformat(timespec="minutes") if r.submitted_at else "",
                  "class": classes.get(r.class_id, ""), "score": "" if r.score is None else f"{r.score:g}"}
        rows.append([values[f] for f in fixed] + [_cell(q, r.answers.get(q.key)) for q in questions])
    return survey.title, rows


def to_csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(rows: list[list[str]], title: str) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "".join(c for c in title if c not in "[]:*?/\\")[:31] or "survey"
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()

"""The report card: the final marks view (services/diary/finals.py) printed as a PDF with fpdf2.

The font is DejaVu Sans shipped under assets/fonts/ (with its licence), so Cyrillic prints on any
machine. Confirmed marks only; a period without one shows "—" (and the current average in brackets
when there are marks), so the card never presents a proposal as a mark.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from fpdf import FPDF
from sqlmodel import Session

from mrko_app.config import ROOT
from mrko_app.i18n import formats, localized, tr
from mrko_app.models import User
from mrko_app.services import clock
from mrko_app.services.diary.finals import finals

FONT_DIR = ROOT / "assets" / "fonts"
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV", 5: "V", 6: "VI"}


def _font(name: str) -> Path:
    path = FONT_DIR / name
    if not path.exists():  # a checkout without assets: the system's copy (Debian fonts-dejavu-core)
        path = Path("/usr/share/fonts/truetype/dejavu") / name
    return path


def _cell_text(cell: dict) -> str:
    if cell["confirmed"]:
        return cell["confirmed"]
    if cell["average"]:
        return f"— ({cell['average']})"
    return "—"


def card_rows(view: dict, lang: str) -> list[list[str]]:
    """The table printed on the card: a heading row, then per subject its period marks, year mark and
    year average (what the PDF shows, as text)."""
    rows = [[tr("diary.report.subject", lang)] + [ROMAN.get(p["number"], str(p["number"])) for p in view["periods"]]
            + [tr("diary.report.year_mark", lang), tr("diary.report.average", lang)]]
    for r in view["rows"]:
        rows.append([localized(r, "subject", lang)] + [_cell_text(c) for c in r["cells"]]
                    + [r["year"]["confirmed"] or "—", r["year"]["average"] or "—"])
    return rows


def report_card(db: Session, user: User | None, student_id, *, lang: str = "ru",
                today: date | None = None) -> tuple[bytes, str]:
    """(PDF bytes, file name) for the child's final marks; finals() checks the parent's access."""
    today = today or clock.today()
    view = finals(db, user, student_id, lang=lang, today=today)
    t = lambda key, **kw: tr(key, lang, **kw)  # noqa: E731

    pdf = FPDF(orientation="portrait", unit="mm", format="A4")
    pdf.set_title(t("diary.report.title"))
    pdf.set_author(view["school"])
    pdf.add_font("DejaVu", "", str(_font("DejaVuSans.ttf")))
    pdf.add_font("DejaVu", "B", str(_font("DejaVuSans-Bold.ttf")))
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 16)
    pdf.cell(0, 10, t("diary.report.title"), new_x="LMARGIN", new_y="NEXT", align="C")
    pdf.set_font("DejaVu", "", 11)
    for line in (view["school"], t("diary.report.student", name=view["student"]),
                 t("diary.report.class_year", class_name=view["class_name"], year=view["year"])):
        pdf.cell(0, 7, line, new_x="LMARGIN", new_y="NEXT", align="C")
    pdf.ln(4)

    rows = card_rows(view, lang)
    subject_width = 70
    rest = (pdf.epw - subject_width) / (len(rows[0]) - 1)
    pdf.set_font("DejaVu", "", 10)
    with pdf.table(col_widths=(subject_width, *([rest] * (len(rows[0]) - 1))), text_align="CENTER",
                   line_height=7, first_row_as_headings=True) as table:
        for cells in rows:
            row = table.row()
            for i, text in enumerate(cells):
                row.cell(text, align="LEFT" if i == 0 else "CENTER")
    pdf.ln(4)
    pdf.set_font("DejaVu", "", 8)
    thresholds = ", ".join(f"{x['mark']}: ≥ {x['from']}" for x in view["thresholds"])
    pdf.multi_cell(0, 5, t("diary.report.note", thresholds=thresholds), new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 5, t("diary.report.printed", date=formats.date(today, lang)), new_x="LMARGIN", new_y="NEXT")
    safe = "".join(ch if ch.isalnum() else "_" for ch in view["student"]).strip("_")
    filename = f"report_card_{safe}_{view['year'].replace('/', '-')}.pdf"
    return bytes(pdf.output()), filename

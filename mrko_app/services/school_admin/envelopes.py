"""The access-code envelopes of a whole class in one PDF (one envelope a page), as the single
envelope page shows them (access.envelope_* texts). Each studying student gets a fresh code
(access_codes.issue_code: hashed, single use); the plain codes exist only in this PDF."""

from fpdf import FPDF
from sqlmodel import Session, select

from mrko_app.i18n import tr
from mrko_app.models import Student, User
from mrko_app.services.access import codes as access_codes
from mrko_app.services.diary.report_card import _font
from mrko_app.services.school_admin import audit
from mrko_app.services.school_admin.classes import staff_class
from mrko_app.services.school_admin.dates import fmt
from mrko_app.services.school_admin.scope import school_for_staff


def class_envelopes(db: Session, staff: User | None, school_id, class_id, lang: str = "ru") -> tuple[bytes, str, list]:
    """(PDF bytes, file name, [(student id, plain code)])."""
    school = school_for_staff(db, staff, school_id)
    school_class = staff_class(db, school, class_id)
    students = db.exec(select(Student).where(Student.class_id == school_class.id, Student.status == "studying")
                       .order_by(Student.surname, Student.first_name, Student.id)).all()
    t = lambda key, **kw: tr(key, lang, **kw)  # noqa: E731
    pdf = FPDF(orientation="portrait", unit="mm", format="A4")
    pdf.set_title(f"{t('access.envelope_title')} — {school_class.name}")
    pdf.add_font("DejaVu", "", str(_font("DejaVuSans.ttf")))
    pdf.add_font("DejaVu", "B", str(_font("DejaVuSans-Bold.ttf")))
    issued = []
    for student in students:
        code, plain = access_codes.issue_code(db, staff, student.id)
        issued.append((student.id, plain))
        pdf.add_page()
        pdf.set_font("DejaVu", "B", 14)
        pdf.multi_cell(0, 8, t("access.envelope_title"), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
        for label, value in (("access.envelope_school", school.name), ("access.envelope_student", student.full_name),
                             ("access.col_class", school_class.name)):
            pdf.set_font("DejaVu", "", 9)
            pdf.cell(0, 5, t(label), new_x="LMARGIN", new_y="NEXT")
            pdf.set_font("DejaVu", "", 12)
            pdf.multi_cell(0, 7, value, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", "", 9)
        pdf.cell(0, 5, t("access.envelope_code"), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", "B", 16)
        pdf.cell(0, 10, plain, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", "", 9)
        pdf.cell(0, 5, f"{t('access.envelope_expires')}: {fmt(code.expires_at.date())}", new_x="LMARGIN",
                 new_y="NEXT")
        pdf.ln(3)
        pdf.multi_cell(0, 5, t("access.envelope_steps"), new_x="LMARGIN", new_y="NEXT")
    audit.record(db, staff, school.id, "envelopes.print", school_class.name, {}, {"codes": len(issued)})
    return bytes(pdf.output()), f"envelopes_{school_class.grade}_{school_class.id}.pdf", issued

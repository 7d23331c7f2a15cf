"""Area SEND inspection reports laid out as the 2023 framework prints them: a cover line ("Local
area partnership report"), the title over two lines, the inspection dates, the dates of the
previous inspection (an earlier year, which must not date the report), the outcome paragraph, and
on every later page a running header naming the partnership and the dates with the page number."""

from __future__ import annotations

from pathlib import Path

OUTCOMES = {
    "positive": "The local area partnership's arrangements typically lead to positive experiences and outcomes "
                "for children and young people with special educational needs and/or disabilities (SEND). The "
                "local area partnership is taking action where improvements are needed.",
    "inconsistent": "The local area partnership's arrangements lead to inconsistent experiences and outcomes for "
                    "children and young people with special educational needs and/or disabilities (SEND). The "
                    "local area partnership must work jointly to make improvements.",
    "systemic": "There are widespread and/or systemic failings leading to significant concerns about the "
                "experiences and outcomes of children and young people with special educational needs and/or "
                "disabilities (SEND), which the local area partnership must address urgently.",
}
BODY = [
    "Since the 2016 inspection, there have been changes to the senior leadership of {a}'s SEND services.",
    "Children and young people with SEND in {a} wait too long for speech and language therapy, and their "
    "families say that the waiting lists for autism assessments are too long.",
    "Leaders have a clear understanding of the strengths and weaknesses of the area, and they have acted "
    "decisively to improve the timeliness of education, health and care plans, which are now issued sooner.",
    "Some children and young people who attend alternative provision do not receive their full entitlement "
    "to education, and leaders do not check closely enough that this provision meets their needs.",
]


def send_text(authority: str, outcome: str, dates: str, previous: str) -> str:
    paras = [p.format(a=authority) for p in BODY]
    return "\n\n".join([
        "Local area partnership report", f"Area SEND inspection of {authority} Local Area Partnership",
        f"Inspection dates: {dates}", f"Dates of previous inspection: {previous}", "Inspection outcome",
        OUTCOMES[outcome], "The next full area SEND inspection will be within approximately three years.",
        "Information about the local area partnership", *paras,
    ]) + "\n"


def write_send_report(path: Path, authority: str = "Oldham", outcome: str = "inconsistent",
                      dates: str = "17 to 21 June 2024", previous: str = "23 to 27 May 2016") -> Path:
    path.write_text(send_text(authority, outcome, dates, previous), encoding="utf-8")
    return path


def write_send_pdf(path: Path, authority: str = "Dorset", outcome: str = "systemic") -> Path:
    from fpdf import FPDF

    dates = "9 to 13 December 2024"

    class Report(FPDF):
        def header(self) -> None:
            if self.page_no() > 1:
                self.set_font("Helvetica", size=8)
                self.cell(0, 5, f"Area SEND inspection report: {authority} Local Area Partnership", new_x="LMARGIN", new_y="NEXT")
                self.cell(0, 5, f"{dates} {self.page_no()}", new_x="LMARGIN", new_y="NEXT")
                self.ln(6)

    pdf = Report(format="A4")
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.multi_cell(0, 6, "Local area partnership report", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=22)
    pdf.multi_cell(0, 10, f"Area SEND inspection of {authority} Local\nArea Partnership", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=11)
    for line in (f"Inspection dates: {dates}", "Dates of previous inspection: 6 to 10 March 2017", "Inspection outcome"):
        pdf.ln(3)
        pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.multi_cell(0, 6, OUTCOMES[outcome], new_x="LMARGIN", new_y="NEXT")
    for para in [p.format(a=authority) for p in BODY] * 12:
        pdf.ln(4)
        pdf.multi_cell(0, 6, para, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path

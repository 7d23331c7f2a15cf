"""Area SEND inspection reports laid out as the 2023 framework prints them: a cover line ("Local
area partnership report"), the title over two lines, the inspection dates, the dates of the
previous inspection (an earlier year, which must not date the report), the outcome paragraph, and
on every later page a running header naming the partnership and the dates with the page number."""

from __future__ import annotations

from pathlib import Path

DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

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


def write_send_layout_pdf(path: Path, authority: str = "Dorset") -> Path:
    """An area SEND report drawn run by run as the real ones are (measured with pypdfium2): a line
    that ends "‘waiting well’" over one that starts "policies" (glyph boxes far apart, baselines
    not), a question heading over a bulleted list whose last item runs on to the next page at its
    text's indent, a "Responsible body | Areas for priority action" table whose left cells PDFium
    gives before the right ones, an "Areas for improvement" table with its heading cell over the
    first item, and the inspection team ending short at a page foot above the complaints line."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="A4")  # 595 x 842 pt, y measured from the top
    pdf.set_auto_page_break(False)
    if Path(DEJAVU).exists():
        pdf.add_font("DejaVu", fname=DEJAVU)
    font = "DejaVu" if Path(DEJAVU).exists() else "Helvetica"

    def run(x: float, y: float, text: str, size: float = 12) -> None:
        pdf.set_font(font, size=size)
        pdf.text(x, y, text if font == "DejaVu" else text.replace("◼", "-").replace("‘", "'").replace("’", "'"))

    def page(n: int) -> None:
        pdf.add_page()
        if n > 1:
            run(60, 816, f"Area SEND inspection report: {authority} Local Area Partnership", 10)
            run(60, 828, f"9 to 13 December 2024 {n}", 10)

    def para(y: float, lines: list[str], x: float = 57) -> float:
        for i, text in enumerate(lines):
            run(x, y + 14.5 * i, text)
        return y + 14.5 * len(lines) + 14.5

    page(1)
    run(57, 110, f"Area SEND inspection of {authority} Local Area Partnership", 20)
    run(57, 140, "Inspection dates: 9 to 13 December 2024")
    y = para(180, ["Young people are positive about the help they can access in school to support their",
                   "mental health. Some children are still waiting too long. Providers have ‘waiting well’",
                   "policies in place to ensure that all children on waiting lists have appropriate support",
                   "measures in place to identify any changes of risk or presentation."])
    for _ in range(3):
        y = para(y, ["Leaders have a clear understanding of the strengths and weaknesses of the area and",
                     "have acted decisively to improve the timeliness of education, health and care plans,",
                     "which are now issued sooner than at any time since the last inspection of the area."])
    run(57, y + 10, "What is the area partnership doing that is effective?", 14)
    y += 40
    for _ in range(4):
        run(75, y, "◼ The local area partnership works closely with the parent carer forum to co-produce")
        run(93, y + 14.5, "and review the local area SEND strategy, so that families are heard by leaders.")
        y += 48
    run(75, y, "◼ Once children and their families meet the threshold for support from the family")
    run(93, y + 14.5, "support teams, the support from these teams is of a high quality and well targeted.")
    page(2)
    run(93, 80, "Support is tailored well to meet the individual needs of the child or young person.")
    run(57, 130, "Areas for priority action", 14)
    run(63, 160, "Responsible body")
    run(224, 160, "Areas for priority action")
    y = 176.0
    for action in (("Leaders should act with urgency to accelerate their data", "dashboard work so that they have a shared, accurate",
                    "understanding of the exact provision for SEND in the area.", "", ""),
                   ("Leaders should work more collaboratively and in", "partnership across all of SEND provision, with secure",
                    "governance and quality assurance arrangements in place.", "", "")):
        for i, cell in enumerate(("Dorset Council and NHS", "Dorset Integrated Care", "Board")):
            run(63, y + 14.5 * i, cell)
        for i, text in enumerate(a for a in action if a):
            run(224, y + 14.5 * i, text)
        y += 14.5 * 2 + 21  # rows 21 pt apart, lines 14.5
    run(57, y + 20, "Areas for improvement", 14)
    run(62, y + 50, "Areas for improvement")
    y = para(y + 65, ["Leaders across the partnership should address the variability in children and young",
                      "people’s access to health services so that all children and young people with SEND",
                      "have an equal opportunity to access provision and support that meets their needs."], 63) + 6 - 14.5
    para(y, ["Leaders should take action to ensure that pupils with EHC plans are attending the",
             "provision as stated on their plans, and that the use of part-time timetables is managed."], 63)
    page(3)
    run(57, 600, "Inspection team", 12)
    run(57, 630, "Ofsted Care Quality Commission")
    run(57, 660, "Adam Smith, Ofsted HMI, Lead Inspector Claire Jones, CQC Lead Inspector")
    run(57, 674.5, "Margaret Brown, Ofsted HMI Andrea Green, CQC Inspector")
    run(57, 689, "Pippa Maitland, Ofsted HMI")
    page(4)
    run(57, 160, "If you are not happy with the inspection or the report, you can complain to Ofsted.")
    pdf.output(str(path))
    return path

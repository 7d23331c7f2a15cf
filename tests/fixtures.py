"""Small documents in every supported format, made at test time, from authorities other than the
seed corpus's: PDFs with running headers, footers and page-split paragraphs; HTML with navigation,
cookie banners and reader comments; DOCX with heading styles and a judgement table."""

from __future__ import annotations

from pathlib import Path

FILLER = (
    "Social workers visit children regularly and know them well, and managers review plans "
    "with care so that help is given at the right time to the children who need it most. "
)


def inspection_paragraphs(authority: str) -> list[str]:
    paras = [
        f"Children and families in {authority} benefit from a comprehensive range of early help support. " + FILLER * 2,
        "When concerns for children are referred to the front door, the response is timely and appropriate. " + FILLER * 3,
        "Too many care leavers live in unsuitable accommodation without the practical support they need. " + FILLER * 2,
        "Children who go missing from home receive return home interviews that are timely and thorough. " + FILLER * 9,
        "Private fostering arrangements are well supported and assessments are completed promptly. " + FILLER,
        "The local authority's corporate parenting board is ambitious for children in care. " + FILLER * 2,
    ]
    return [f"{i}. {p.strip()}" for i, p in enumerate(paras, start=1)]


def write_pdf(path: Path, authority: str = "Tameside", title: str | None = None) -> Path:
    from fpdf import FPDF

    title = title or f"Inspection of {authority} local authority children's services"

    class Report(FPDF):
        def header(self) -> None:
            self.set_font("Helvetica", size=8)
            self.cell(0, 8, title, align="C")
            self.ln(12)

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("Helvetica", size=8)
            self.cell(0, 10, f"Page {self.page_no()} of {{nb}}", align="C")

    pdf = Report(format=(148, 210))
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.add_page()
    pdf.set_font("Helvetica", size=14)
    pdf.multi_cell(0, 8, title)
    pdf.ln(4)
    pdf.set_font("Helvetica", size=10)
    pdf.multi_cell(0, 6, "Inspection dates: 7 to 18 March 2022")
    pdf.ln(4)
    for para in inspection_paragraphs(authority):
        pdf.multi_cell(0, 5, para)
        pdf.ln(4)
    pdf.output(str(path))
    return path


def write_docx(path: Path, authority: str = "Stockton-on-Tees") -> Path:
    import docx

    document = docx.Document()
    document.add_heading(f"Inspection of {authority} local authority children's services", level=0)
    document.add_paragraph("Inspection dates: 27 June to 8 July 2022")
    table = document.add_table(rows=4, cols=2)
    rows = [
        ("Judgement", "Grade"),
        ("The impact of leaders on social work practice with children and families", "Good"),
        ("The experiences and progress of children who need help and protection", "Requires improvement to be good"),
        ("The experiences and progress of children in care", "Outstanding"),
    ]
    for row, (label, grade) in zip(table.rows, rows):
        row.cells[0].text = label
        row.cells[1].text = grade
    document.add_heading("The experiences and progress of children who need help and protection", level=1)
    for para in inspection_paragraphs(authority):
        document.add_paragraph(para)
    document.save(str(path))
    return path


def write_html(path: Path, authority: str = "Bath and North East Somerset") -> Path:
    paras = "".join(f"<p>{p}</p>" for p in [
        f"Ofsted has judged children's services in {authority} to be good, after a two-week inspection in May 2023.",
        "Inspectors found that children in care have stable homes and trusted relationships with their social workers.",
        f"Councillor Jane Reading, cabinet member for children in {authority}, said the council was proud of its staff.",
        "The report said that care leavers do not always know about their entitlements to health histories.",
    ])
    html = f"""<!doctype html><html><head><title>{authority} children's services rated good | Care News</title>
<meta property="og:url" content="https://news.example.org/{authority.lower().replace(' ', '-')}-good">
<meta name="date" content="2023-06-14"></head>
<body>
<div id="cookie-banner" class="cookie-banner">We use cookies to improve this site. Accept all cookies</div>
<nav class="site-nav"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/jobs">Jobs</a></li><li><a href="/subscribe">Subscribe</a></li></ul></nav>
<main><article>
<h1>{authority} children's services rated good</h1>
<p class="byline">By A Reporter, 14 June 2023</p>
{paras}
</article>
<section id="comments" class="comments">
<h2>2 Responses</h2>
<div class="comment"><p>Janet, June 15, 2023 at 9:08 am: I worked in York for years and it was never this good.</p></div>
<div class="comment"><p>Sam, June 16, 2023 at 1:50 pm: Well deserved, the staff work so hard.</p></div>
</section></main>
<aside class="sidebar"><h3>Most popular</h3><ul><li><a href="/a">Agency staff costs soar</a></li></ul></aside>
<footer class="site-footer"><p>Copyright Care News Ltd. All rights reserved. Privacy policy.</p></footer>
</body></html>"""
    path.write_text(html, encoding="utf-8")
    return path


def write_markdown(path: Path, authority: str = "St Helens") -> Path:
    text = f"""# Focused visit to {authority} children's services

12 October 2023

Dear Director

This letter summarises the findings of the focused visit to {authority} children's services on 5 and 6 September 2023.

## Headline findings

Leaders in {authority} have a clear understanding of the quality of practice for children in care.
Most children in care live in stable placements that meet their needs well.

Yours sincerely
"""
    path.write_text(text, encoding="utf-8")
    return path


def write_cp1252(path: Path, authority: str = "Kingston upon Hull") -> Path:
    text = (
        "Report to: Children's Scrutiny Committee\n"
        "Date of Meeting: 3 March 2021\n\n"
        "CHILDREN'S SERVICES BUDGET\n\n"
        f"1.1 Hull City Council's children's services are forecast to overspend by £2.1 million this year.\n\n"
        f"1.2 {authority} continues to invest in early help, with £450,000 set aside for family hubs.\n"
    )
    path.write_bytes(text.encode("cp1252"))
    return path


def write_graded_report(
    path: Path, authority: str, judgements: dict[str, str], dates: str, topic: str | None = None
) -> Path:
    """A text inspection report laid out like Ofsted's: title, inspection dates, a judgement table
    (label, tab, grade), then numbered paragraphs; ``topic`` adds one paragraph on its own subject."""
    table = "\n".join(f"{label}\t{grade}" for label, grade in judgements.items())
    paras = inspection_paragraphs(authority)
    if topic:
        paras.append(f"{len(paras) + 1}. {topic}")
    text = (
        f"Inspection of {authority} local authority children's services\n\n"
        f"Inspection dates: {dates}\n\n"
        "Lead inspector: Jane Example, His Majesty's Inspector\n\n"
        f"Judgement\tGrade\n{table}\n\n" + "\n\n".join(paras) + "\n"
    )
    path.write_text(text, encoding="utf-8")
    return path


ILACS_2023 = (
    "The impact of leaders on social work practice with children and families",
    "The experiences and progress of children who need help and protection",
    "The experiences and progress of children in care",
    "The experiences and progress of care leavers",
    "Overall effectiveness",
)


def write_graded_corpus(folder: Path) -> Path:
    """Three reports from two authorities with different grades, for grade filters, the judgements
    table and timelines: Tameside 2019 inadequate, then 2023 requires improvement; Oldham good;
    and Oldham's area SEND inspection of 2024, whose outcome is "inconsistent"."""
    from send_fixtures import write_send_report

    folder.mkdir(parents=True, exist_ok=True)
    write_send_report(folder / "s24.txt", "Oldham", "inconsistent")
    inadequate = "Inadequate"
    ri = "Requires improvement to be good"
    write_graded_report(folder / "t19.txt", "Tameside", dict(zip(ILACS_2023[:3] + ILACS_2023[4:], [
        inadequate, inadequate, ri, inadequate])), "4 to 15 March 2019",
        topic="Care leavers in Tameside wait too long for suitable accommodation and some live in bed and breakfast.")
    write_graded_report(folder / "t23.txt", "Tameside", dict(zip(ILACS_2023, [ri, ri, "Good", ri, ri])),
                        "6 to 17 November 2023",
                        topic="Care leavers in Tameside now live in suitable accommodation, and none in bed and breakfast.")
    write_graded_report(folder / "o22.txt", "Oldham", dict(zip(ILACS_2023, ["Good", "Good", "Outstanding", "Good", "Good"])),
                        "9 to 20 May 2022")
    return folder

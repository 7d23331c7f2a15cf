"""A PDF drawn the way real Ofsted reports are, run by run, to reproduce their layout artefacts.

Each text run is placed by position, in the order the real reports draw them (measured with
pypdfium2 on ../shared/real-ilacs): the judgement table's grade cell after its label's lines
and level with the first of them, a grade cell that wraps ("Requires improvement to" / "be
good"), paragraph numbers hanging in a column of their own with the text indented beside them,
a running header and footer with the page number on every page, a sentence cut by a page break,
a word hyphenated at a line end, a footnote marker in superscript after a word with its footnote
in small type at the page foot, private-use bullet glyphs, and a contents page.
"""

from __future__ import annotations

from pathlib import Path

from indexer.describe.authorities import gazetteer
from indexer.describe.metadata import describe
from indexer.ingest.cleaning import clean
from indexer.ingest.readers import read
from indexer.types import Cleaned, Document

AUTHORITY = "Tameside"
DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
WRAPPED_SENTENCE = (
    "Leaders have a clear understanding of the strengths of the service and have acted decisively "
    "to recruit permanent social workers, which has reduced caseloads across every team."
)


def write_ofsted_pdf(path: Path) -> Path:
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="A4")  # 595 x 842 pt, y measured from the top
    pdf.set_auto_page_break(False)
    bullet_font = None
    if Path(DEJAVU).exists():  # Helvetica has no bullet glyphs
        pdf.add_font("DejaVu", fname=DEJAVU)
        bullet_font = "DejaVu"

    def run(x: float, y: float, text: str, size: float = 12) -> None:
        pdf.set_font("Helvetica", size=size)
        pdf.text(x, y, text)

    def furniture(page: int) -> None:
        run(72, 800, f"Inspection of {AUTHORITY} local authority children's services", 8)
        run(72, 810, f"7 to 18 March 2022 {page}", 8)

    # Page 1: title, dates and a judgement table whose cells PDFium returns as separate runs.
    pdf.add_page()
    run(72, 150, f"Inspection of {AUTHORITY} local authority", 26)
    run(72, 180, "children's services", 26)
    run(72, 215, "Inspection dates: 7 to 18 March 2022")
    run(72, 240, "Lead inspector: Jane Smith, His Majesty's Inspector")
    run(76, 280, "Judgement Grade")
    rows = [
        ("The impact of leaders on social work", "practice with children and families", "Good", None),
        ("The experiences and progress of", "children who need help and protection", "Requires improvement to", "be good"),
        ("The experiences and progress of", "children in care", "Outstanding", None),
        ("The experiences and progress of care", "leavers", "Inadequate", None),
    ]
    y = 310.0
    for first, second, grade, grade_rest in rows:
        run(76, y, first)
        run(77, y + 15, second)
        run(303, y, grade)
        if grade_rest:
            run(303, y + 15, grade_rest)
        y += 42
    run(77, y, "Overall effectiveness Good")
    run(72, y + 40, f"Children in {AUTHORITY} benefit from stable, skilled social workers.")
    furniture(1)

    # Page 2: a contents page.
    pdf.add_page()
    run(72, 100, "Contents", 26)
    for i, entry in enumerate(("What needs to improve 3", "Help and protection 3", "Children in care 4",
                               "Information about this inspection 5")):
        run(84, 140 + 22 * i, entry, 14)
    furniture(2)

    # Page 3: bullets, numbered paragraphs with the numbers in their own column, a hyphen at a
    # line end, a superscript footnote marker, and a sentence that runs on to the next page.
    pdf.add_page()
    run(72, 90, "What needs to improve?", 14)
    for i, (a, b) in enumerate((
        ("The timeliness of initial child protection conferences for", "children who are at risk of harm."),
        ("The quality of supervision for social workers.", None),
    )):
        yy = 115 + 36 * i
        if bullet_font:
            pdf.set_font(bullet_font, size=12)
            pdf.text(72, yy, "\u25fc")
        else:
            run(72, yy, "-")
        run(89, yy, a)
        if b:
            run(89, yy + 15, b)
    run(72, 200, "The experiences and progress of children who need help and", 14)
    run(72, 218, "protection: requires improvement to be good", 14)
    run(72, 250, "1.")
    run(100, 250, "Children and families receive the help they need through a well-established")
    run(100, 265, "early help offer, and thresholds are understood by partners across the")
    run(100, 280, "area, so that children get the right help at the right time.")
    run(72, 310, "2.")
    run(100, 310, "The multi-")
    run(100, 325, "agency safeguarding hub responds quickly to contacts and referrals, and")
    run(100, 340, "managers check decisions. The Safeguarding Children Board")
    pdf.set_font("Helvetica", size=7)
    pdf.text(428, 335, "1")
    run(433, 340, " meets monthly.")
    run(72, 370, "3.")
    words = WRAPPED_SENTENCE.split()
    run(100, 370, " ".join(words[:12]))
    run(100, 385, " ".join(words[12:20]))
    pdf.set_font("Helvetica", size=7)
    pdf.text(72, 742, "1")
    run(76, 745, "The board became a safeguarding partnership in 2019.", 10)
    furniture(3)

    # Page 4: the sentence carries on, at the paragraph's indent, then the next paragraph.
    pdf.add_page()
    run(100, 90, " ".join(words[20:]))
    run(72, 120, "4.")
    run(100, 120, "Disabled children are visited regularly by workers who know them well, and their")
    run(100, 135, "plans are reviewed with their parents, carers and schools at every review meeting.")
    for n, y in ((5, 165), (6, 225), (7, 285)):
        run(72, y, f"{n}.")
        run(100, y, "Children in care live in stable homes with carers who understand their needs,")
        run(100, y + 15, "and their social workers visit them often, listen to them and act on what they")
        run(100, y + 30, "say, so that their plans reflect their wishes and the help they need.")
    furniture(4)
    pdf.output(str(path))
    return path


def read_described(path: Path) -> tuple[Document, Cleaned]:
    """A fixture PDF read, cleaned and described, as the build does."""
    extracted = read(path)
    cleaned = clean(extracted)
    return describe(path.name, "sha", extracted, cleaned, gazetteer()), cleaned


def blocks(cleaned: Cleaned) -> list[str]:
    return [cleaned.text[b.start : b.end] for b in cleaned.blocks]

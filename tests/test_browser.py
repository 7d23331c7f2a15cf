"""A real browser (Debian's chromium, driven by Playwright) against `streamlit run app.py`."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
from conftest import CORPUS, ROOT
from fixtures import write_graded_corpus

pytestmark = [pytest.mark.browser, pytest.mark.model]
CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = ROOT / "tests" / "artifacts"
HOSTILE = (
    "Report to: Children's Scrutiny Committee\n"
    "Date of Meeting: 5 May 2023\n\n"
    "WEBSITE SAFETY UPDATE\n\n"
    "1.1 Reading Borough Council found that a referral form had been sent the text "
    "<script>window.__pwned=1</script> and <img src=x onerror=\"window.__pwned=2\"> by a member of the public.\n\n"
    "1.2 Reading Borough Council has since checked every referral form for such markup.\n"
)
DENTIST = "How long do children wait to see a dentist in Blackburn with Darwen?"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, real_embedder) -> Iterator[str]:  # type: ignore[no-untyped-def]
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (make test installs it with apt-get)")
    from indexer.build import build
    from indexer.config import load_settings

    base = tmp_path_factory.mktemp("browser")
    corpus = base / "corpus"
    shutil.copytree(CORPUS, corpus)
    (corpus / "a1b2c3.txt").write_text(HOSTILE, encoding="utf-8")
    write_graded_corpus(corpus)  # Tameside 2019 inadequate, 2023 requires improvement; Oldham good, SEND 2024
    settings = load_settings(index_dir=base / "index")
    build(corpus, settings, real_embedder, progress=False)
    port = _free_port()
    env = {**os.environ, "INDEXER_INDEX_DIR": str(settings.index_dir), "HF_HUB_OFFLINE": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            urllib.request.urlopen(f"{url}/_stcore/health", timeout=2)
            break
        except OSError:
            time.sleep(0.5)
    else:
        proc.kill()
        pytest.fail("streamlit did not start within 60 s")
    yield url
    proc.terminate()
    proc.wait(timeout=20)


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
        )
        yield b
        b.close()


def open_page(browser, url: str, width: int = 1400):  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": width, "height": 1100})
    page.goto(url)
    page.wait_for_selector("text=Children's services evidence", timeout=90_000)
    return page


def copies(page) -> list[str]:  # type: ignore[no-untyped-def]
    """What each copy button puts on the clipboard, in page order."""
    return [str(b.get_attribute("data-copy")) for b in page.locator("button[data-copy]").all()]


def wait_for_answer(page) -> list[str]:  # type: ignore[no-untyped-def]
    page.wait_for_selector("text=Cited passages", timeout=90_000)
    page.wait_for_function("document.querySelectorAll('button[data-copy]').length >= 2", timeout=30_000)
    page.wait_for_timeout(1000)  # the last cards arrive just after the first
    return copies(page)


def test_dentist_question_from_url(server: str, browser) -> None:  # type: ignore[no-untyped-def]
    ARTIFACTS.mkdir(exist_ok=True)
    page = open_page(browser, f"{server}/?{urlencode({'q': DENTIST})}")
    copied = wait_for_answer(page)
    assert page.get_by_text("Too many children wait too long to see a dentist in Blackburn with Darwen.").count() >= 1
    quote = next(c for c in copied if c.startswith("\u201cToo many children wait too long to see a dentist"))
    assert "Blackburn with Darwen" in quote.split("\n", 1)[1] and "(2022)" in quote
    page.screenshot(path=str(ARTIFACTS / "dentist-1400.png"))
    page.set_viewport_size({"width": 800, "height": 1100})
    page.wait_for_timeout(800)
    page.screenshot(path=str(ARTIFACTS / "dentist-800.png"))
    page.close()


def test_url_filters_keep_to_blackpool_2022(server: str, browser) -> None:  # type: ignore[no-untyped-def]
    query = urlencode({"q": "How is neglect handled?", "authority": "Blackpool", "year_from": 2022, "year_to": 2022})
    page = open_page(browser, f"{server}/?{query}")
    copied = wait_for_answer(page)
    references = [c.split("\n")[-1] for c in copied[1:]]
    assert references and all("Blackpool" in r and "(2022)" in r for r in references)
    assert "Blackburn with Darwen" not in "\n".join(copied)
    page.close()


def test_markup_in_a_document_is_shown_not_run(server: str, browser) -> None:  # type: ignore[no-untyped-def]
    query = urlencode({"q": "What markup was sent on a referral form in Reading?"})
    page = open_page(browser, f"{server}/?{query}")
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    wait_for_answer(page)
    body = page.inner_text("body")
    assert "<script>window.__pwned=1</script>" in body
    assert '<img src=x onerror="window.__pwned=2">' in body
    assert page.evaluate("window.__pwned") is None and dialogs == []
    page.screenshot(path=str(ARTIFACTS / "markup-1400.png"))
    page.close()


def shoot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    """Screenshots at 1400 and 800 px wide, in tests/artifacts/."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}-1400.png"))
    page.set_viewport_size({"width": 800, "height": 1100})
    page.wait_for_timeout(800)
    page.screenshot(path=str(ARTIFACTS / f"{name}-800.png"))


def test_cards_show_each_quote_once_and_copy_it_in_one_click(server: str, browser) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    context = browser.new_context(viewport={"width": 1400, "height": 1100},
                                  permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(f"{server}/?{urlencode({'q': DENTIST})}")
    page.wait_for_selector("text=Children's services evidence", timeout=90_000)
    wait_for_answer(page)
    quote = "Too many children wait too long to see a dentist in Blackburn with Darwen."
    for width in (1400, 800):
        page.set_viewport_size({"width": width, "height": 1100})
        page.wait_for_timeout(800)
        # on screen: once in the answer, once highlighted in its passage; no copy box repeats it
        assert page.evaluate("(q) => document.body.innerText.split(q).length - 1", quote) == 2
        assert page.locator("pre code").count() == 0
        highlight = page.locator("span.stMarkdownColoredBackground", has_text=quote)
        assert highlight.count() == 1
        card = highlight.locator("xpath=ancestor::div[.//button[@data-copy]][1]")
        card.scroll_into_view_if_needed()
        page.screenshot(path=str(ARTIFACTS / f"card-{width}.png"))
        button = card.locator("button[data-copy]")
        expect(button).to_have_text("Copy quote and reference")  # back from "Copied" after a moment
        page.evaluate("navigator.clipboard.writeText('')")
        button.click()
        expect(button).to_have_text("Copied ✓")
        assert page.evaluate("navigator.clipboard.readText()") == (
            f"\u201c{quote}\u201d\nOfsted (2022) Inspection of Blackburn with Darwen local authority children's "
            "services, 4 February 2022, para. 27."
        )
    context.close()


def test_judgements_table_opens_a_report_and_downloads_csv(server: str, browser) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    page = open_page(browser, f"{server}/?{urlencode({'tab': 'Judgements', 'grade': 'inadequate'})}")
    page.wait_for_selector("text=Download CSV", timeout=60_000)
    assert page.get_by_text("1 inspection report with judgements").count() == 1  # any judgement inadequate
    grid = page.locator("[data-testid='stDataFrame']").first
    box = grid.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + 18, box["y"] + 35 + 17)  # the first row's selection box
    page.wait_for_selector("h3:has-text('Inspection of Tameside local authority children')", timeout=30_000)
    passage = page.get_by_text("Care leavers in Tameside wait too long for suitable accommodation")
    expect(passage).to_have_count(1, timeout=30_000)  # the report renders after its heading on a busy machine
    button = page.get_by_role("button", name="Download CSV")
    expect(button).to_be_enabled(timeout=30_000)
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=60_000)  # the rerun is over
    with page.expect_download(timeout=60_000) as download:
        button.click()
    text = Path(download.value.path()).read_text(encoding="utf-8")
    lines = text.strip().splitlines()
    assert lines[0].startswith("authority,date,year,doc_type,Overall effectiveness,Leaders")
    assert len(lines) == 2 and lines[1].startswith("Tameside,2019-03-15,2019,inspection,Inadequate,Inadequate")
    shoot(page, "judgements")
    page.close()


def test_judgements_tab_lists_a_send_report_with_its_outcome(server: str, browser) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    page = open_page(browser, f"{server}/?{urlencode({'tab': 'Judgements', 'grade': 'send=inconsistent'})}")
    page.wait_for_selector("text=Download CSV", timeout=60_000)
    assert page.get_by_text("1 inspection report with judgements").count() == 1
    button = page.get_by_role("button", name="Download CSV")
    expect(button).to_be_enabled(timeout=30_000)
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=60_000)
    with page.expect_download(timeout=60_000) as download:
        button.click()
    lines = Path(download.value.path()).read_text(encoding="utf-8").strip().splitlines()
    assert lines[0].endswith("SEND outcome,title,path")
    assert len(lines) == 2 and lines[1].startswith("Oldham,2024-06-21,2024,area_send,")
    assert "Lead to inconsistent experiences and outcomes" in lines[1]
    page.close()


def test_compare_two_authorities_side_by_side(server: str, browser) -> None:  # type: ignore[no-untyped-def]
    query = urlencode([("q", "What is said about dentists?"), ("compare", "Blackpool"), ("compare", "Blackburn with Darwen")])
    page = open_page(browser, f"{server}/?{query}")
    page.wait_for_selector("text=Copy every column", timeout=90_000)
    columns = page.locator("[data-testid='stColumn']")
    assert columns.count() == 2
    assert "Blackpool" in columns.nth(0).inner_text() and columns.nth(0).locator("[data-testid='stAlert']").count() == 1
    assert columns.nth(0).locator("button[data-copy]").count() == 0
    right = columns.nth(1).inner_text()
    assert "Too many children wait too long to see a dentist in Blackburn with Darwen." in right
    assert "Ofsted (2022) Inspection of Blackburn with Darwen" in right
    shoot(page, "compare")
    page.close()


def test_timeline_follows_one_authority(server: str, browser) -> None:  # type: ignore[no-untyped-def]
    query = urlencode({"q": "Where do care leavers live in Tameside?", "timeline": "Tameside"})
    page = open_page(browser, f"{server}/?{query}")
    page.wait_for_selector("text=2 documents about Tameside, oldest first", timeout=90_000)
    page.wait_for_function("document.querySelectorAll('button[data-copy]').length >= 2", timeout=30_000)
    body = page.inner_text("body")
    assert body.index("15 March 2019") < body.index("17 November 2023")
    first, second = copies(page)[:2]
    assert "15 March 2019" in first and "17 November 2023" in second
    shoot(page, "timeline")
    page.close()

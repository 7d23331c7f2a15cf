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


def wait_for_answer(page) -> list[str]:  # type: ignore[no-untyped-def]
    page.wait_for_selector("text=Cited passages", timeout=90_000)
    page.wait_for_function("document.querySelectorAll('pre code').length >= 2", timeout=30_000)
    page.wait_for_timeout(1000)  # the last cards arrive just after the first
    return [c.inner_text() for c in page.locator("pre code").all()]


def test_dentist_question_from_url(server: str, browser) -> None:  # type: ignore[no-untyped-def]
    ARTIFACTS.mkdir(exist_ok=True)
    page = open_page(browser, f"{server}/?{urlencode({'q': DENTIST})}")
    copies = wait_for_answer(page)
    assert page.get_by_text("Too many children wait too long to see a dentist in Blackburn with Darwen.").count() >= 1
    quote = next(c for c in copies if c.startswith("\u201cToo many children wait too long to see a dentist"))
    assert "Blackburn with Darwen" in quote.split("\n", 1)[1] and "(2022)" in quote
    page.screenshot(path=str(ARTIFACTS / "dentist-1400.png"))
    page.set_viewport_size({"width": 800, "height": 1100})
    page.wait_for_timeout(800)
    page.screenshot(path=str(ARTIFACTS / "dentist-800.png"))
    page.close()


def test_url_filters_keep_to_blackpool_2022(server: str, browser) -> None:  # type: ignore[no-untyped-def]
    query = urlencode({"q": "How is neglect handled?", "authority": "Blackpool", "year_from": 2022, "year_to": 2022})
    page = open_page(browser, f"{server}/?{query}")
    copies = wait_for_answer(page)
    references = [c.split("\n")[-1] for c in copies[1:]]
    assert references and all("Blackpool" in r and "(2022)" in r for r in references)
    assert "Blackburn with Darwen" not in "\n".join(copies)
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

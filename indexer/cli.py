"""``python -m indexer``: build, info, search, ask, judgements, compare, timeline, eval, serve.
``--json`` prints one JSON object."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path
from typing import Any

from indexer.config import load_settings
from indexer.errors import IndexerError


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--index", help="index folder (default: .index, or $INDEXER_INDEX_DIR)")
    common.add_argument("--json", action="store_true", help="print one JSON object")
    common.add_argument("--model", help="sentence-transformers model name or folder")
    filters = argparse.ArgumentParser(add_help=False)
    filters.add_argument("--authority", action="append", default=[], help="local authority (any alias)")
    filters.add_argument("--year-from", type=int)
    filters.add_argument("--year-to", type=int)
    filters.add_argument("--type", action="append", default=[], dest="types", help="document type")
    filters.add_argument("--grade", action="append", default=[], dest="grades",
                         help='only reports with this grade: "overall effectiveness=inadequate", or a grade alone')
    ranked = argparse.ArgumentParser(add_help=False)
    ranked.add_argument("-k", type=int, default=None, help="how many passages")

    parser = argparse.ArgumentParser(prog="indexer", description=__doc__)
    verbs = parser.add_subparsers(dest="verb", required=True)
    b = verbs.add_parser("build", parents=[common], help="index a corpus folder")
    b.add_argument("corpus", nargs="?", default=None)
    b.add_argument("--no-progress", action="store_true")
    i = verbs.add_parser("info", parents=[common], help="what the index holds")
    i.add_argument("--passages", action="store_true", help="list every passage")
    s = verbs.add_parser("search", parents=[common, filters, ranked], help="ranked passages")
    s.add_argument("query")
    a = verbs.add_parser("ask", parents=[common, filters, ranked], help="a cited answer")
    a.add_argument("question")
    verbs.add_parser("judgements", parents=[common, filters], help="the judgements of every inspection report")
    c = verbs.add_parser("compare", parents=[common, filters], help="one question, 2-4 authorities side by side")
    c.add_argument("question")
    t = verbs.add_parser("timeline", parents=[common, filters],
                         help="one authority's documents in date order, with the best answer from each")
    t.add_argument("place", metavar="AUTHORITY")
    t.add_argument("question", nargs="?", default="")
    e = verbs.add_parser("eval", parents=[common], help="recall@k and MRR on a question file")
    e.add_argument("questions")
    e.add_argument("-k", type=int, default=10)
    v = verbs.add_parser("serve", parents=[common], help="the HTTP JSON service (docs at /docs)")
    v.add_argument("--host", default="127.0.0.1", help="any address but loopback needs INDEXER_API_KEY")
    v.add_argument("--port", type=int, default=8000)
    v.add_argument("--threads", type=int, default=32, help="requests handled at once")
    v.add_argument("--answering", type=int, default=2, help="of those, searches and answers at once")
    v.add_argument("--workers", type=int, default=1, help="processes, each with its own model")
    return parser


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("bm25s").setLevel(logging.WARNING)
    args = _parser().parse_args(argv)
    try:
        settings = load_settings(index_dir=args.index, model=args.model)
        if args.verb == "serve":
            return _serve(args, settings)
        result = _run(args, settings)
    except IndexerError as exc:
        if args.json:
            print(json.dumps({"error": str(exc)}))
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted: the last good index is unchanged", file=sys.stderr)
        return 130
    payload, text = result
    if args.json:
        print(json.dumps(payload, ensure_ascii=False))
    else:
        print(text)
    return 0


def _serve(args: argparse.Namespace, settings: Any) -> int:
    from indexer.serve import serve, serve_options

    options = serve_options(host=args.host, port=args.port, threads=args.threads,
                            answering=args.answering, workers=args.workers)
    logging.getLogger("indexer.serve").setLevel(logging.INFO)
    serve(settings, options)
    return 0


def _run(args: argparse.Namespace, settings: Any) -> tuple[dict[str, Any], str]:
    from indexer import views

    if args.verb == "build":
        from indexer.build import build
        from indexer.store.embedding import SentenceTransformerEmbedder

        corpus = Path(args.corpus) if args.corpus else settings.corpus_dir
        report = build(corpus, settings, SentenceTransformerEmbedder(settings.model),
                       progress=False if args.no_progress or args.json else None)
        if args.json:  # the summary line goes to stderr; stdout holds the one JSON object
            print(report.summary(), file=sys.stderr)
        return report.as_dict(), views.build_text(report)
    if args.verb == "info":
        from indexer.store.index import open_index

        index = open_index(settings.index_dir)
        return views.info(index, args.passages), views.info_text(index)
    from indexer.library import Library, make_filters

    library = Library.open(settings)
    if args.verb == "eval":
        from indexer.evaluate import evaluate, load_questions

        figures = evaluate(library, load_questions(Path(args.questions)), k=args.k)
        return figures, views.eval_text(figures)
    filters = make_filters(args.authority, args.year_from, args.year_to, args.types, args.grades)
    if args.verb == "judgements":
        reports = library.judgements(filters)
        return views.judgements(reports), views.judgements_text(reports)
    if args.verb == "compare":
        columns = library.compare(args.question, filters.authorities, filters)
        return views.compare(columns), views.compare_text(columns)
    if args.verb == "timeline":
        place = make_filters([args.place]).authorities[0]
        entries = library.timeline(place, args.question, filters)
        return views.timeline(place, entries), views.timeline_text(place, entries)
    if args.verb == "search":
        hits, applied = library.search(args.query, filters, args.k)
        return views.search(hits, applied), views.search_text(hits, applied)
    answer = library.ask(args.question, filters, args.k)
    return views.answer(answer), views.answer_text(answer)

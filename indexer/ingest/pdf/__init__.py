"""The PDF layout reader: pypdfium2's characters with their boxes, rebuilt into paragraphs
(running heads and feet out, hanging paragraph numbers joined, judgement tables read as tables)."""

from indexer.ingest.pdf.layout import layout, read_pdf
from indexer.ingest.pdf.lines import Line

__all__ = ["Line", "layout", "read_pdf"]

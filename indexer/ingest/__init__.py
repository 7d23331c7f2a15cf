"""Reading: one reader per format, the PDF layout reader, cleaning, sentences and chunking.

Files in, ``Extracted`` text, ``Cleaned`` blocks and ``Passage``s out. Imports nothing of
``store``, ``ask`` or ``across``; the chunker reads dates and printed grades with ``describe``'s
vocabulary."""

from indexer.ingest.chunking import chunk
from indexer.ingest.cleaning import clean
from indexer.ingest.readers import SUPPORTED, decode_text, read
from indexer.ingest.sentences import BULLET, LIST_ITEM, sentence_spans

__all__ = ["BULLET", "LIST_ITEM", "SUPPORTED", "chunk", "clean", "decode_text", "read", "sentence_spans"]

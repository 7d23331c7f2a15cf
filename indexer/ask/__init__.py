"""Answering: filters said in the question, the question's topic, hybrid retrieval, the second
stage, extractive answers and their citations."""

from indexer.ask.answer import compose, decline
from indexer.ask.citations import copy_text, markdown_reference, reference
from indexer.ask.query import ParsedQuestion, parse_question
from indexer.ask.search import Searcher
from indexer.ask.topic import Topic, on_topic, topic_of

__all__ = [
    "ParsedQuestion", "Searcher", "Topic", "compose", "copy_text", "decline", "markdown_reference",
    "on_topic", "parse_question", "reference", "topic_of",
]

"""The HTTP JSON service beside the app: the CLI's JSON objects over HTTP, one generation at a time."""

from indexer.serve.app import create_app, serve
from indexer.serve.options import ServeOptions, is_loopback, serve_options

__all__ = ["ServeOptions", "create_app", "is_loopback", "serve", "serve_options"]

"""``python tests/serve/fake_server.py INDEX PORT``: the service on 127.0.0.1 with the fake embedder."""

import sys
from pathlib import Path

import uvicorn
from conftest import FakeEmbedder

from indexer.config import Settings
from indexer.serve import ServeOptions, create_app

index, port = Path(sys.argv[1]), int(sys.argv[2])
app = create_app(Settings(index_dir=index, model="fake"), ServeOptions(port=port, interval=0.2), FakeEmbedder())
uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")

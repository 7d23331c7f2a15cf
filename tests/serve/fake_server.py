"""``python tests/serve/fake_server.py INDEX PORT [THREADS ANSWERING]``: the service on 127.0.0.1
with the fake embedder."""

import sys
from pathlib import Path

import uvicorn
from conftest import FakeEmbedder

from indexer.config import Settings
from indexer.serve import ServeOptions, create_app

index, port = Path(sys.argv[1]), int(sys.argv[2])
threads, answering = (int(sys.argv[3]), int(sys.argv[4])) if len(sys.argv) > 4 else (32, 2)
options = ServeOptions(port=port, interval=0.2, threads=threads, answering=answering)
# No answer judge, as in every other test (conftest.py): the fakes answer by the rules alone.
app = create_app(Settings(index_dir=index, model="fake", judge=""), options, FakeEmbedder())
uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")

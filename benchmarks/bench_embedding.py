"""Embedding backends side by side on catalogue texts: texts/s and agreement with PyTorch fp32.

Why: embedding is nearly all of a full catalogue load, and the default backend (ONNX Runtime,
dynamically quantized int8) must be both faster and exact enough. Runs each backend on the same
sample of catalogue texts (ref + title + abstract, cut as for the graph) and writes
docs/benchmarks/embedding.md.

    .venv/bin/python benchmarks/bench_embedding.py [--texts 1500]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import time
from pathlib import Path

import numpy as np

from graph.catalog.records import embedding_text
from nlp.embedder import Embedder, quantization_target
from stdkg.config import get_settings

OUT = Path(__file__).resolve().parent.parent / "docs" / "benchmarks" / "embedding.md"


def sample_texts(data: Path, count: int) -> list[str]:
    texts: list[str] = []
    for name in ("iso", "iec", "itu", "etsi"):
        with gzip.open(data / "standards" / f"{name}.jsonl.gz", "rt", encoding="utf-8") as f:
            for number, line in enumerate(f):
                if number % 40:
                    continue
                row = json.loads(line)
                texts.append(
                    embedding_text(
                        row.get("reference"), row.get("title_en"), row.get("abstract_en")
                    )
                )
    random.Random(7).shuffle(texts)
    return texts[:count]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--texts", type=int, default=1500)
    args = parser.parse_args()
    settings = get_settings()
    texts = sample_texts(settings.shared_data, args.texts)
    runs = [("torch", 256), ("torch", 128), ("onnx", 128), ("onnx-int8", 128)]
    vectors: dict[tuple[str, int], np.ndarray] = {}
    rates: dict[tuple[str, int], float] = {}
    for backend, length in runs:
        embedder = Embedder(
            settings.embedding_model,
            64,
            backend=backend,
            max_seq_length=length,
            models_dir=settings.home / "models",
        )
        embedder.embed(texts[:64])  # warm-up
        started = time.perf_counter()
        vectors[(backend, length)] = np.asarray(embedder.embed(texts), dtype=np.float32)
        rates[(backend, length)] = len(texts) / (time.perf_counter() - started)
        print(backend, length, f"{rates[(backend, length)]:.1f} texts/s", flush=True)
    reference = vectors[("torch", 256)]
    load = os.getloadavg()[0]
    lines = [
        "# Embedding backends",
        "",
        f"{len(texts)} catalogue texts (ref + title + abstract, cut at 600 characters as for the "
        f"graph), batch 64, 2 cores, load average {load:.1f} at the end of the run; int8 kernels: "
        f"`{quantization_target()}`. Re-run: `.venv/bin/python benchmarks/bench_embedding.py`.",
        "",
        "| backend | word pieces | texts/s | vs torch 256 | mean cosine to torch 256 | min |",
        "|---|---|---|---|---|---|",
    ]
    for key, rate in rates.items():
        cosine = (reference * vectors[key]).sum(axis=1)
        lines.append(
            f"| {key[0]} | {key[1]} | {rate:.1f} | {rate / rates[('torch', 256)]:.2f}x | "
            f"{cosine.mean():.4f} | {cosine.min():.4f} |"
        )
    lines += [
        "",
        "The default is `onnx-int8` at 128 word pieces (`STDKG_EMBEDDING_BACKEND`, "
        "`STDKG_EMBEDDING_MAX_SEQ_LENGTH`); `STDKG_EMBEDDING_DEVICE=cuda` runs PyTorch on a GPU.",
    ]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()

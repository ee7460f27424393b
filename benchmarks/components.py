"""Where extraction's time goes: the model's pass and each Rapporteur component, on the same documents.

    .venv/bin/python benchmarks/components.py            # 300 documents of the benchmark corpus (about 2 minutes)

Builds the synthetic corpus of benchmarks/run.py, runs the model's own components once over it in
nlp.pipe batches (as the extraction does), then each Rapporteur component in pipeline order over
the parsed Docs, fresh copies each round, best of three rounds (timings on a shared machine only
ever err upwards). Writes benchmarks/components.json; the README shows the table.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=300)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--output", type=Path, default=ROOT / "benchmarks" / "components.json")
    args = parser.parse_args()

    import run as bench
    from pipeline.extract import chunk_context, run_extraction
    from pipeline.extract.nlp import COMPONENTS, build_nlp
    from pipeline.ingest import ingest_folder

    with tempfile.TemporaryDirectory(prefix="rapporteur-components-") as work:
        corpus = Path(work) / "corpus"
        words = bench.build_corpus(corpus, args.documents, args.seed)
        docs = [d for d in ingest_folder(corpus) if d.ok]
    contexts = [{"doc_id": d.doc_id, "sha256": d.sha256, "text": d.text,
                 "published": d.published.isoformat() if d.published else None,
                 "segments": [(s.kind, s.start, s.end) for s in d.segments]} for d in docs]
    nlp = build_nlp()
    run_extraction(iter(contexts[:10]), nlp=nlp)  # warm up: word lists, gazetteers, the city index

    def prepared(doc, ctx):
        doc._.rapporteur_text = ctx["text"]
        doc._.context = chunk_context(ctx, 0, len(ctx["text"]), 0)
        return doc

    model_pipes = [n for n in nlp.pipe_names if n not in COMPONENTS]
    started = time.perf_counter()
    with nlp.select_pipes(enable=model_pipes):
        parsed = list(nlp.pipe((prepared(nlp.make_doc(c["text"]), c) for c in contexts), batch_size=16))
    model_seconds = time.perf_counter() - started
    best = {name: float("inf") for name in COMPONENTS}
    for _ in range(args.rounds):
        round_docs = [prepared(d.copy(), c) for d, c in zip(parsed, contexts)]
        for doc in round_docs:
            doc._.rapporteur_sentences = doc._.rapporteur_titles = None
        for name in COMPONENTS:
            component = nlp.get_pipe(name)
            started = time.perf_counter()
            round_docs = [component(d) for d in round_docs]
            best[name] = min(best[name], time.perf_counter() - started)
    total = sum(best.values())
    result = {"documents": len(contexts), "words": words, "rounds": args.rounds,
              "model_pipes": model_pipes, "model_seconds": round(model_seconds, 2),
              "components_seconds": {k: round(v, 3) for k, v in best.items()},
              "components_total_seconds": round(total, 2),
              "model_share_of_extraction": round(model_seconds / (model_seconds + total), 3)}
    args.output.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()

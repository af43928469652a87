"""Triage on the held-out evaluation set: accuracy per language, confusions, acute recall, speed, memory.

Run: .venv/bin/python bench/triage_eval.py
"""
from __future__ import annotations

import resource
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dialogs.triage import load_triager  # noqa: E402
from dialogs.triage.dataset import load_messages  # noqa: E402
from dialogs.vocabulary import LANGUAGES, Urgency  # noqa: E402


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}% ({part}/{whole})" if whole else "  n/a"


def main() -> None:
    memory_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    triager = load_triager()
    load_seconds = time.perf_counter() - started
    memory_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    held_out = load_messages("eval")
    latencies, results = [], []
    for message in held_out:
        began = time.perf_counter()
        results.append(triager.classify(message.text))
        latencies.append((time.perf_counter() - began) * 1000)

    print(f"held-out messages: {len(held_out)} (never seen in training)")
    for language in (None, *LANGUAGES):
        pairs = [(m, r) for m, r in zip(held_out, results) if language in (None, m.language)]
        top1 = sum(r.category == m.category for m, r in pairs)
        top3 = sum(m.category in [c.category for c in r.candidates[:3]] for m, r in pairs)
        print(f"{language or 'all':>4}: top-1 {percent(top1, len(pairs))}  top-3 {percent(top3, len(pairs))}")
    confusions = Counter((m.category, r.category) for m, r in zip(held_out, results) if m.category != r.category)
    print("most frequent confusions (true -> predicted):")
    for (true, predicted), count in confusions.most_common(8):
        print(f"  {count:3d}  {true} -> {predicted}")
    acute = [(m, r) for m, r in zip(held_out, results) if m.urgency == Urgency.ACUUT]
    calm = [(m, r) for m, r in zip(held_out, results) if m.urgency != Urgency.ACUUT]
    print(f"acute recall     {percent(sum(r.urgency == Urgency.ACUUT for _, r in acute), len(acute))}")
    print(f"false-acute rate {percent(sum(r.urgency == Urgency.ACUUT for _, r in calm), len(calm))}")
    for m, r in acute:
        if r.urgency != Urgency.ACUUT:
            print(f"  missed acute [{m.language}] {m.text[:90]}")
    print(f"language accuracy {percent(sum(r.language == m.language for m, r in zip(held_out, results)), len(held_out))}")
    ordered = sorted(latencies)
    print(f"latency per message: p50 {statistics.median(ordered):.2f} ms, "
          f"p99 {ordered[int(0.99 * (len(ordered) - 1))]:.2f} ms")
    print(f"model load (training included): {load_seconds:.2f} s")
    print(f"peak memory added by loading: {(memory_after - memory_before) / 1024:.0f} MB (max RSS)")


if __name__ == "__main__":
    main()

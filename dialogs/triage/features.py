"""The numbers the models see: character n-grams, a sentence embedding and the concepts found.

Character n-grams (on folded text) cope with misspellings and inflections in all four languages.
The sentence embedding (`sentences`) carries meaning across languages and wordings no writer used.
Concepts carry evidence across languages too, but they also fire on words used in another sense;
weighted fully they cost accuracy, so they are a hint. The weights of the embedding and the
concepts were chosen by cross-validation on the training split (bench/triage_eval.py --compare).
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from dialogs.triage import sentences

DEFAULT_CONCEPT_WEIGHT = 0.1
DEFAULT_SENTENCE_WEIGHT = 0.35


@dataclass(frozen=True)
class Prepared:
    """One message ready for the models."""

    sentence_text: str  # what the sentence encoder reads
    folded_text: str
    concepts: Mapping[str, int]


class FeatureBuilder:
    def __init__(
        self,
        concept_names: Sequence[str],
        concept_weight: float = DEFAULT_CONCEPT_WEIGHT,
        use_characters: bool = True,
        sentence_weight: float = DEFAULT_SENTENCE_WEIGHT,
    ):
        self._concept_column = {name: i for i, name in enumerate(concept_names)}
        self._concept_weight = concept_weight
        self._sentence_weight = sentence_weight
        self._vectorizer = (
            TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, lowercase=False)
            if use_characters
            else None
        )

    def fit_transform(self, messages: Sequence[Prepared]) -> sparse.csr_matrix:
        return self._stack(messages, fit=True)

    def transform(self, messages: Sequence[Prepared]) -> sparse.csr_matrix:
        return self._stack(messages, fit=False)

    def _stack(self, messages: Sequence[Prepared], fit: bool) -> sparse.csr_matrix:
        blocks = [self._concept_matrix(messages)]
        if self._sentence_weight:
            embeddings = sentences.encode([m.sentence_text for m in messages])
            blocks.insert(0, sparse.csr_matrix(embeddings * self._sentence_weight))
        if self._vectorizer is not None:
            texts = [m.folded_text for m in messages]
            blocks.insert(0, self._vectorizer.fit_transform(texts) if fit else self._vectorizer.transform(texts))
        return sparse.hstack(blocks, format="csr")

    def _concept_matrix(self, messages: Sequence[Prepared]) -> sparse.csr_matrix:
        matrix = sparse.lil_matrix((len(messages), len(self._concept_column)), dtype=np.float64)
        for row, message in enumerate(messages):
            for concept in message.concepts:
                column = self._concept_column.get(concept)
                if column is not None:
                    matrix[row, column] = self._concept_weight
        return matrix.tocsr()

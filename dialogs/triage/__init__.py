"""Triage: the language, category and urgency of a resident's message, offline.

    triager = load_triager()          # trains from the shipped data, or reads the cached model
    result = triager.classify(text)   # never raises; see Triage for what comes back
"""
from dialogs.triage.result import Candidate, Triage
from dialogs.triage.triager import Triager, load_triager

__all__ = ["Candidate", "Triage", "Triager", "load_triager"]

"""Triage: language, category and urgency of a resident's message."""

"""Labelled messages (package data; a package so that setuptools ships its *.jsonl files)."""

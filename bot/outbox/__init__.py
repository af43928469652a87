"""Outgoing messages: written in the transaction that caused them, sent by a scheduled job."""

"""Follow-ups that close the loop with residents and partners, decided by pure rules.

`rules` plans follow-ups on events and re-checks them at send time, `delivery` decides when an
unsolicited message may reach a resident, `model` holds the plain data both work on.
"""

"""Follow-ups that close the loop with residents and partners, decided by pure rules.

`rules` plans follow-ups on events and re-checks them at send time, `delivery` decides when an
unsolicited message may reach a resident, `model` holds the plain data both work on. Around them:
`planner` turns the dialog's domain events into rows of the schedule, `worker` works through the
due rows (one `actions` function per kind, `digest` for the weekly overview per partner),
`notice_timing` holds the dialog's own news to residents to quiet hours, and `opt_out` withdraws
queued messages after /stop or /vergeet.
"""

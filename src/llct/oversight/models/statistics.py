"""Tables of statistics: briefings, kept aggregates, saved reports."""

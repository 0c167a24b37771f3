"""Training pages, by area. Views only translate HTTP: reads through `selectors` (scoped; outside → 404),
writes through `services` (which check the role → 403, and the rules → a Vietnamese message on the field
it concerns, nothing written)."""

"""What training announces to the apps downstream of it, which connect their receivers in their own
AppConfig.ready(): training never imports them for it (DESIGN.md: the data flows training → credentials)."""

from django.dispatch import Signal

# A learner was expelled (buộc thôi học) after their results stood. Sent inside the discipline's
# transaction with `enrolment`, `reason` (the QĐ 1147 ground chosen for revoking what they were issued),
# `authority` (the discipline decision, named), `on` (the decision's date) and `by`. A receiver returns the
# serials of the documents it revoked; an AppError it raises refuses the whole discipline.
learner_expelled = Signal()

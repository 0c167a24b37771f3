"""Training operations: programmes, plans and quotas, nominations, classes, attendance, assessment and the
recognition decision (QĐ 57, QĐ 208, QĐ 350, QĐ 360 and QĐ 1147)."""

"""Logging: a refusal (403) or a missing page (404) is one line in the server's log, not a traceback —
they are answers, not faults."""

import logging

from django.core.exceptions import PermissionDenied
from django.http import Http404


class AnswersWithoutTraceback(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and isinstance(record.exc_info[1], PermissionDenied | Http404):
            record.exc_info = None
            record.exc_text = None
        return True

"""Models of training; split by subject, all importable from `llct.training.models`."""

from .assessment import Appeal, DisciplineRecord, Essay, Mark, RecognitionDecision
from .classes import Attendance, Enrolment, Lecturer, Session, TrainingClass
from .nominations import Nomination, NominationLog
from .plans import PlanQuota, TrainingPlan
from .programmes import DEFAULT_BANDS, Module, Programme

__all__ = [
    "DEFAULT_BANDS",
    "Appeal",
    "Attendance",
    "DisciplineRecord",
    "Enrolment",
    "Essay",
    "Lecturer",
    "Mark",
    "Module",
    "Nomination",
    "NominationLog",
    "PlanQuota",
    "Programme",
    "RecognitionDecision",
    "Session",
    "TrainingClass",
    "TrainingPlan",
]

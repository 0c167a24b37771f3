"""The one shape of a workflow (DESIGN.md: workflows are state machines). Each app declares a record's
transitions in one table: the states each leaves, the state it reaches, the action the user's role must
allow (the service checks it, with the scope) and what the user reads when the record is in another state.
Taking a transition checks the state, sets it and saves the record through `audit`: its history row is the
log row (who, when, from, to, why). Nominations keep a log table of their own (NominationLog)."""

from collections.abc import Callable
from dataclasses import dataclass

from llct.accounts.audit import audit
from llct.accounts.permissions import Action
from llct.errors import AppError


@dataclass(frozen=True)
class Transition:
    name: str
    sources: tuple[str, ...]
    target: str
    action: Action
    refusal: Callable[[object], str]  # the record → why the transition cannot be taken from its state
    code: str = "bad_transition"  # the refusal's code (AppError.code)


class Workflow:
    """The transitions of one kind of record (its `status` field); refusals are raised as `error`."""

    def __init__(self, error: type[AppError], *transitions: Transition) -> None:
        self.error = error
        self.transitions = {t.name: t for t in transitions}

    def __getitem__(self, name: str) -> Transition:
        return self.transitions[name]

    def check(self, record, name: str) -> Transition:
        """The transition `name`, refused when `record` is in none of the states it leaves."""
        transition = self.transitions[name]
        if record.status not in transition.sources:
            raise self.error(transition.refusal(record), code=transition.code)
        return transition

    def take(self, record, name: str, by, reason: str = ""):
        """Check, move `record` to the transition's state and save it with its audit row."""
        record.status = self.check(record, name).target
        audit(record, by, reason).save()
        return record

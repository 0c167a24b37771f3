"""What reading a roster reports: problems with single cells, and errors that reject the whole file."""

from dataclasses import dataclass


class RosterError(ValueError):
    """The file as a whole cannot be read as a roster; the message (Vietnamese) says what to do."""

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else ""


@dataclass(frozen=True, slots=True)
class Problem:
    """A cell that was not accepted: `row` as the user sees it in the spreadsheet (header = row 1),
    `column` the header as written in the file, `value` the cell's text, `reason` in Vietnamese."""

    row: int
    column: str
    value: str
    reason: str

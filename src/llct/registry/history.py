"""Reads of the registry's audit trail (simple-history): who changed what, when, each field before →
after, for the pages of a cadre, a unit and a post (issue 2, "visible on the record's page")."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from llct.registry.masking import mask_birth_date, mask_citizen_id
from llct.registry.models import Assignment, Cadre, PlanningEntry, Post, Unit, YearlyRating


@dataclass(frozen=True)
class HistoryEntry:
    """One line of a record's audit trail: who changed what, when, and each field's before → after."""

    when: dt.datetime
    who: object
    record: str
    action: str
    changes: list[tuple[str, str, str]]


_ACTIONS = {"+": _("Tạo mới"), "~": _("Sửa"), "-": _("Xóa")}
_HIDDEN = "•••"


def cadre_history(cadre: Cadre, *, personal: bool) -> list[HistoryEntry]:
    """The audit trail of a cadre and of its assignments, planning entries and ratings, newest first.
    Without `personal`, citizen IDs and birth dates stay masked here too, and the kept unknown columns
    of imports (`extra`) hidden."""
    masks = {} if personal else {"citizen_id": mask_citizen_id, "birth_date": mask_birth_date, "extra": _hide}
    return record_history(
        [
            cadre.history.all(),
            Assignment.history.filter(cadre_id=cadre.pk),
            PlanningEntry.history.filter(cadre_id=cadre.pk),
            YearlyRating.history.filter(cadre_id=cadre.pk),
        ],
        masks=masks,
    )


def unit_history(unit: Unit) -> list[HistoryEntry]:
    """The audit trail of a unit: its fields and its links (predecessors, served communes)."""
    return record_history([unit.history.all()])


def post_history(post: Post) -> list[HistoryEntry]:
    """The audit trail of a catalogue post."""
    return record_history([post.history.all()])


def _hide(value):
    return _HIDDEN if value not in (None, "", {}, []) else value


def record_history(sources: list[QuerySet], *, masks: dict | None = None) -> list[HistoryEntry]:
    """The entries of the historical rows of `sources`, newest first: for each row, the fields that
    differ from the same record's previous row (all set fields for its first row)."""
    related: dict = {}
    masks = masks or {}
    entries: list[HistoryEntry] = []
    for rows in sources:
        model = rows.model.instance_type
        tracked = {f.name: f for f in rows.model.tracked_fields if f.name not in ("id", "cadre")}
        links = {
            f.name: model._meta.get_field(f.name) for f in getattr(rows.model, "_history_m2m_fields", [])
        }
        previous: dict[int, object] = {}
        ordered = rows.select_related("history_user").order_by("id", "history_date", "history_id")
        for row in ordered:
            old = previous.get(row.id)
            previous[row.id] = row
            if old is not None:
                pairs = [(c.field, c.old, c.new) for c in row.diff_against(old).changes]
            else:
                pairs = [(name, None, getattr(row, f.attname)) for name, f in tracked.items()]
                pairs += [(name, None, _link_rows(row, name)) for name in links]
                pairs = [p for p in pairs if p[2] not in (None, "", [], {})]
            changes = []
            for name, before, after in pairs:
                if name in links:
                    changes.append(
                        (str(links[name].verbose_name), _units(before, related), _units(after, related))
                    )
                    continue
                if name not in tracked:
                    continue
                if mask := masks.get(name):
                    before, after = mask(before), mask(after)
                field = tracked[name]
                changes.append(
                    (str(field.verbose_name), _shown(field, before, related), _shown(field, after, related))
                )
            entries.append(
                HistoryEntry(
                    when=row.history_date,
                    who=row.history_user,
                    record=_label(model, tracked, row, related),
                    action=str(_ACTIONS.get(row.history_type, row.history_type)),
                    changes=changes,
                )
            )
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries


def _label(model, tracked: dict, row, related: dict) -> str:
    label = str(model._meta.verbose_name)
    if "post" in tracked:
        label += ": " + _shown(tracked["post"], row.post_id, related)
    elif "year" in tracked:
        label += f" {row.year}"
    return label


def _link_rows(row, name: str) -> list[dict]:
    return list(getattr(row, name).values("to_unit"))


def _units(rows, related: dict) -> str:
    """A link field's value (the through rows as simple-history keeps them) as unit names."""
    if not rows:
        return "—"
    ids = sorted({r["to_unit"] for r in rows})
    missing = [pk for pk in ids if (Unit, pk) not in related]
    for pk, name in Unit._base_manager.filter(pk__in=missing).values_list("pk", "name"):
        related[Unit, pk] = name
    return "; ".join(sorted(str(related.get((Unit, pk), pk)) for pk in ids))


def _shown(field, value, related: dict) -> str:
    if value in (None, ""):
        return "—"
    if field.is_relation:
        key = (field.related_model, value)
        if key not in related:
            related[key] = str(field.related_model._base_manager.filter(pk=value).first() or value)
        return related[key]
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, bool):
        return str(_("Có") if value else _("Không"))
    return str(value)

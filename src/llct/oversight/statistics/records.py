"""The list of records behind a figure: the columns a fact shows, with their labels and readable values
(dates dd/mm/yyyy, choices by their label), and the link of each row to its own page."""

import datetime as dt

from django.core.exceptions import FieldDoesNotExist
from django.urls import reverse
from django.utils.text import capfirst

from .facts import Fact


def _field(fact: Fact, path: str):
    model = fact.model_class()
    field = None
    for name in path.split("__"):
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            return None
        model = field.related_model or model
    return field


def record_columns(fact: Fact) -> list[str]:
    """The header of each column: the verbose name of the field it reads."""
    labels = []
    for path in fact.columns:
        field = _field(fact, path)
        labels.append(capfirst(str(getattr(field, "verbose_name", path))))
    return labels


def _shown(field, value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    if field is not None and field.choices:
        return str(dict(field.choices).get(value, value))
    return str(value)


def record_rows(fact: Fact, rows) -> list[dict]:
    fields = [_field(fact, path) for path in fact.columns]
    return [
        {
            "cells": [_shown(f, row[path]) for f, path in zip(fields, fact.columns, strict=True)],
            "url": reverse(fact.link[0], args=[row["link_pk"]]) if fact.link and row.get("link_pk") else None,
        }
        for row in rows
    ]

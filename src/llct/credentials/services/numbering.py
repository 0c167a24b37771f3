"""Numbers in the master register: consecutive per register and calendar year, one per document (QĐ 1147)."""

from django.db import transaction

from llct.credentials.choices import KIND_PREFIX
from llct.credentials.models import CertificateRegister, RegisterYear


def register_for(institution, kind: str) -> CertificateRegister:
    """The register (sổ gốc) of `institution` for `kind`, opened on first use."""
    register, _ = CertificateRegister.objects.get_or_create(institution=institution, kind=kind)
    return register


def number_take(register: CertificateRegister, year: int, count: int = 1) -> int:
    """The next number of `register` in `year` (the first of `count` consecutive ones).
    Must run inside the issuing transaction: the counter row
    stays locked until it commits (so concurrent issuers queue) and a rollback returns the number."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("number_take must run inside the issuing transaction")
    # get_or_create protects its INSERT with a savepoint, so two first issuers of a year both end up here.
    RegisterYear.objects.get_or_create(register=register, year=year)
    counter = RegisterYear.objects.select_for_update().get(register=register, year=year)
    first = counter.last_number + 1
    counter.last_number += count
    counter.save(update_fields=["last_number"])
    return first


def serial_format(register: CertificateRegister, year: int, number: int) -> str:
    """`<institution code>/<BTN|GCN>/<year>/<number on 6 digits>`, e.g. "BS-TTCT1/GCN/2026/000123"."""
    return f"{register.institution.code}/{KIND_PREFIX[register.kind]}/{year}/{number:06d}"

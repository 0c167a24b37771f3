"""The roster's messages go through gettext: Django's, installed by the registry app, so that they follow
the user's language once the catalogue has them."""

import pytest
from django.utils import translation

from llct.roster import RosterError, i18n, read_roster


def test_the_registry_app_installs_djangos_gettext():
    assert i18n._translate is translation.gettext


def test_reader_messages_pass_through_the_installed_translator(monkeypatch):
    monkeypatch.setattr(i18n, "_translate", lambda message: "EN: " + message)
    with pytest.raises(RosterError) as error:
        read_roster(b"", "ds.csv")
    assert error.value.message.startswith("EN: Tệp rỗng")
    read = read_roster(
        "Mã cán bộ,Họ và tên,Ngày sinh,Giới tính\nA1,Lê An,32/01/1980,Nam\n".encode(), "ds.csv"
    )
    assert [p.reason[:4] for p in read.problems] == ["EN: "]

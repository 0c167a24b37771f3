"""Bulk work from the lists (issue 7): nominate the cadres ticked on the eligible list, and take one step on
the nominations ticked — each row on its own, refusals reported per row (the quota, one's own submission)."""

import re

from llct.training.choices import NominationStatus
from llct.training.models import Nomination
from llct.training.services import plans as ps


def _approved_plan(tree, programmes, users, quota):
    plan = ps.plan_create(unit=tree["north"], year=2025, by=users["board"])
    ps.quota_set(plan=plan, programme=programmes["trung_cap"], quota=quota, by=users["board"])
    ps.plan_approve(plan=plan, approving_body="BTV", document="1-QĐ", by=users["approver"])


def test_nominate_the_ticked_cadres_within_the_quota(client, tree, programmes, users, make_cadre, engine):
    _approved_plan(tree, programmes, users, quota=2)
    cadres = [make_cadre(tree["new_commune"], name) for name in ("Lò Văn An", "Hà Thị Bình", "Vi Văn Cường")]
    client.force_login(users["board"])
    ticked = {"cadres": [c.pk for c in cadres], "level": "trung_cap", "on": "01/12/2025"}
    chosen = client.post("/training/nominations/bulk/", ticked).content.decode()
    assert all(c.full_name in chosen for c in cadres) and 'id="bulk-nominate-form"' in chosen
    assert "01/12/2025" in chosen  # the screening date is the nomination date
    done = client.post(
        "/training/nominations/bulk/",
        {
            **ticked,
            "programme": programmes["trung_cap"].pk,
            "mode": "tap_trung",
            "nominated_on": "01/12/2025",
        },
    ).content.decode()
    rows = re.findall(r'<tr class="(ok|refused)">.*?</tr>', done, re.S)
    assert rows.count("ok") == 2 and rows.count("refused") == 1
    assert "chỉ tiêu" in done.split('class="refused"')[1]  # the third is beyond the quota, said on its row
    assert Nomination.objects.count() == 2
    assert {n.sending_unit for n in Nomination.objects.all()} == {tree["new_commune"]}  # the cadres' unit


def test_one_step_on_the_ticked_nominations(client, tree, programmes, users, make_cadre, engine):
    _approved_plan(tree, programmes, users, quota=5)
    board, approver = users["board"], users["approver"]
    client.force_login(board)
    cadres = [make_cadre(tree["new_commune"], name) for name in ("Lò Văn An", "Hà Thị Bình")]
    client.post(
        "/training/nominations/bulk/",
        {"cadres": [c.pk for c in cadres], "programme": programmes["trung_cap"].pk, "mode": "tap_trung",
         "nominated_on": "01/12/2025"},
    )  # fmt: skip
    pks = list(Nomination.objects.values_list("pk", flat=True))
    assert 'id="nominations-step"' in client.get("/training/nominations/").content.decode()
    client.post("/training/nominations/steps/", {"nominations": pks, "transition": "submit"})
    assert set(Nomination.objects.values_list("status", flat=True)) == {NominationStatus.SUBMITTED}
    own = client.post(
        "/training/nominations/steps/", {"nominations": pks, "transition": "approve"}
    ).content.decode()
    assert own.count('class="refused"') == 2  # who submitted does not approve
    client.force_login(approver)
    client.post("/training/nominations/steps/", {"nominations": pks, "transition": "approve"})
    assert set(Nomination.objects.values_list("status", flat=True)) == {NominationStatus.APPROVED}


def test_the_eligible_list_offers_ticking_only_to_who_nominates(client, tree, users, make_cadre, engine):
    make_cadre(tree["new_commune"], "Lò Văn An")
    query = "/eligibility/?level=so_cap&on=01/12/2025"
    client.force_login(users["board"])
    assert 'id="eligible-nominate"' in client.get(query).content.decode()
    client.force_login(users["inspector"])
    assert 'id="eligible-nominate"' not in client.get(query).content.decode()

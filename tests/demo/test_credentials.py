from llct.credentials.choices import BlankStatus
from llct.credentials.models import Blank, Credential
from llct.demo.credentials import credentials_demo_load


def test_demo_issues_for_recognised_classes_with_one_revoked_one_handed_over(programmes, make_class, officer):
    make_class(programmes["party_awareness"], 3)
    make_class(programmes["so_cap"], 2)
    make_class(programmes["party_awareness"], 2)  # its last learner stays pending (overdue list)
    make_class(programmes["topic"], 2)  # decision only
    assert credentials_demo_load(officer) == {"issued": 6, "revoked": 1, "handed_over": 1}
    assert Credential.objects.filter(status="thu_hoi").count() == 1
    assert Credential.objects.filter(handed_over_on__isnull=False).count() == 1
    # The two diplomas are printed on the first two blanks of the stock the demo received.
    assert list(Blank.objects.filter(status=BlankStatus.USED).values_list("serial", flat=True)) == [
        "AB 000001",
        "AB 000002",
    ]
    assert credentials_demo_load(officer) == {"issued": 0, "revoked": 0, "handed_over": 0}


def test_demo_acts_as_the_demo_operator_by_default(programmes, make_class):
    make_class(programmes["party_awareness"], 2)
    assert credentials_demo_load()["issued"] == 1  # the last learner stays pending
    assert {c.history.earliest().history_user.username for c in Credential.objects.all()} == {"demo.daotao"}

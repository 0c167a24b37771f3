from llct.credentials.demo import credentials_demo_load
from llct.credentials.models import Credential


def test_demo_issues_for_recognised_classes_with_one_revoked(programmes, make_class, officer):
    make_class(programmes["party_awareness"], 3)
    make_class(programmes["so_cap"], 2)
    make_class(programmes["party_awareness"], 2)  # its last learner stays pending (overdue list)
    make_class(programmes["topic"], 2)  # decision only
    assert credentials_demo_load(officer) == {"issued": 6, "revoked": 1}
    assert Credential.objects.filter(status="thu_hoi").count() == 1
    assert credentials_demo_load(officer) == {"issued": 0, "revoked": 0}

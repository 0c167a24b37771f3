"""The cadre page shows when the posts a cadre holds require a political-theory level the cadre lacks, from
the post-standards table (issue 11), as check `post_without_level` reads it (issue 10)."""

import datetime as dt

from llct.accounts.models import Role
from llct.oversight.models import PostStandard
from llct.registry.models import Assignment


def test_the_cadre_page_panel_says_which_standard_is_not_met(client, tree, posts, make_user, make_cadre):
    post = posts["ptp_tinh"]
    PostStandard.objects.create(
        post=post, required_level="trung_cap", citation="QĐ 89-QĐ/TW, Điều ?", confidence="?"
    )
    lacking = make_cadre(tree["north"], "Lò Văn An", theory_level="so_cap")
    holding = make_cadre(tree["north"], "Hà Thị Bình", theory_level="cao_cap")
    for cadre in (lacking, holding):
        Assignment.objects.create(cadre=cadre, post=post, valid_from=dt.date(2020, 1, 1))
    client.force_login(make_user(Role.INSPECTOR, tree["north"]))
    assert (
        f"/inspection/cadres/{lacking.pk}/standards/" in client.get(f"/cadres/{lacking.pk}/").content.decode()
    )
    panel = client.get(f"/inspection/cadres/{lacking.pk}/standards/").content.decode()
    assert 'class="lacking"' in panel and "Trung cấp" in panel and "QĐ 89-QĐ/TW, Điều ?" in panel
    assert 'class="ok"' in client.get(f"/inspection/cadres/{holding.pk}/standards/").content.decode()

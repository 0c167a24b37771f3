"""The post-standards table (tiêu chuẩn chức danh): seeding it from the shipped data file."""

from importlib import resources

import yaml
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from llct.oversight.models import PostStandard
from llct.registry.models import Post


def shipped_standards() -> dict:
    return yaml.safe_load(
        resources.files("llct.oversight.inspection").joinpath("data/post_standards.yaml").read_text("utf-8")
    )


@transaction.atomic
def post_standards_seed() -> int:
    """Add the shipped standard of each catalogue post that has none yet (an administrator's rows, edited
    or added, are never touched). Returns how many were added."""
    data = shipped_standards()
    posts = Post.objects.filter(code__in=[s["post"] for s in data["standards"]]).exclude(
        standards__isnull=False
    )
    by_code = {post.code: post for post in posts}
    added = [
        PostStandard(
            post=by_code[entry["post"]],
            required_level=entry["level"],
            citation=entry.get("citation", data["citation"]),
            confidence=entry.get("confidence", data["confidence"]),
            note=entry.get("note", data["note"]),
        )
        for entry in data["standards"]
        if entry["post"] in by_code
    ]
    bulk_create_with_history(added, PostStandard)
    return len(added)

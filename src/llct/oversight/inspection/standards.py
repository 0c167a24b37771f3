"""The post-standards table (tiêu chuẩn chức danh): seeding it from the shipped data file, and what it
requires of one cadre (the cadre page's panel)."""

import datetime as dt
from dataclasses import dataclass
from importlib import resources

import yaml
from django.db import transaction
from django.db.models import Q
from simple_history.utils import bulk_create_with_history

from llct.oversight.models import PostStandard
from llct.registry.choices import TheoryLevel
from llct.registry.models import Assignment, Cadre, Post
from llct.training.choices import EnrolmentStatus
from llct.training.models import Enrolment

from .checks.posts import at_least  # the check's own order of levels (cử nhân ≥ cao cấp)


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


@dataclass(frozen=True)
class PostRequirement:
    """One post the cadre holds today whose standard requires a political-theory level."""

    post: str
    required: str  # the level's label
    met: bool
    enrolled: bool  # lacking it, but enrolled in (or completed) a course of that level or higher
    citation: str
    confidence: str


def cadre_requirements(cadre: Cadre, on: dt.date) -> list[PostRequirement]:
    """The levels the posts `cadre` holds on `on` require (the post-standards table in force that day),
    and whether the cadre meets each — what check `post_without_level` reads, for one cadre."""
    held = Assignment.objects.valid_on(on).filter(cadre=cadre).values_list("post_id", flat=True)
    standards = (
        PostStandard.objects.filter(post_id__in=held, active=True)
        .exclude(required_level="")
        .filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=on), Q(valid_to__isnull=True) | Q(valid_to__gte=on)
        )
        .select_related("post")
        .order_by("post__title")
    )
    levels = dict(TheoryLevel.choices)
    out = []
    for standard in standards:
        enough = at_least(standard.required_level)
        met = cadre.theory_level in enough and not (cadre.theory_issued_on and cadre.theory_issued_on > on)
        enrolled = Enrolment.objects.filter(
            cadre=cadre,
            training_class__programme__level__in=enough,
            status__in=[EnrolmentStatus.ENROLLED, EnrolmentStatus.COMPLETED],
        ).exists()
        out.append(
            PostRequirement(
                standard.post.title,
                str(levels[standard.required_level]),
                met,
                enrolled,
                standard.citation,
                standard.get_confidence_display(),
            )
        )
    return out

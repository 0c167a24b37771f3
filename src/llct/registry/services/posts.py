"""Services that change the post catalogue."""

from django.db import transaction

from llct.registry.models import Post
from llct.registry.services.assignments import record_save


@transaction.atomic
def post_save(post: Post, *, by=None) -> Post:
    """Create or change a post of the catalogue (administrators only; the view checks the role)."""
    post.aliases = [str(a).strip() for a in post.aliases or [] if str(a).strip()]
    return record_save(post, by)

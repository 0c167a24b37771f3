"""The engine's vocabularies repeat llct.registry.choices (the engine may not import Django): hold equal."""

from llct.registry import choices
from llct.regulations import model, texts


def test_vocabularies_match_registry_choices():
    assert list(model.TIERS) == list(choices.Tier.values)
    assert list(model.SECTORS) == list(choices.Sector.values)
    assert list(model.SEXES) == list(choices.Sex.values)
    assert list(model.PARTY_STATUSES) == list(choices.PartyStatus.values)
    assert list(model.EDUCATION_ORDER) == list(choices.Education.values)
    assert list(model.THEORY_ORDER) == list(choices.TheoryLevel.values)
    assert list(model.RATING_ORDER) == list(reversed(choices.Rating.values))
    assert set(model.INSTITUTION_KINDS) == set(choices.TRAINING_INSTITUTION_KINDS)


def test_institution_names_match_the_unit_kinds():
    assert {k: str(choices.UnitKind(k).label) for k in model.INSTITUTION_KINDS} == texts.INSTITUTION_LABELS

"""The assessment rules of QĐ 1147-QĐ/BTGDVTW, table by table; each case names its article."""

import datetime as dt
from decimal import Decimal as D

import pytest

from llct.training.choices import AppealOutcome, Band
from llct.training.services.assessment import rules


@pytest.mark.parametrize(
    ("article", "first", "second", "mean"),
    [
        ("QĐ 1147 — hai giảng viên chấm, điểm là trung bình cộng", "6", "7", "6.50"),
        ("QĐ 1147 — trung bình cộng", "4.5", "5.5", "5.00"),
        ("QĐ 1147 — trung bình cộng, làm tròn 2 chữ số", "7.25", "7.5", "7.38"),
        ("QĐ 1147 — thang điểm 10", "10", "10", "10.00"),
        ("QĐ 1147 — thang điểm 10", "0", "0", "0.00"),
    ],
)
def test_two_markers_mean(article, first, second, mean):
    assert rules.two_marker_mean(D(first), D(second)) == D(mean), article


@pytest.mark.parametrize("bad", ["-0.5", "10.5"])
def test_marks_outside_ten_point_scale_refused(bad):
    """QĐ 1147 — thang điểm 10."""
    with pytest.raises(ValueError):
        rules.two_marker_mean(D(bad), D("5"))


@pytest.mark.parametrize(
    ("article", "mark", "passes", "band"),
    [
        ("QĐ 1147 — đạt từ 5,0", "4.99", False, Band.FAIL),
        ("QĐ 1147 — đạt từ 5,0; 5 đến dưới 7 Trung bình", "5.00", True, Band.AVERAGE),
        ("QĐ 1147 — Trung bình dưới 7", "6.99", True, Band.AVERAGE),
        ("QĐ 1147 — 7 đến dưới 8 Khá", "7.00", True, Band.FAIR),
        ("QĐ 1147 — Khá dưới 8", "7.99", True, Band.FAIR),
        ("QĐ 1147 — 8 đến dưới 9 Giỏi", "8.00", True, Band.GOOD),
        ("QĐ 1147 — Giỏi dưới 9", "8.99", True, Band.GOOD),
        ("QĐ 1147 — 9 đến 10 Xuất sắc", "9.00", True, Band.EXCELLENT),
        ("QĐ 1147 — Xuất sắc", "10.00", True, Band.EXCELLENT),
    ],
)
def test_pass_mark_and_bands(article, mark, passes, band):
    assert rules.passed(D(mark)) is passes, article
    assert rules.band_for(D(mark)) == band, article


@pytest.mark.parametrize(
    ("article", "original", "remark", "outcome", "new"),
    [
        ("QĐ 1147 — phúc tra: lệch dưới 0,5 giữ nguyên", "6.00", "6.25", AppealOutcome.UNCHANGED, "6.00"),
        (
            "QĐ 1147 — phúc tra: lệch dưới 0,5 giữ nguyên (giảm)",
            "6.00",
            "5.75",
            AppealOutcome.UNCHANGED,
            "6.00",
        ),
        ("QĐ 1147 — phúc tra: lệch đúng 0,5 thì đổi", "6.00", "6.50", AppealOutcome.CHANGED, "6.50"),
        (
            "QĐ 1147 — phúc tra: lệch từ 0,5 đến dưới 2 thì đổi (giảm)",
            "6.00",
            "4.50",
            AppealOutcome.CHANGED,
            "4.50",
        ),
        ("QĐ 1147 — phúc tra: lệch 1,99 vẫn đổi", "6.00", "7.99", AppealOutcome.CHANGED, "7.99"),
        ("QĐ 1147 — phúc tra: lệch đúng 2 chuyển Giám đốc", "6.00", "8.00", AppealOutcome.DIRECTOR, None),
        ("QĐ 1147 — phúc tra: lệch trên 2 chuyển Giám đốc", "4.00", "7.00", AppealOutcome.DIRECTOR, None),
    ],
)
def test_appeal_difference_rule(article, original, remark, outcome, new):
    got_outcome, got_mark = rules.appeal_outcome(D(original), D(remark))
    assert got_outcome == outcome, article
    assert got_mark == (D(new) if new else None), article


@pytest.mark.parametrize(
    ("article", "function", "start", "due"),
    [
        ("QĐ 1147 — viết lại một lần trong 3 ngày", rules.rewrite_due, "2025-12-10", "2025-12-13"),
        ("QĐ 1147 — phúc tra trong 2 ngày kể từ công bố", rules.appeal_due, "2025-12-10", "2025-12-12"),
        (
            "QĐ 1147 — nộp điểm chậm nhất 3 ngày sau khi nhận bài",
            rules.hand_in_due,
            "2025-12-31",
            "2026-01-03",
        ),
        (
            "QĐ 1147 — công bố chậm nhất 3 ngày sau khi nộp điểm",
            rules.publish_due,
            "2025-12-05",
            "2025-12-08",
        ),
    ],
)
def test_deadlines(article, function, start, due):
    assert function(dt.date.fromisoformat(start)) == dt.date.fromisoformat(due), article


@pytest.mark.parametrize(("size", "cap"), [(9, 0), (10, 1), (25, 2), (30, 3), (39, 3), (100, 10)])
def test_rewards_at_most_ten_percent(size, cap):
    """QĐ 1147 — khen thưởng không quá 10% số học viên của lớp."""
    assert rules.reward_cap(size) == cap


@pytest.mark.parametrize(
    ("modules", "final", "weight", "expected"),
    [
        (["6", "8"], "9", "0.5", "8.00"),
        (["6", "8"], None, "0.5", "7.00"),
        ([], "6.5", "0.5", "6.50"),
        (["5", "5", "8"], "7", "0.3", "6.30"),
        ([], None, "0.5", None),
    ],
)
def test_llct_course_mark_is_configurable(modules, final, weight, expected):
    """LLCT levels: module exams and final exam or thesis, weighted per programme (assumption)."""
    got = rules.weighted_final([D(m) for m in modules], D(final) if final else None, D(weight))
    assert got == (D(expected) if expected else None)

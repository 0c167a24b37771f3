"""The assessment rules of QĐ 1147-QĐ/BTGDVTW, table by table. Every case's test id starts with the
article it encodes, taken from `rules.CLAUSES` (one place: where the domain reference does not give the
article number it reads "Điều ?", and filling it in there renames these tests)."""

import datetime as dt
from decimal import Decimal as D

import pytest

from llct.training.choices import AppealOutcome, Band
from llct.training.services.assessment import rules
from llct.training.services.assessment.rules import CLAUSES

KEEP, CHANGE = AppealOutcome.UNCHANGED, AppealOutcome.CHANGED


def case(clause: str, what: str, *values):
    return pytest.param(*values, id=f"{CLAUSES[clause]} — {what}")


@pytest.mark.parametrize(
    ("first", "second", "mean"),
    [
        case("two_markers", "trung bình cộng của hai người chấm", "6", "7", "6.50"),
        case("two_markers", "trung bình cộng", "4.5", "5.5", "5.00"),
        case("two_markers", "trung bình cộng làm tròn 2 chữ số", "7.25", "7.5", "7.38"),
        case("scale", "điểm tối đa 10", "10", "10", "10.00"),
        case("scale", "điểm tối thiểu 0", "0", "0", "0.00"),
    ],
)
def test_two_markers_mean(first, second, mean):
    assert rules.two_marker_mean(D(first), D(second)) == D(mean)


@pytest.mark.parametrize("bad", [case("scale", "dưới 0", "-0.5"), case("scale", "trên 10", "10.5")])
def test_marks_outside_ten_point_scale_refused(bad):
    with pytest.raises(ValueError):
        rules.two_marker_mean(D(bad), D("5"))


@pytest.mark.parametrize(
    ("mark", "passes", "band"),
    [
        case("pass_mark", "4,99 không đạt", "4.99", False, Band.FAIL),
        case("pass_mark", "đạt từ 5,0: Trung bình", "5.00", True, Band.AVERAGE),
        case("bands", "Trung bình dưới 7", "6.99", True, Band.AVERAGE),
        case("bands", "7 đến dưới 8 Khá", "7.00", True, Band.FAIR),
        case("bands", "Khá dưới 8", "7.99", True, Band.FAIR),
        case("bands", "8 đến dưới 9 Giỏi", "8.00", True, Band.GOOD),
        case("bands", "Giỏi dưới 9", "8.99", True, Band.GOOD),
        case("bands", "9 đến 10 Xuất sắc", "9.00", True, Band.EXCELLENT),
        case("bands", "10 Xuất sắc", "10.00", True, Band.EXCELLENT),
    ],
)
def test_pass_mark_and_bands(mark, passes, band):
    assert rules.passed(D(mark)) is passes
    assert rules.band_for(D(mark)) == band


@pytest.mark.parametrize(
    ("original", "remark", "outcome", "new"),
    [
        case("appeal_rule", "lệch dưới 0,5 giữ nguyên", "6.00", "6.25", AppealOutcome.UNCHANGED, "6.00"),
        case(
            "appeal_rule", "lệch dưới 0,5 giữ nguyên (giảm)", "6.00", "5.75", AppealOutcome.UNCHANGED, "6.00"
        ),
        case("appeal_rule", "lệch đúng 0,5 thì đổi", "6.00", "6.50", AppealOutcome.CHANGED, "6.50"),
        case(
            "appeal_rule",
            "lệch từ 0,5 đến dưới 2 thì đổi (giảm)",
            "6.00",
            "4.50",
            AppealOutcome.CHANGED,
            "4.50",
        ),
        case("appeal_rule", "lệch 1,99 vẫn đổi", "6.00", "7.99", AppealOutcome.CHANGED, "7.99"),
        case("appeal_rule", "lệch đúng 2 chuyển Giám đốc", "6.00", "8.00", AppealOutcome.DIRECTOR, None),
        case("appeal_rule", "lệch trên 2 chuyển Giám đốc", "4.00", "7.00", AppealOutcome.DIRECTOR, None),
    ],
)
def test_appeal_difference_rule(original, remark, outcome, new):
    got_outcome, got_mark = rules.appeal_outcome(D(original), D(remark))
    assert got_outcome == outcome
    assert got_mark == (D(new) if new else None)


@pytest.mark.parametrize(
    ("function", "start", "due"),
    [
        case("rewrite", "hạn viết lại", rules.rewrite_due, "2025-12-10", "2025-12-13"),
        case("appeal", "hạn phúc tra", rules.appeal_due, "2025-12-10", "2025-12-12"),
        case("hand_in", "hạn nộp điểm qua năm mới", rules.hand_in_due, "2025-12-31", "2026-01-03"),
        case("publish", "hạn công bố điểm", rules.publish_due, "2025-12-05", "2025-12-08"),
    ],
)
def test_deadlines(function, start, due):
    assert function(dt.date.fromisoformat(start)) == dt.date.fromisoformat(due)


@pytest.mark.parametrize(
    ("size", "cap"),
    [
        case("rewards", f"lớp {size} người: tối đa {cap}", size, cap)
        for size, cap in [(9, 0), (10, 1), (25, 2), (30, 3), (39, 3), (100, 10)]
    ],
)
def test_rewards_at_most_ten_percent(size, cap):
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
    """LLCT levels (not QĐ 1147): module exams and final exam or thesis, weighted per programme
    (`Programme.final_weight`, an assumption until the programme sets it)."""
    got = rules.weighted_final([D(m) for m in modules], D(final) if final else None, D(weight))
    assert got == (D(expected) if expected else None)

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from llct.vntext import fold, name_sort_key


def test_sorted_by_given_name_then_the_rest_in_vietnamese_order():
    names = [
        "Trần Thị Ánh",
        "Nguyễn Văn An",
        "Lê Văn Ăn",
        "Vũ Ân",
        "Lê Anh",
        "Phạm Đức",
        "Hoàng Dũng",
        "Bùi Ôn",
        "Ngô Ơn",
        "Đỗ On",
        "Tạ Ưng",
        "Mai Uyên",
        "Lê An",
    ]
    assert sorted(names, key=name_sort_key) == [
        "Lê An",
        "Nguyễn Văn An",
        "Lê Anh",
        "Trần Thị Ánh",
        "Lê Văn Ăn",
        "Vũ Ân",
        "Hoàng Dũng",
        "Phạm Đức",
        "Đỗ On",
        "Bùi Ôn",
        "Ngô Ơn",
        "Mai Uyên",
        "Tạ Ưng",
    ]


def test_tones_decide_only_between_equal_spellings():
    assert sorted(["Lê Ánh", "Lê Anh", "Lê Ảnh", "Lê Ành"], key=name_sort_key) == [
        "Lê Anh",
        "Lê Ành",
        "Lê Ảnh",
        "Lê Ánh",
    ]
    assert name_sort_key("Lê Ánh") < name_sort_key("Lê Ba")


def test_fold_ignores_accents_case_spacing_and_both_tone_placements():
    assert fold("Nguyễn  Văn ĐẠT") == "nguyen van dat"
    assert fold("Uỷ ban") == fold("Ủy ban") == "uy ban"


@given(
    st.text(
        alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ ",
        max_size=30,
    )
)
def test_nfc_and_nfd_give_the_same_fold_and_sort_key(text):
    nfd = unicodedata.normalize("NFD", text)
    assert fold(nfd) == fold(text)
    assert name_sort_key(nfd) == name_sort_key(text)

import pytest

from kxtui.db.pinyin import pinyin_keys, search_key


@pytest.mark.parametrize(
    ("name", "full", "initials"),
    [
        ("胶州市", "jiaozhoushi", "jzs"),
        ("李哥庄镇", "ligezhuangzhen", "lgzz"),
        ("三里河街道", "sanlihejiedao", "slhjd"),
    ],
)
def test_place_names(name: str, full: str, initials: str) -> None:
    assert pinyin_keys(name) == (full, initials)


@pytest.mark.parametrize(
    ("name", "full"),
    [
        ("单雄信", "shanxiongxin"),
        ("曾国藩", "zengguofan"),
        ("仇英", "qiuying"),
        ("查良镛", "zhaliangyong"),
        ("解缙", "xiejin"),
        ("区小红", "ouxiaohong"),
        ("朴树", "piaoshu"),
        ("盖聂", "genie"),
        ("尉迟恭", "yuchigong"),
        ("张伟", "zhangwei"),
    ],
)
def test_surname_readings_override_the_common_reading(name: str, full: str) -> None:
    assert pinyin_keys(name, person=True)[0] == full


def test_the_override_is_only_for_people() -> None:
    # 单 as a word is "dan"; only a surname reads "shan"
    assert pinyin_keys("单位")[0] == "danwei"
    assert pinyin_keys("单位", person=True)[0] == "shanwei"


def test_search_key_ignores_spaces_case_and_full_width() -> None:
    assert search_key(" Zhang Wei ") == "zhangwei"
    assert search_key("ＪＺＳ") == "jzs"


def test_a_name_read_by_surname_and_given_name_reads_as_a_whole(demo_db) -> None:  # type: ignore[no-untyped-def]
    """Names are read in two cached parts (an import reads each given name once); for every
    demo volunteer that is what pypinyin says of the whole name."""
    import pypinyin

    from kxtui.db.models import Volunteer
    from kxtui.db.pinyin import SURNAME_READINGS, syllables

    for (name,) in Volunteer.select(Volunteer.name).tuples():
        if name[:1] in SURNAME_READINGS or name[:2] in SURNAME_READINGS:
            continue  # read with the surname's own reading, as before
        whole = pypinyin.lazy_pinyin(name, style=pypinyin.Style.NORMAL)
        assert syllables(name, person=True) == whole, name

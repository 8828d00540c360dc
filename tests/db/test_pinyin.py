import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kxtui.db.pinyin import SURNAME_READINGS, pinyin_keys, search_key, sort_key


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

    from kxtui.db.engine.models import Volunteer
    from kxtui.db.pinyin import SURNAME_READINGS, syllables

    for (name,) in Volunteer.select(Volunteer.name).tuples():
        if name[:1] in SURNAME_READINGS or name[:2] in SURNAME_READINGS:
            continue  # read with the surname's own reading, as before
        whole = pypinyin.lazy_pinyin(name, style=pypinyin.Style.NORMAL)
        assert syllables(name, person=True) == whole, name


# -- the name sort key --------------------------------------------------------------------------

# surnames that sound alike or begin alike (陈 沉 chen, 程 成 cheng, 张 章, 单 shan / 单于 chan
# yu), compound ones, and given-name characters of every kind of reading
SURNAMES = ["陈", "沉", "程", "成", "张", "章", "赵", "单", "单于", "尉迟", "李", "黎", "欧阳", "A"]
COMPOUND = [s for s in SURNAME_READINGS if len(s) == 2]
GIVEN = st.text(
    alphabet=st.sampled_from("芬佳雪琳凤广志伟泽明于迟阳安一乐长行重a·"), min_size=0, max_size=3
)
NAMES = st.lists(st.builds(str.__add__, st.sampled_from(SURNAMES), GIVEN), max_size=40)


def family(name: str) -> str:
    """A name's surname as an officer reads it: a compound one, else the first character."""
    return name[:2] if name[:2] in COMPOUND else name[:1]


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])  # a shared machine
@given(NAMES)
@example(["陈芬", "程佳雪", "程琳凤", "陈广志"])
@example(["陈芬", "沉芬", "陈广志"])  # homophone surnames: pinyin alone cannot keep them apart
@example(["单雄", "单于一", "单乐"])
def test_sorting_by_the_key_keeps_each_surname_together(names: list[str]) -> None:
    surnames = [family(name) for name in sorted(names, key=sort_key)]
    runs = [s for i, s in enumerate(surnames) if i == 0 or surnames[i - 1] != s]
    assert len(runs) == len(set(runs)), surnames


def test_syllable_by_syllable_chen_before_cheng() -> None:
    names = ["陈芬", "程佳雪", "程琳凤", "陈广志"]
    assert sorted(names, key=sort_key) == ["陈芬", "陈广志", "程佳雪", "程琳凤"]
    assert sort_key("陈芬") == "chen 陈 fen" and sort_key("尉迟恭") == "yu chi 尉迟 gong"

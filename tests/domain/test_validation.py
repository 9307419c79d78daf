"""Input validators: ID numbers, phones, names (rare characters included), dates and free text."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from liaison_desk.domain.errors import ValidationError
from liaison_desk.domain.validation import (
    is_mobile,
    mask_id_number,
    mask_phone,
    validate_date,
    validate_id_number,
    validate_person_name,
    validate_phone,
    validate_text,
)

CJK = re.compile(r"[\u4e00-\u9fff]")
TODAY = dt.date(2026, 11, 22)


def make_id(first17: str) -> str:
    """Append the GB 11643-1999 check character (anchored by the standard's own examples below)."""
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return first17 + "10X98765432"[sum(int(c) * w for c, w in zip(first17, weights, strict=True)) % 11]


def raises(fn, *args, code: str | None = None, **kw) -> ValidationError:
    with pytest.raises(ValidationError) as err:
        fn(*args, **kw)
    e = err.value
    assert CJK.search(e.message), e.message
    assert e.message_en and e.message_en != e.message
    if code:
        assert e.code == code, (e.code, e.message)
    return e


# -- ID numbers ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("raw", "expected"), [
    ("11010519491231002X", "11010519491231002X"),
    ("11010519491231002x", "11010519491231002X"),
    ("440524188001010014", "440524188001010014"),  # born 1880: older than 1900 is accepted
    (" 1101 0519 4912 3100 2X ", "11010519491231002X"),
    ("１１０１０５１９４９１２３１００２Ｘ", "11010519491231002X"),  # full width
])
def test_valid_id_numbers(raw, expected):
    assert validate_id_number(raw, today=TODAY) == expected


def test_the_id_number_is_optional():
    assert validate_id_number(None) is None
    assert validate_id_number("") is None
    assert validate_id_number("   ") is None


def test_id_errors_are_distinct_and_name_the_field():
    codes = {
        raises(validate_id_number, "1101051949123100", code="id_length").code,
        raises(validate_id_number, "110105194912310", code="id_length").code,
        raises(validate_id_number, "11010519491231002Y", code="id_chars").code,
        raises(validate_id_number, "1101051949123100X2", code="id_chars").code,
        raises(validate_id_number, "110105194913310026", code="id_birth").code,
        raises(validate_id_number, "110105194912310021", code="id_check").code,
    }
    assert codes == {"id_length", "id_chars", "id_birth", "id_check"}
    assert raises(validate_id_number, "123", field="visitor_id").field == "visitor_id"


def test_fifteen_digit_old_ids_get_their_own_hint():
    assert "15 位" in raises(validate_id_number, "110105491231002").message


@pytest.mark.parametrize("birth", ["19490230", "18000000", "17991231", "20261123", "20300101", "00000000"])
def test_impossible_or_future_birth_dates(birth):
    e = raises(validate_id_number, make_id("110105" + birth + "002"), code="id_birth", today=TODAY)
    assert birth in e.message


def test_birth_date_limits():
    assert validate_id_number(make_id("110105" + "18000101" + "002"), today=TODAY)
    assert validate_id_number(make_id("110105" + "20261122" + "002"), today=TODAY)  # born today


@given(st.from_regex(r"[0-9]{6}(19[0-9]{2}|20[01][0-9])(0[1-9]|1[0-2])(0[1-9]|1[0-9]|2[0-8])[0-9]{3}", fullmatch=True),
       st.integers(0, 16), st.integers(1, 9))
def test_any_single_digit_error_is_caught(first17, pos, delta):
    good = make_id(first17)
    assert validate_id_number(good, today=TODAY) == good
    bad = good[:pos] + str((int(good[pos]) + delta) % 10) + good[pos + 1:]
    with pytest.raises(ValidationError):
        validate_id_number(bad, today=TODAY)


@pytest.mark.parametrize(("raw", "masked"), [
    ("340621199001010352", "340621********0352"),
    ("11010519491231002x", "110105********002X"),
    ("110105491231002", "110105*****1002"),
    ("", ""), (None, ""), ("12345", "*****"),
])
def test_mask_id_number(raw, masked):
    assert mask_id_number(raw) == masked


# -- phone numbers ------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("raw", "expected"), [
    ("13812345678", "13812345678"),
    ("138 1234 5678", "13812345678"),
    ("138-1234-5678", "13812345678"),
    ("+86 138 1234 5678", "13812345678"),
    ("+8613812345678", "13812345678"),
    ("0086-13812345678", "13812345678"),
    ("８６１３８１２３４５６７８", "13812345678"),
    ("１３８１２３４５６７８", "13812345678"),
    ("19912345678", "19912345678"),
    ("0551-62612345", "0551-62612345"),
    ("(0551)62612345", "0551-62612345"),
    ("（0551）6261 2345", "0551-62612345"),
    ("055162612345", "0551-62612345"),
    ("010-12345678", "010-12345678"),
    ("021 5432 1098", "021-54321098"),
    ("0558-2612345", "0558-2612345"),  # 7-digit county number
    ("+86 551 6261 2345", "0551-62612345"),
    ("0551-62612345-801", "0551-62612345-801"),
    ("0551-62612345转801", "0551-62612345-801"),
    ("0551-62612345 分机 801", "0551-62612345-801"),
    ("0551-62612345 ext. 801", "0551-62612345-801"),
    ("0551-62612345#801", "0551-62612345-801"),
])
def test_valid_phones_are_normalized(raw, expected):
    assert validate_phone(raw) == expected
    assert validate_phone(expected) == expected  # idempotent


@pytest.mark.parametrize("raw", [
    "12345", "12812345678", "1381234567", "138123456789", "1381234567a", "phone", "62612345", "2612345",
    "0551-0261234", "0551-626123456", "+1 415 555 0100", "13812345678转801", "0000000000", "+86",
])
def test_invalid_phones(raw):
    e = raises(validate_phone, raw, code="bad_phone")
    assert e.field == "phone"
    assert "电话" in e.message or "号码" in e.message


def test_a_local_number_without_area_code_is_told_to_add_one():
    assert "区号" in raises(validate_phone, "6261 2345").message


def test_phone_blank_and_required():
    assert validate_phone(None) is None
    assert validate_phone("  ") is None
    assert validate_phone(" - ( ) ") is None
    assert raises(validate_phone, "", required=True, code="phone_missing").field == "phone"
    assert raises(validate_phone, "x", field="visitor_phone").field == "visitor_phone"


def test_is_mobile():
    assert is_mobile("13812345678") and is_mobile("+86 138-1234-5678")
    assert not is_mobile("0551-62612345")
    assert not is_mobile("12345") and not is_mobile(None) and not is_mobile("")


@pytest.mark.parametrize(("raw", "masked"), [
    ("13812345678", "138****5678"),
    ("+86 138 1234 5678", "138****5678"),
    ("0551-62612345", "0551-****2345"),
    ("(0551)2612345", "0551-***2345"),
    ("010-12345678", "010-****5678"),
    ("0551-62612345-801", "0551-****2345-801"),
    ("12345", "***45"),
    ("", ""), (None, ""),
])
def test_mask_phone_uses_one_format(raw, masked):
    assert mask_phone(raw) == masked


@given(st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True))
def test_every_mobile_round_trips_and_masks_to_seven_hidden_digits(m):
    assert validate_phone(m) == m and is_mobile(m)
    assert mask_phone(m) == m[:3] + "****" + m[-4:]


# -- person names -------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("raw", "expected"), [
    ("张三", "张三"),
    ("  王 秀英 ", "王秀英"),  # spaces typed for alignment between Chinese characters
    ("\u3000李四\u3000", "李四"),  # ideographic spaces
    ("𠮷田", "𠮷田"),  # Extension B
    ("王𬍛", "王𬍛"),  # Extension E
    ("刘䶮", "刘䶮"),  # Extension A
    ("龘", "龘"),
    ("卜〇", "卜〇"),
    ("\U00030000\U00031350\U0002EBF0", "\U00030000\U00031350\U0002EBF0"),  # Extensions G, H, I
    ("葛\U000E0100", "葛\U000E0100"),  # ideographic variation sequence
    ("\u2f64\u2f08", "用人"),  # Kangxi radicals copied out of a PDF
    ("阿依古丽·买买提", "阿依古丽·买买提"),
    ("阿依古丽•买买提", "阿依古丽·买买提"),
    ("阿依古丽‧买买提", "阿依古丽·买买提"),
    ("阿依古丽・买买提", "阿依古丽·买买提"),  # katakana middle dot from a Japanese IME
    ("阿依古丽 · 买买提", "阿依古丽·买买提"),
    ("John Smith", "John Smith"),
    ("John   Smith", "John Smith"),
    ("Ｊｏｈｎ　Ｓｍｉｔｈ", "John Smith"),  # full width
    ("Jean-Pierre O'Brien", "Jean-Pierre O'Brien"),
    ("José Müller", "José Müller"),
    ("Jose\u0301", "José"),  # NFC composes the accent
    ("张", "张"),
    ("王" * 40, "王" * 40),
])
def test_valid_names(raw, expected):
    assert validate_person_name(raw) == expected


@pytest.mark.parametrize(("raw", "code", "hint"), [
    ("", "name_missing", "姓名"),
    ("   ", "name_missing", "姓名"),
    ("王" * 41, "name_too_long", "40"),
    ("张三3", "name_chars", "数字"),
    ("张三３", "name_chars", "数字"),
    ("张三①", "name_chars", "数字"),
    ("张\x00三", "name_chars", "控制字符"),
    ("张\u200b三", "name_chars", "控制字符"),
    ("张三😀", "name_chars", "😀"),
    ("张三★", "name_chars", "★"),
    ("张三@", "name_chars", "@"),
    ("张三(代)", "name_chars", "("),
    ("阿依古丽.买买提", "name_chars", "·"),
    ("王\ue000", "name_chars", "U+E000"),  # private-use glyph from a vendor's rare-character font
    ("·张三", "name_dots", "·"),
    ("张三·", "name_dots", "·"),
    ("•张三", "name_dots", "·"),
    ("阿依古丽··买买提", "name_dots", "·"),
    ("-Jean", "name_chars", "-"),
])
def test_invalid_names(raw, code, hint):
    e = raises(validate_person_name, raw, code=code, field="visitor_names")
    assert e.field == "visitor_names"
    assert hint in e.message


@given(st.text(max_size=50))
def test_names_either_validate_idempotently_or_fail_in_chinese(raw):
    try:
        v = validate_person_name(raw)
    except ValidationError as e:
        assert CJK.search(e.message)
    else:
        assert validate_person_name(v) == v and 1 <= len(v) <= 40
        assert not any(c.isdigit() for c in v)


# -- dates --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("raw", [
    "2026-11-22", "2026/11/22", "2026.11.22", "20261122", "2026年11月22日", "2026年11月22号", "2026年11月22",
    " 2026-11-22 ", "２０２６－１１－２２", "２０２６年１１月２２日", "2026 年 11 月 22 日",
    dt.date(2026, 11, 22), dt.datetime(2026, 11, 22, 9, 30),
])
def test_date_formats(raw):
    assert validate_date(raw) == dt.date(2026, 11, 22)


def test_single_digit_month_and_day():
    assert validate_date("2026-1-5") == dt.date(2026, 1, 5)
    assert validate_date("2026年1月5日") == dt.date(2026, 1, 5)


@pytest.mark.parametrize(("raw", "code"), [
    ("", "date_missing"), (None, "date_missing"),
    ("2026-02-30", "bad_date"), ("2026-13-01", "bad_date"), ("20260230", "bad_date"), ("2026年2月30日", "bad_date"),
    ("26-11-22", "bad_date"), ("2026-11/22", "bad_date"), ("2026-11", "bad_date"), ("明天", "bad_date"),
    ("2026-11-22 09:30", "bad_date"), ("2026112", "bad_date"),
])
def test_bad_dates(raw, code):
    assert raises(validate_date, raw, code=code, field="visit_date").field == "visit_date"


def test_date_bounds():
    lo, hi = dt.date(2026, 1, 1), dt.date(2026, 11, 22)
    assert validate_date("2026-11-22", not_after=hi, not_before=lo) == hi
    assert validate_date("2026-01-01", not_after=hi, not_before=lo) == lo
    e = raises(validate_date, "2026-11-23", not_after=hi, code="date_too_late")
    assert "2026-11-22" in e.message and "晚于" in e.message
    e = raises(validate_date, dt.date(2025, 12, 31), not_before=lo, code="date_too_early")
    assert "2026-01-01" in e.message and "早于" in e.message


# -- free text ----------------------------------------------------------------------------------------------

def test_text_is_trimmed_and_line_ends_unified():
    assert validate_text("  村东头灌溉渠堵塞\r\n春灌放不下水。\t ", field="content") == "村东头灌溉渠堵塞\n春灌放不下水。"
    assert validate_text("a\rb\u2028c", field="note") == "a\nb\nc"
    assert validate_text("列\t表", field="note") == "列\t表"


def test_text_keeps_rare_characters_and_emoji():
    assert validate_text("𠮷野家 👍", field="note") == "𠮷野家 👍"


def test_text_length_limits():
    assert validate_text("", field="note", min_len=0) == ""
    assert validate_text(None, field="note", min_len=0) == ""
    assert raises(validate_text, "   ", field="content", code="text_missing").field == "content"
    raises(validate_text, "短", field="content", min_len=5, code="text_too_short")
    assert validate_text("字" * 100, field="summary", max_len=100) == "字" * 100
    e = raises(validate_text, "字" * 101, field="summary", max_len=100, code="text_too_long")
    assert "100" in e.message and "101" in e.message


@pytest.mark.parametrize("bad", ["a\x00b", "a\x1bb", "a\x7fb", "a\x85b", "abc\u202edcba"])
def test_text_refuses_control_characters(bad):
    assert raises(validate_text, bad, field="content", code="text_control").field == "content"

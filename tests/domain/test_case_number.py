"""Case numbers: format, forgiving parsing, and a check character that catches every typo and neighbour swap."""

from __future__ import annotations

import datetime as dt
import random
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from liaison_desk.domain.case_number import (
    ALPHABET,
    EXAMPLE,
    CaseNumber,
    check_symbol,
    format_case_number,
    is_valid_compact,
    parse_case_number,
    validate_station_code,
)
from liaison_desk.domain.errors import ValidationError

DAY = dt.date(2026, 11, 22)
CJK = re.compile(r"[\u4e00-\u9fff]")

codes = st.text(alphabet=ALPHABET, min_size=2, max_size=8)
days = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 31))
seqs = st.integers(min_value=1, max_value=9999)


def random_numbers(n: int, seed: int = 20261122) -> list[str]:
    r = random.Random(seed)
    out = []
    for _ in range(n):
        code = "".join(r.choice(ALPHABET) for _ in range(r.randint(2, 8)))
        day = dt.date(2000, 1, 1) + dt.timedelta(days=r.randrange(36_500))
        out.append(format_case_number(code, day, r.randint(1, 9999)))
    return out


# -- the alphabet and the check -----------------------------------------------------------------------------

def test_alphabet_has_31_symbols_without_look_alikes():
    assert len(ALPHABET) == len(set(ALPHABET)) == 31
    assert ALPHABET == "0123456789" + "ABCDEFGHJKLMNPRTUVWXY"
    assert not set("IOQSZ") & set(ALPHABET)


@pytest.mark.parametrize("number", random_numbers(300))
def test_every_single_substitution_is_detected(number):
    compact = number.replace("-", "")
    assert is_valid_compact(compact)
    for i, original in enumerate(compact):  # the check character included
        for other in ALPHABET:
            if other != original:
                assert not is_valid_compact(compact[:i] + other + compact[i + 1:]), (compact, i, other)


@pytest.mark.parametrize("number", random_numbers(300, seed=7))
def test_every_adjacent_swap_of_distinct_symbols_is_detected(number):
    compact = number.replace("-", "")
    for i in range(len(compact) - 1):  # the last pair swaps the check character with its neighbour
        a, b = compact[i], compact[i + 1]
        if a != b:
            assert not is_valid_compact(compact[:i] + b + a + compact[i + 2:]), (compact, i)


@pytest.mark.parametrize("number", random_numbers(100, seed=3))
def test_a_mistyped_digit_in_the_date_or_sequence_is_reported_by_the_parser(number):
    for i, ch in enumerate(number):
        if ch.isdigit() and i > number.index("-"):
            for d in "0123456789":
                if d != ch:
                    with pytest.raises(ValidationError) as err:
                        parse_case_number(number[:i] + d + number[i + 1:])
                    assert err.value.code in {"bad_check_character", "bad_case_number"}


def test_check_symbol_weights_the_check_itself_with_one():
    body = "LX032611220001"
    c = check_symbol(body)
    assert is_valid_compact(body + c)
    assert sum(1 for s in ALPHABET if is_valid_compact(body + s)) == 1


def test_is_valid_compact_rejects_symbols_outside_the_alphabet():
    assert not is_valid_compact("")
    assert not is_valid_compact("K")
    assert not is_valid_compact("LX03-261122-0001-K")
    assert not is_valid_compact("LS032611220001K")


# -- formatting ---------------------------------------------------------------------------------------------

def test_format_example():
    assert format_case_number("LX03", DAY, 1) == "LX03-261122-0001-K" == EXAMPLE
    assert format_case_number(" lx03 ", DAY, 1) == EXAMPLE  # the station code is normalized


@given(codes, days, seqs)
def test_format_then_parse_round_trips(code, day, seq):
    text = format_case_number(code, day, seq)
    assert re.fullmatch(r"[0-9A-Y]{2,8}-\d{6}-\d{4}-[0-9A-Y]", text)
    n = parse_case_number(text)
    assert (n.station_code, n.day, n.seq) == (code, day, seq)
    assert str(n) == text
    assert parse_case_number(text.replace("-", "").lower()) == n


@pytest.mark.parametrize("seq", [0, -1, 10_000, True, 1.0])
def test_sequence_out_of_range_is_refused(seq):
    with pytest.raises(ValidationError) as err:
        format_case_number("LX03", DAY, seq)
    assert err.value.code == "bad_sequence" and CJK.search(err.value.message)


@pytest.mark.parametrize("day", [dt.date(1999, 12, 31), dt.date(2100, 1, 1)])
def test_dates_outside_the_two_digit_century_are_refused(day):
    with pytest.raises(ValidationError):
        format_case_number("LX03", day, 1)


def test_case_number_str_is_the_formatted_number():
    assert str(CaseNumber("LX03", DAY, 1, "K")) == "LX03-261122-0001-K"


# -- station codes ------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("raw", "expected"), [
    ("LX01", "LX01"), (" lx01 ", "LX01"), ("ＬＸ０１", "LX01"), ("hk 03", "HK03"), ("12", "12"),
    ("ABCDEFGH", "ABCDEFGH"), ("xy", "XY"),
])
def test_station_codes_are_normalized(raw, expected):
    assert validate_station_code(raw) == expected


@pytest.mark.parametrize("bad", ["LS01", "QX03", "ZO1", "IK01", "so"])
def test_look_alike_letters_are_refused_with_the_reason(bad):
    with pytest.raises(ValidationError) as err:
        validate_station_code(bad)
    e = err.value
    assert e.code == "bad_station_code" and e.field == "station_code"
    assert "混淆" in e.message
    for ch in set(bad.upper()) & set("IOQSZ"):
        assert ch in e.message
    assert "I, O, Q, S, Z" in e.message_en


@pytest.mark.parametrize("bad", ["LX-01", "联络站", "LX_01", "L.X"])
def test_other_characters_are_named(bad):
    with pytest.raises(ValidationError) as err:
        validate_station_code(bad)
    assert "只能用数字和英文字母" in err.value.message
    assert any(ch in err.value.message for ch in bad if ch not in ALPHABET)


@pytest.mark.parametrize("bad", ["", "   ", "X", "ABCDEFGH1"])
def test_station_code_length(bad):
    with pytest.raises(ValidationError) as err:
        validate_station_code(bad)
    assert CJK.search(err.value.message) and err.value.field == "station_code"


# -- forgiving parsing --------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "LX03-261122-0001-K",
    "lx03-261122-0001-k",
    "  LX03 261122 0001 K  ",
    "LX032611220001K",
    "lx03 2611 2200 01k",
    "ＬＸ０３－２６１１２２－０００１－Ｋ",  # full width, as typed with a Chinese input method
    "ＬＸ０３２６１１２２０００１Ｋ",
    "LX03—261122—0001—K",  # em dashes
    "LX03.261122.0001.K",
    "LX03-261122-1-K",  # sequence without its leading zeros
    "LX03-26112-20001-K",  # hyphens in the wrong place are ignored
    "LX03-261122-OOO1-K",  # letter O for zero
    "LX03-261122-QOO1-K",
    "LX03-26II22-0001-K",  # letter I for one
])
def test_forgiving_parse(text):
    n = parse_case_number(text)
    assert n == CaseNumber("LX03", DAY, 1, "K")
    assert str(n) == "LX03-261122-0001-K"


def test_look_alikes_map_to_digits_before_the_check():
    number = format_case_number("H5K2", DAY, 50)  # station code with 5 and 2
    assert parse_case_number(number.replace("5", "S").replace("2", "Z")) == parse_case_number(number)
    number = format_case_number("1001", DAY, 10)
    assert parse_case_number(number.replace("1", "I").replace("0", "o")) == parse_case_number(number)


@pytest.mark.parametrize("text", ["", "   ", "---", None])
def test_empty_input(text):
    with pytest.raises(ValidationError) as err:
        parse_case_number(text)
    assert err.value.code == "empty_case_number" and "请输入" in err.value.message


@pytest.mark.parametrize("text", [
    "LX03", "LX03-261122-0001", "261122-0001-K", "X-261122-0001-K", "ABCDEFGHJ-261122-0001-K",
    "LX03-2611AA-0001-K", "LX03-261122-00A1-K", "LX03-261122-0001-KK", "LX03-261122-0000-E", "联络站-261122-0001-K",
    "LX03-261122-0001-!", "LX03-261122-0001-K-1", "LX03-261122-1-",
])
def test_wrong_format_is_explained(text):
    with pytest.raises(ValidationError) as err:
        parse_case_number(text)
    e = err.value
    assert e.code == "bad_case_number" and e.field == "case_number"
    assert e.message.startswith("编号格式不对，应为 站点代码-年月日-序号-校验位，例如 ")
    # The example shown to the user must itself be a valid number.
    example = e.message.rsplit(" ", 1)[-1]
    assert str(parse_case_number(example)) == example


def test_wrong_check_character():
    with pytest.raises(ValidationError) as err:
        parse_case_number("LX03-261122-0001-A")
    e = err.value
    assert e.code == "bad_check_character"
    assert e.message == "编号校验不通过，可能有字抄错或两个字颠倒了，请核对回执上的编号。"
    assert "swapped" in e.message_en


def test_swapped_neighbours_in_typed_form_are_caught():
    with pytest.raises(ValidationError) as err:
        parse_case_number("LX03-261122-0010-K")
    assert err.value.code == "bad_check_character"


def test_an_impossible_date_with_a_passing_check_is_reported_as_a_date_error():
    body = "LX03" + "261131" + "0001"  # 31 November
    with pytest.raises(ValidationError) as err:
        parse_case_number(body + check_symbol(body))
    assert err.value.code == "bad_case_number_date" and "261131" in err.value.message


def test_an_impossible_date_with_a_failing_check_is_reported_as_a_typo():
    with pytest.raises(ValidationError) as err:
        parse_case_number("LX03-261131-0001-K")
    assert err.value.code == "bad_check_character"


@given(st.text(max_size=30))
def test_parse_never_fails_with_anything_but_a_validation_error(text):
    try:
        n = parse_case_number(text)
    except ValidationError as e:
        assert CJK.search(e.message) and e.message_en
    else:
        assert parse_case_number(str(n)) == n

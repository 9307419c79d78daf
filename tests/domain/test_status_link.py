"""The public status link (issue 15): a token the station computes offline and the hub checks, nothing personal,
not guessable; the hub's public address as staff type it; the phone's last four digits."""

from __future__ import annotations

import pytest

from liaison_desk.domain.errors import ValidationError
from liaison_desk.domain.status_link import (
    TOKEN_LEN,
    check_public_address,
    last_four,
    status_key,
    status_token,
    status_url,
    token_ok,
)
from liaison_desk.sync.bundle import bundle_key

CASE = "0b7e0c1a-3f3e-4b0c-9a55-2f5c2d0a1b2c"
OTHER = "0b7e0c1a-3f3e-4b0c-9a55-2f5c2d0a1b2d"


def test_the_station_and_the_hub_derive_the_same_token_from_what_each_holds():
    credential = "station-credential-only-the-station-knows"
    station_side = status_token(status_key(bundle_key(credential)), CASE)  # the desk: from its credential
    hub_side = status_key(bundle_key(credential))  # the hub stored the bundle key at enrollment
    assert token_ok(hub_side, CASE, station_side)
    assert len(station_side) == TOKEN_LEN and station_side.replace("-", "").replace("_", "").isalnum()


def test_a_token_opens_its_own_case_only_and_only_under_its_station_key():
    key, other_key = status_key("ab" * 32), status_key("cd" * 32)
    token = status_token(key, CASE)
    assert not token_ok(key, OTHER, token)
    assert not token_ok(other_key, CASE, token)  # another station's key, or the same station enrolled again
    assert status_token(key, CASE.upper()) == token  # the id spelled either way
    flipped = ("A" if token[0] != "A" else "B") + token[1:]
    assert not token_ok(key, CASE, flipped)
    for bad in ("", None, token[:-1], token + "x", "é" * TOKEN_LEN):
        assert not token_ok(key, CASE, bad)


def test_the_status_key_is_not_the_bundle_key():
    assert status_key("ab" * 32) != bytes.fromhex("ab" * 32)


def test_the_link_holds_the_number_and_the_token_only():
    assert status_url("https://rd.example.gov.cn/", "HK01-261207-0003-8", "abV3Uol8Pe4qduaK") == (
        "https://rd.example.gov.cn/status/HK01-261207-0003-8?t=abV3Uol8Pe4qduaK")


@pytest.mark.parametrize(("typed", "kept"), [
    ("https://rd.example.gov.cn/", "https://rd.example.gov.cn"),
    ("  http://10.1.2.3:8443/hub  ", "http://10.1.2.3:8443/hub"),
    ("ｈｔｔｐｓ://rd.example.gov.cn", "https://rd.example.gov.cn"),  # full-width typed on a Chinese IME
    ("", ""),
])
def test_a_public_address_as_typed(typed, kept):
    assert check_public_address(typed) == kept


@pytest.mark.parametrize("typed", ["rd.example.gov.cn", "ftp://rd.example.gov.cn", "https://", "https://a b.cn",
                                   "https://rd.example.gov.cn/?x=1", "https://rd.example.gov.cn#top",
                                   "https://user:pw@rd.example.gov.cn", "https://rd.example.gov.cn:99999",
                                   "javascript:alert(1)", "https://" + "a" * 200 + ".cn", 5])
def test_a_wrong_public_address_is_explained_in_chinese(typed):
    with pytest.raises(ValidationError) as err:
        check_public_address(typed)
    assert "网址" in err.value.message and err.value.field == "public_status_url"


@pytest.mark.parametrize(("phone", "digits"), [("13812345678", "5678"), ("138 1234 5678", "5678"),
                                               ("0551-6261２３４５", "2345"), ("123", ""), (None, ""), ("", "")])
def test_last_four_digits_of_a_phone_as_stored(phone, digits):
    assert last_four(phone) == digits

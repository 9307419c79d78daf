"""Issue 15 at the desk: the county hub's public address is a station setting (staff and administrators); when it
is set and the station is enrolled, the receipt carries the case's status link; otherwise none."""

from __future__ import annotations

from PySide6.QtCore import Qt

from liaison_desk.services.cases.actions import CaseInput, VisitInput, register_visit
from liaison_desk.services.desk.settings import get_settings
from liaison_desk.services.printing.receipts import receipt_data
from liaison_desk.services.sync import state as sync_state
from liaison_desk.ui.settings_dialog import SettingsDialog

from .helpers import CJK


def test_staff_set_the_public_address_and_enrolled_receipts_carry_the_link(qtbot, admin_session):
    dlg = SettingsDialog(admin_session)
    qtbot.addWidget(dlg)
    assert CJK.search(dlg.status_url_edit.accessibleName())
    dlg.status_url_edit.setText("rd.hekou.gov.cn")  # no scheme: explained under the field, nothing saved
    assert not dlg.save()
    assert dlg.tabs.currentIndex() == 2 and "http://" in dlg.errors.text("status_url")
    assert get_settings(admin_session.db).public_status_url == ""
    dlg.status_url_edit.setText("https://rd.hekou.gov.cn/")
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dlg.isVisible())
    assert get_settings(admin_session.db).public_status_url == "https://rd.hekou.gov.cn"

    reg = register_visit(admin_session.db, admin_session.actor, VisitInput("张大爷", visitor_phone="13812345678"),
                         CaseInput("村东头灌溉渠堵了两个月，希望尽快疏通。"))
    slip = receipt_data(admin_session.db, reg.case_number)
    assert slip.status_url is None and slip.status_address == ""  # not enrolled: the hub could not check a link
    sync_state.put_credential(admin_session.db, "c" * 43)
    slip = receipt_data(admin_session.db, reg.case_number)
    assert slip.status_url is not None
    assert slip.status_url.startswith(f"https://rd.hekou.gov.cn/status/{reg.case_number}?t=")
    assert len(slip.status_url.split("?t=")[1]) == 16 and "13812345678" not in slip.status_url
    assert slip.status_address == "https://rd.hekou.gov.cn"


def test_a_duty_deputy_cannot_set_the_public_address(qtbot, deputy_session):
    dlg = SettingsDialog(deputy_session)
    qtbot.addWidget(dlg)
    dlg.status_url_edit.setText("https://rd.hekou.gov.cn")
    assert not dlg.save() and dlg.form_error.text() == "当前身份不能修改值班台设置。"
    assert get_settings(deputy_session.db).public_status_url == ""

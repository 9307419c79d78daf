"""来访登记: one keyboard-friendly form for a visit and the matter raised, with the receipt in the same step.

A returning visitor is recognised by phone; similar open cases are shown before a duplicate is made; the
form is saved as a draft while typing, so neither a validation error nor a crash loses what was typed.

Saving takes one press when nothing is wrong. A field's problem is said under it as soon as the field is left
(or save is pressed) and goes as soon as it is fixed. Two questions are asked right above the save button, each
with two buttons and nothing chosen for the user: a village not on the station's list (新增 / 返回修改), and an
open case the matter may be the same as (是同一件事 / 是新的事). An answer holds until the cases asked about
change, so an unrelated edit never asks again.
"""

from __future__ import annotations

import itertools
import logging
import uuid
from typing import Any

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..domain.errors import DomainError
from ..domain.vocab import TRIAGE_COLOURS, URGENCY, VISIT_CHANNELS, label
from ..domain.workflow import EventKind
from ..services.cases.actions import CaseInput, VisitInput, act_on_case, register_visit
from ..services.cases.visitors import (
    DuplicateCandidate,
    EarlierCase,
    SimilarCase,
    check_visit_field,
    find_visitor,
    possible_duplicates,
    similar_open_cases,
)
from ..services.desk import lookups
from ..services.desk.drafts import drop_form_draft, keep_form_draft, read_form_draft
from ..services.desk.settings import get_settings
from .case_table_model import TRIAGE_SWATCH, status_label
from .forms import FieldErrors, combo_select_data, friendly, reveal, single_shot_timer
from .session import DeskSession

log = logging.getLogger(__name__)

DRAFT_KEY = "walkin"
_ALIASES = {"visitor_names": "name", "visitor_phone": "phone", "phone": "phone", "village": "village",
            "headcount": "headcount", "channel": "channel", "received_by_id": "deputy", "content": "content",
            "summary": "content", "text": "content", "category_id": "category", "urgency": "urgency",
            "triage": "triage", "id_number": "name"}
# The fields checked at the desk as the service will check them (form key → service field).
_CHECKED = {"name": "visitor_names", "phone": "visitor_phone", "village": "village", "content": "content"}


def _swatch(colour: QColor) -> QIcon:
    pix = QPixmap(14, 14)
    pix.fill(colour)
    return QIcon(pix)


class WalkInForm(QWidget):
    """Emits ``registered(case_number)`` after a save; the receipt preview opens from ``show_receipt``."""

    registered = Signal(str)

    def __init__(self, session: DeskSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self._lang = session.lang
        self._similar_acknowledged = False  # answered 是新的事 for whatever is similar (kept for older callers)
        self._decided_for: frozenset[uuid.UUID] = frozenset()  # the open cases the duplicate question was about
        self._same_as: uuid.UUID | None = None  # the answer: the case it is the same matter as (None: a new one)
        self._candidates: list[DuplicateCandidate] = []
        self._new_village: str | None = None  # a village name not on the list that the user chose to add
        self._touched: set[str] = set()
        self._loading = False
        self.last_number: str | None = None
        self._draft_timer = single_shot_timer(self, 800, self.save_draft)
        self._similar_timer = single_shot_timer(self, 400, self.check_similar)
        self._build()
        self.reload_lists()

    # -- layout -------------------------------------------------------------------------------------------
    def _build(self) -> None:
        heading = QLabel(self.tr("来访登记"))
        heading.setObjectName("dialogHeading")
        self.form_error = QLabel()
        self.form_error.setObjectName("formError")
        self.form_error.setWordWrap(True)
        self.form_error.setVisible(False)
        self.errors = FieldErrors(self.form_error, aliases=_ALIASES)
        self.saved_label = QLabel()
        self.saved_label.setObjectName("savedNote")
        self.saved_label.setWordWrap(True)
        self.saved_label.setAccessibleName(self.tr("登记结果"))
        self.saved_label.setVisible(False)

        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("多人来访用顿号分开，例如：张三、李四"))
        self.name_edit.setMaxLength(200)
        self.phone_edit = QLineEdit()
        self.phone_edit.setPlaceholderText(self.tr("手机或带区号的座机"))
        self.phone_edit.setMaxLength(32)
        self.village_edit = QLineEdit()
        self.village_edit.setPlaceholderText(self.tr("输入一两个字即可选择"))
        self.village_edit.setMaxLength(60)
        self._village_model = QStringListModel(self)
        completer = QCompleter(self._village_model, self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.village_edit.setCompleter(completer)
        self.headcount_spin = QSpinBox()
        self.headcount_spin.setRange(1, 999)
        self.channel_combo = QComboBox()
        for code in VISIT_CHANNELS:
            self.channel_combo.addItem(label(VISIT_CHANNELS, code, self._lang), code)
        self.deputy_combo = QComboBox()
        self.content_edit = QPlainTextEdit()
        self.content_edit.setTabChangesFocus(True)  # Tab moves on, as in every other field
        self.content_edit.setPlaceholderText(self.tr("群众反映的问题和诉求，尽量写清时间、地点和经过"))
        self.content_edit.setMinimumHeight(self.fontMetrics().height() * 5)
        self.category_combo = QComboBox()
        # judgements: nothing chosen until the deputy chooses (Enter on an untouched form must not decide them)
        self.urgency_combo = QComboBox()
        self.urgency_combo.addItem(self.tr("（请选择）"), None)
        for code in URGENCY:
            self.urgency_combo.addItem(label(URGENCY, code, self._lang), code)
        self.triage_combo = QComboBox()
        self.triage_combo.addItem(self.tr("（请选择）"), None)
        for code in TRIAGE_COLOURS:
            self.triage_combo.addItem(_swatch(TRIAGE_SWATCH[code]), label(TRIAGE_COLOURS, code, self._lang), code)

        left, right = QFormLayout(), QFormLayout()
        for form in (left, right):
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            form.setVerticalSpacing(4)
        e = self.errors
        e.add_row(left, "name", self.tr("来访人(&N)："), self.name_edit, self.tr("来访人姓名"))
        e.add_row(left, "phone", self.tr("联系电话(&E)："), self.phone_edit, self.tr("联系电话"))
        self.phone_edit.setToolTip(self.tr("老朋友再来时，输入电话就能看到他以前反映的事。"))
        e.add_row(left, "village", self.tr("村（社区）(&G)："), self.village_edit, self.tr("村（社区）"))
        e.add_row(left, "headcount", self.tr("来访人数(&M)："), self.headcount_spin, self.tr("来访人数"))
        e.add_row(left, "channel", self.tr("来访方式(&W)："), self.channel_combo, self.tr("来访方式"))
        e.add_row(left, "deputy", self.tr("接待代表(&J)："), self.deputy_combo, self.tr("接待代表"))
        e.add_row(right, "content", self.tr("反映内容(&C)："), self.content_edit, self.tr("反映内容"))
        e.add_row(right, "category", self.tr("类别(&T)："), self.category_combo, self.tr("类别"))
        e.add_row(right, "urgency", self.tr("紧急程度(&U)："), self.urgency_combo, self.tr("紧急程度"))
        e.add_row(right, "triage", self.tr("分办颜色(&L)："), self.triage_combo, self.tr("分办颜色"))

        # Side panels: the returning visitor and the similar open cases.
        self.visitor_label = QLabel()
        self.visitor_label.setObjectName("visitorNote")
        self.visitor_label.setWordWrap(True)
        self.visitor_list = QListWidget()
        self.visitor_list.setAccessibleName(self.tr("这位来访人以前反映的事项"))
        self.visitor_list.setMaximumHeight(self.fontMetrics().height() * 4)
        self.visitor_box = QFrame()
        self.visitor_box.setObjectName("sidePanel")
        vb = QVBoxLayout(self.visitor_box)
        vb.addWidget(self.visitor_label)
        vb.addWidget(self.visitor_list)
        self.visitor_box.setVisible(False)

        self.similar_label = QLabel()
        self.similar_label.setObjectName("similarNote")
        self.similar_label.setWordWrap(True)
        self.similar_list = QListWidget()
        self.similar_list.setAccessibleName(self.tr("相似的在办案件"))
        self.similar_list.setMaximumHeight(self.fontMetrics().height() * 4)
        self.similar_box = QFrame()
        self.similar_box.setObjectName("sidePanel")
        sb = QVBoxLayout(self.similar_box)
        sb.addWidget(self.similar_label)
        sb.addWidget(self.similar_list)
        self.similar_box.setVisible(False)

        self._build_questions()
        self.save_button = QPushButton(self.tr("保存并打印回执(&S)"))
        self.save_button.setAccessibleName(self.tr("保存并打印回执"))
        self.save_button.setToolTip(self.tr("快捷键 Ctrl+S"))
        self.save_button.clicked.connect(self.save)
        self.clear_button = QPushButton(self.tr("清空重填(&R)"))
        self.clear_button.setAccessibleName(self.tr("清空重填"))
        self.clear_button.clicked.connect(self.clear_form)
        QShortcut(QKeySequence("Ctrl+S"), self, self.save, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        grid.addWidget(self.visitor_box, 1, 0)
        grid.addWidget(self.similar_box, 1, 1)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 3)
        buttons = QHBoxLayout()
        buttons.addWidget(self.form_error, 1)
        buttons.addStretch(0)
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.save_button)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 12, 16, 12)
        outer.addWidget(heading)
        outer.addWidget(self.saved_label)
        outer.addLayout(grid)
        outer.addStretch(1)
        outer.addWidget(self.village_box)  # the questions sit right above the save button
        outer.addWidget(self.duplicate_box)
        outer.addLayout(buttons)

        order = [self.name_edit, self.phone_edit, self.village_edit, self.headcount_spin, self.channel_combo,
                 self.deputy_combo, self.content_edit, self.category_combo, self.urgency_combo, self.triage_combo,
                 self.add_village_button, self.edit_village_button, self.duplicate_list, self.same_button,
                 self.new_button, self.save_button, self.clear_button]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)

        self._checked_inputs: dict[str, QWidget] = {"name": self.name_edit, "phone": self.phone_edit,
                                                    "village": self.village_edit, "content": self.content_edit}
        for key, widget in self._checked_inputs.items():
            widget.installEventFilter(self)  # leaving the field: its message, if any
            if isinstance(widget, QLineEdit):
                widget.textEdited.connect(lambda _t, k=key: self._field_edited(k))
            else:
                self.content_edit.textChanged.connect(lambda k=key: self._field_edited(k))
        self.village_edit.textChanged.connect(self._village_changed)
        for key, widget in (("headcount", self.headcount_spin), ("channel", self.channel_combo),
                            ("deputy", self.deputy_combo), ("category", self.category_combo),
                            ("urgency", self.urgency_combo), ("triage", self.triage_combo)):
            signal = widget.valueChanged if isinstance(widget, QSpinBox) else widget.currentIndexChanged
            signal.connect(lambda *_a, k=key: self.errors.clear_field(k))  # changed: the service's message goes
        for edit in (self.name_edit, self.phone_edit, self.village_edit):
            edit.textEdited.connect(self._changed)
        self.content_edit.textChanged.connect(self._changed)
        self.content_edit.textChanged.connect(self._similar_timer.start)
        self.village_edit.editingFinished.connect(self._similar_timer.start)
        self.phone_edit.editingFinished.connect(self.check_visitor)
        for combo in (self.channel_combo, self.deputy_combo, self.category_combo, self.urgency_combo,
                      self.triage_combo):
            combo.currentIndexChanged.connect(self._changed)
        self.category_combo.currentIndexChanged.connect(self._similar_timer.start)
        self.headcount_spin.valueChanged.connect(self._changed)

    def _build_questions(self) -> None:
        """The two questions above the save button: a new village, and a possible duplicate."""
        self.village_question = QLabel()
        self.village_question.setObjectName("questionText")
        self.village_question.setWordWrap(True)
        self.add_village_button = QPushButton(self.tr("新增"))
        self.add_village_button.setAccessibleName(self.tr("新增这个村（社区）并保存"))
        self.add_village_button.clicked.connect(self._add_village)
        self.edit_village_button = QPushButton(self.tr("返回修改"))
        self.edit_village_button.setAccessibleName(self.tr("返回修改村（社区）"))
        self.edit_village_button.clicked.connect(self._edit_village)
        self.village_box = QFrame()
        self.village_box.setObjectName("questionPanel")
        self.village_box.setFrameShape(QFrame.Shape.StyledPanel)  # a question stands out from the form
        self.village_box.setAccessibleName(self.tr("新增村（社区）的确认"))
        row = QHBoxLayout(self.village_box)
        row.addWidget(self.village_question, 1)
        row.addWidget(self.add_village_button)
        row.addWidget(self.edit_village_button)
        self.village_box.setVisible(False)

        self.duplicate_question = QLabel()
        self.duplicate_question.setObjectName("questionText")
        self.duplicate_question.setWordWrap(True)
        self.duplicate_list = QListWidget()
        self.duplicate_list.setAccessibleName(self.tr("可能是同一件事的在办案件"))
        self.duplicate_list.setMaximumHeight(self.fontMetrics().height() * 4)
        self.duplicate_note = QLabel()
        self.duplicate_note.setObjectName("fieldError")
        self.duplicate_note.setWordWrap(True)
        self.duplicate_note.setVisible(False)
        self.same_button = QPushButton(self.tr("是同一件事（关联到原件）"))
        self.same_button.setAccessibleName(self.tr("是同一件事（关联到原件）"))
        self.same_button.clicked.connect(self._same_matter)
        self.new_button = QPushButton(self.tr("是新的事（另行登记）"))
        self.new_button.setAccessibleName(self.tr("是新的事（另行登记）"))
        self.new_button.clicked.connect(self._new_matter)
        self.duplicate_box = QFrame()
        self.duplicate_box.setObjectName("questionPanel")
        self.duplicate_box.setFrameShape(QFrame.Shape.StyledPanel)  # a question stands out from the form
        self.duplicate_box.setAccessibleName(self.tr("是不是同一件事"))
        box = QVBoxLayout(self.duplicate_box)
        box.addWidget(self.duplicate_question)
        box.addWidget(self.duplicate_list)
        answers = QHBoxLayout()
        answers.addWidget(self.duplicate_note, 1)
        answers.addWidget(self.same_button)
        answers.addWidget(self.new_button)
        box.addLayout(answers)
        self.duplicate_box.setVisible(False)
        for button in (self.add_village_button, self.edit_village_button, self.same_button, self.new_button):
            button.setAutoDefault(False)  # Enter answers neither question: each answer is a choice made
            button.setDefault(False)

    def reload_lists(self) -> None:
        """Villages, deputies and categories from the database (after set-up or a sync brought new ones)."""
        db = self.session.db
        self._village_model.setStringList([c.name for c in lookups.list_villages(db)])
        self.deputy_combo.blockSignals(True)
        self.deputy_combo.clear()
        self.deputy_combo.addItem(self.tr("（不指定）"), None)
        for c in lookups.list_active_deputies(db):
            self.deputy_combo.addItem(c.name, str(c.id))
        actor = self.session.actor
        if actor is not None and actor.deputy_id is not None:
            combo_select_data(self.deputy_combo, actor.deputy_id)
        self.deputy_combo.blockSignals(False)
        self.category_combo.blockSignals(True)
        self.category_combo.clear()
        self.category_combo.addItem(self.tr("（请选择）"), None)
        for c in lookups.list_categories(db):
            self.category_combo.addItem(c.name, str(c.id))
        self.category_combo.blockSignals(False)

    def set_session(self, session: DeskSession) -> None:
        self.session = session
        self.reload_lists()

    # -- values and drafts --------------------------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        return {"name": self.name_edit.text(), "phone": self.phone_edit.text(), "village": self.village_edit.text(),
                "headcount": self.headcount_spin.value(), "channel": self.channel_combo.currentData(),
                "deputy": self.deputy_combo.currentData(), "content": self.content_edit.toPlainText(),
                "category": self.category_combo.currentData(), "urgency": self.urgency_combo.currentData(),
                "triage": self.triage_combo.currentData()}

    def set_values(self, v: dict[str, Any]) -> None:
        self._loading = True
        try:
            self.name_edit.setText(str(v.get("name") or ""))
            self.phone_edit.setText(str(v.get("phone") or ""))
            self.village_edit.setText(str(v.get("village") or ""))
            self.headcount_spin.setValue(int(v.get("headcount") or 1))
            self.content_edit.setPlainText(str(v.get("content") or ""))
            for key, combo in (("channel", self.channel_combo), ("deputy", self.deputy_combo),
                               ("category", self.category_combo), ("urgency", self.urgency_combo),
                               ("triage", self.triage_combo)):
                if v.get(key) is not None:
                    combo_select_data(combo, v[key])
        finally:
            self._loading = False

    def is_blank(self) -> bool:
        v = self.values()
        return not (v["name"].strip() or v["phone"].strip() or v["village"].strip() or v["content"].strip())

    def _changed(self, *_args) -> None:
        if not self._loading:
            self._draft_timer.start()

    # -- a field's message: said when it is left, gone as soon as it is fixed -------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            for key, widget in self._checked_inputs.items():
                if widget is watched:
                    self._field_left(key)
        return super().eventFilter(watched, event)

    def _field_text(self, key: str) -> str:
        widget = self._checked_inputs[key]
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText()
        assert isinstance(widget, QLineEdit)  # the others are line edits
        return widget.text()

    def _problem(self, key: str) -> str | None:
        error = check_visit_field(_CHECKED[key], self._field_text(key))
        return error.localized(self._lang) if error is not None else None

    def _field_left(self, key: str) -> None:
        if self._loading or key not in self._touched:
            return  # passing an empty field on the way is not a mistake; save checks everything
        problem = self._problem(key)
        if problem:
            self.errors.show(problem, key, focus=False)
        else:
            self.errors.clear_field(key)

    def _field_edited(self, key: str) -> None:
        if self._loading:
            return
        self._touched.add(key)
        if self.errors.text(key) and self._problem(key) is None:
            self.errors.clear_field(key)

    def _village_changed(self, text: str) -> None:
        if self._new_village is not None and text.strip() != self._new_village:
            self._new_village = None  # the confirmation was for another name
        self.village_box.setVisible(False)

    def save_draft(self) -> None:
        try:
            if self.is_blank():
                drop_form_draft(self.session.data_dir, DRAFT_KEY)
            else:
                keep_form_draft(self.session.data_dir, DRAFT_KEY, self.values())
        except OSError:  # a full or read-only disk must not interrupt the registration itself
            log.warning("could not save the walk-in draft", exc_info=True)

    def restore_draft(self) -> bool:
        """Put a draft left by an earlier session (or a crash) back into the form; True when there was one."""
        draft = read_form_draft(self.session.data_dir, DRAFT_KEY)
        if draft is None or not draft.data:
            return False
        self.set_values(draft.data)
        self.form_error.setText(self.tr("上次没有保存的登记已经恢复，请核对后保存。"))
        self.form_error.setVisible(True)
        return True

    def clear_form(self) -> None:
        self.set_values({"headcount": 1})
        for combo in (self.channel_combo, self.category_combo, self.urgency_combo, self.triage_combo):
            combo.setCurrentIndex(0)
        actor = self.session.actor
        combo_select_data(self.deputy_combo, actor.deputy_id if actor and actor.deputy_id else None)
        self.errors.clear()
        self.visitor_box.setVisible(False)
        self.similar_box.setVisible(False)
        self._forget_answers()
        self._touched.clear()
        self._draft_timer.stop()
        drop_form_draft(self.session.data_dir, DRAFT_KEY)
        self.name_edit.setFocus()

    # -- returning visitor and similar cases ---------------------------------------------------------------
    def check_visitor(self) -> None:
        phone = self.phone_edit.text().strip()
        try:
            found = find_visitor(self.session.db, phone, actor=self.session.actor) if phone else []
        except DomainError:
            found = []  # a malformed number is reported on save, next to the field
        info = found[0] if found else None  # the most recent person seen with it (a family may share one)
        if info is None:
            self.visitor_box.setVisible(False)
            return
        self.visitor_label.setText(self.tr("这位来访人以前来过：{0}，反映过 {1} 件事。").format(
            info.name, len(info.cases)))
        self.visitor_list.clear()
        for c in info.cases:
            self.visitor_list.addItem(self._brief_item(c))
        self.visitor_box.setVisible(True)
        if not self.name_edit.text().strip():
            self.name_edit.setText(info.name)
        if not self.village_edit.text().strip() and info.village:
            self.village_edit.setText(info.village)

    def _brief_item(self, c: EarlierCase | SimilarCase) -> QListWidgetItem:
        text = f"{c.number}  {status_label(c.status, self._lang)}  {c.summary}"
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, str(c.id))
        item.setToolTip(c.summary)
        return item

    def check_similar(self) -> list[SimilarCase]:
        text = self.content_edit.toPlainText()
        category = self.category_combo.currentData()
        try:
            found = similar_open_cases(self.session.db, None, uuid.UUID(category) if category else None, text,
                                       village=self.village_edit.text().strip() or None)
        except DomainError:
            found = []
        self.similar_list.clear()
        for c in found:
            self.similar_list.addItem(self._brief_item(c))
        if found:
            self.similar_label.setText(self.tr("有 {0} 件相似的在办案件，请先看看是不是同一件事：").format(len(found)))
        self.similar_box.setVisible(bool(found))
        return found

    # -- saving -------------------------------------------------------------------------------------------
    def _inputs(self) -> tuple[VisitInput, CaseInput]:
        v = self.values()
        deputy = uuid.UUID(v["deputy"]) if v["deputy"] else None
        visit = VisitInput(visitor_names=v["name"], channel=v["channel"], visitor_phone=v["phone"] or None,
                           village=v["village"].strip() or None, headcount=v["headcount"], received_by_id=deputy)
        case = CaseInput(content=v["content"], category_id=uuid.UUID(v["category"]) if v["category"] else None,
                         urgency=v["urgency"], triage=v["triage"])
        return visit, case

    def save(self) -> str | None:
        """Register the visit and its case; returns the case number, or None (the reason is on the form)."""
        self.form_error.clear()
        self.form_error.setVisible(False)
        self._draft_timer.stop()
        self.save_draft()  # on disk before anything can go wrong
        if self.session.actor is None:
            self.errors.show(self.tr("请先签到再登记。"))
            return None
        if not self._fields_ok():
            return None
        if not self._village_ok():
            return None
        if not self._duplicate_answered():
            return None
        from .date_check import before_dated_write

        if not before_dated_write(self, self.session.db, self._lang):  # a wrong-looking date: fixed first
            self.errors.show(self.tr("电脑日期可能不对：请先把电脑的日期和时间改正确（或确认日期无误）再登记。"
                                     "已填写的内容都还在。"))
            return None
        try:
            visit, case = self._inputs()
            result = register_visit(self.session.db, self.session.actor, visit, case)
        except Exception as exc:  # every failure becomes a message; the form keeps its values
            if not isinstance(exc, DomainError):
                log.exception("registering a visit failed")
            self.errors.show(friendly(exc, self._lang), getattr(exc, "field", None))
            return None
        number = result.case_number
        self.last_number = number
        log.info("registered case %s", number)
        linked = self._link_duplicate(result.case_id)
        self.clear_form()
        self.reload_lists()  # a new village typed in is offered from now on
        self.session.publish(result.changes)  # the lists, the handover and the figures follow
        self.registered.emit(number)
        if number is not None:  # a visit registered with a case: its slip
            self.show_receipt(number)
            if not linked:
                self.saved_label.setText(self.saved_label.text() + self.tr(
                    "没能关联到原来的案件，可以在案件页面用“关联重复件”补做。"))
        return number

    def _fields_ok(self) -> bool:
        """Every checked field's message at once (the cursor to the first); True when none is wrong."""
        first = None
        for key in _CHECKED:
            self._touched.add(key)
            problem = self._problem(key)
            if problem:
                self.errors.show(problem, key, focus=first is None)
                first = first or key
            else:
                self.errors.clear_field(key)
        judgements = (("urgency", self.urgency_combo, self.tr("请选择紧急程度。")),
                      ("triage", self.triage_combo, self.tr("请选择分办颜色（由谁来办）。")))
        for key, combo, message in judgements:  # never decided for the deputy: chosen, or asked for
            if combo.currentData() is None:
                self.errors.show(message, key, focus=first is None)
                first = first or key
        if first is not None:
            self.village_box.setVisible(False)
            self.duplicate_box.setVisible(False)
        return first is None

    # -- a village not on the list: added only when the user says so -----------------------------------------
    def _village_ok(self) -> bool:
        name = self.village_edit.text().strip()
        if not name or name == self._new_village or lookups.find_village(self.session.db, name) is not None:
            return True
        near = [v for v in self._village_model.stringList() if name in v or v in name][:3]
        text = self.tr("新增村（社区）「{0}」？本站名单里还没有这个名字。").format(name)
        if near:
            text += self.tr("名单里相近的有：{0}。").format("、".join(near))
        self.village_question.setText(text)
        self.village_box.setVisible(True)
        self.duplicate_box.setVisible(False)
        self.edit_village_button.setFocus()  # neither answer is taken by Enter (no default button)
        self._reveal(self.village_box)
        return False

    def _add_village(self) -> None:
        self._new_village = self.village_edit.text().strip()
        self.village_box.setVisible(False)
        self.save()

    def _edit_village(self) -> None:
        self.village_box.setVisible(False)
        self.village_edit.setFocus()
        self.village_edit.selectAll()
        self._reveal(self.village_edit)

    # -- the same matter as an open case? -------------------------------------------------------------------
    def _duplicate_answered(self) -> bool:
        if self._similar_acknowledged:
            return True
        v = self.values()
        try:
            self._candidates = possible_duplicates(
                self.session.db, v["content"], category_id=uuid.UUID(v["category"]) if v["category"] else None,
                village=v["village"].strip() or None, phone=v["phone"], name=v["name"])
        except DomainError:
            self._candidates = []
        ids = frozenset(c.id for c in self._candidates)
        if not ids or ids <= self._decided_for:
            self.duplicate_box.setVisible(False)
            return True  # nothing to ask, or answered for these very cases
        self.duplicate_list.clear()
        for c in self._candidates:
            why = self.tr("这位来访人以前反映的") if c.why == "visitor" else self.tr("内容相似")
            item = QListWidgetItem(f"{c.number}  {status_label(c.status, self._lang)}  {c.summary}  （{why}）")
            item.setData(Qt.ItemDataRole.UserRole, str(c.id))
            item.setToolTip(c.summary)
            self.duplicate_list.addItem(item)
        self.duplicate_list.clearSelection()
        self.duplicate_question.setText(
            self.tr("这件事可能已经登记过（见下面的在办案件）。是同一件事，还是新的事？") if len(ids) == 1 else
            self.tr("有 {0} 件在办案件可能是同一件事。如果是同一件，请先在下面选出是哪一件。").format(len(ids)))
        self.duplicate_note.setVisible(False)
        self.duplicate_box.setVisible(True)
        self.duplicate_list.setFocus()  # the cases first; neither answer is taken by Enter
        self.duplicate_list.setCurrentRow(-1)  # and no row looks chosen until the user picks one
        self._reveal(self.duplicate_box)
        return False

    def _new_matter(self) -> None:
        self._decided_for = frozenset(c.id for c in self._candidates)
        self._same_as = None
        self.duplicate_box.setVisible(False)
        self.save()

    def _same_matter(self) -> None:
        chosen = [uuid.UUID(i.data(Qt.ItemDataRole.UserRole)) for i in self.duplicate_list.selectedItems()]
        if len(self._candidates) == 1:
            chosen = [self._candidates[0].id]
        if not chosen:
            self.duplicate_note.setText(self.tr("请先在上面的列表里点选是哪一件。"))
            self.duplicate_note.setVisible(True)
            self.duplicate_list.setFocus()
            return
        self._decided_for = frozenset(c.id for c in self._candidates)
        self._same_as = chosen[0]
        self.duplicate_box.setVisible(False)
        self.save()

    def _link_duplicate(self, case_id: uuid.UUID | None) -> bool:
        """The new case linked to the one it repeats (the answer 是同一件事); False when that failed."""
        original = self._same_as if self._same_as in self._decided_for else None
        if case_id is None or original is None or self.session.actor is None:
            return True
        try:
            act_on_case(self.session.db, self.session.actor, case_id, EventKind.LINK_DUPLICATE,
                        {"duplicate_of": str(original)})
        except Exception:  # the registration stands; the link can be made on the case page
            log.exception("linking case %s to %s failed", case_id, original)
            return False
        return True

    def _forget_answers(self) -> None:
        self._similar_acknowledged = False
        self._decided_for = frozenset()
        self._same_as = None
        self._candidates = []
        self._new_village = None
        self.village_box.setVisible(False)
        self.duplicate_box.setVisible(False)

    def _reveal(self, widget: QWidget) -> None:
        """In sight in the scrolled page, with the save button below it."""
        reveal(self.save_button)
        reveal(widget)

    def show_receipt(self, number: str) -> None:
        """The receipt slip in the print preview (printing's own dialog); the number stays on the form anyway."""
        self.saved_label.setText(self.tr("已登记，案件编号：{0}。请把编号告诉来访人。").format(number))
        self.saved_label.setVisible(True)
        reveal(self.saved_label)
        try:  # the preview's modules load at first use, after the start
            from ..services.printing import jobs
            from .print_preview import open_preview

            width = str(get_settings(self.session.db).receipt_width_mm)  # this PC's paper
            later = jobs.DeliverLater()  # logged once the preview printed or saved it
            pdf = jobs.print_receipt(self.session.db, self.session.require_actor(), number, width=width,
                                     deliver=later)
            open_preview(self, pdf, self.tr("回执 {0}").format(number), document="receipt", receipt_width=width,
                         on_delivered=later.record)
        except Exception as exc:  # the case is saved: say so, and how to print later
            if not isinstance(exc, DomainError):
                log.exception("receipt preview failed for %s", number)
            self.saved_label.setText(self.tr("已登记，案件编号：{0}。回执没有打开，可以稍后在案件页面补打。").format(number))

"""The top of a customer page: who it is, how to reach them, tags, owner and key figures."""

from __future__ import annotations

import html
import zlib

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPainterPath, QPixmap
from PySide6.QtWidgets import (
    QCompleter,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core.customer import KeyFigures, ProfileText, initials
from ...core.phones import format_phone
from . import texts

AVATAR_COLORS = ("#2b6cb0", "#2f855a", "#c05621", "#6b46c1", "#b83280", "#2c7a7b", "#975a16")
HEADER_STYLE = """
QLabel#customerName { font-size: 20px; font-weight: 600; color: #1a202c; }
QLabel#customerSub { color: #4a5568; }
QLabel#tagChip { background: #e6eefc; color: #1a3f8f; border-radius: 9px; padding: 1px 8px; }
QToolButton#tagRemove { border: none; color: #718096; padding: 0 2px; }
QFrame#figure { background: #f7f9fc; border: 1px solid #e2e8f0; border-radius: 6px; }
QLabel#figureLabel { color: #718096; font-size: 11px; }
QLabel#figureValue { color: #1a202c; font-size: 14px; font-weight: 600; }
QLabel#doNotContact { background: #c53030; color: white; border-radius: 9px; padding: 2px 10px;
                      font-weight: 600; }
QLabel#consentWithdrawn { background: #fefcbf; color: #744210; border: 1px solid #d69e2e;
                          border-radius: 9px; padding: 1px 8px; }
"""


def avatar_pixmap(name: str, size: int = 64) -> QPixmap:
    """A round avatar with the initials of ``name`` on a colour that stays the same for it."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(AVATAR_COLORS[zlib.crc32(name.encode()) % len(AVATAR_COLORS)]))
    painter.drawEllipse(0, 0, size, size)
    font = QFont()
    font.setPixelSize(size * 2 // 5)
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(QRect(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, initials(name))
    painter.end()
    return pixmap


def photo_pixmap(path: str, size: int = 64) -> QPixmap | None:
    """A stored photo cut to a circle, or None if it cannot be read as an image."""
    image = QPixmap(path)
    if image.isNull():
        return None
    image = image.scaled(size, size, Qt.AspectRatioMode.KeepAspectRatioByExpanding,
                         Qt.TransformationMode.SmoothTransformation)
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    clip = QPainterPath()
    clip.addEllipse(0, 0, size, size)
    painter.setClipPath(clip)
    painter.drawPixmap((size - image.width()) // 2, (size - image.height()) // 2, image)
    painter.end()
    return pixmap


class Figure(QFrame):
    """One key figure: a small label over a value."""

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("figure")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(1)
        self.label = QLabel(label, self)
        self.label.setObjectName("figureLabel")
        self.value = QLabel("—", self)
        self.value.setObjectName("figureValue")
        self.value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.label)
        layout.addWidget(self.value)

    def set(self, text: str, tooltip: str = "") -> None:
        self.value.setText(text)
        self.setToolTip(tooltip)


class TagEditor(QWidget):
    """Tags as chips with a remove button, and a box that adds one (Enter)."""

    tag_added = Signal(str)
    tag_removed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(4)
        self.input = QLineEdit(self)
        self.input.setPlaceholderText(self.tr("+ tag"))
        self.input.setMaximumWidth(110)
        self.input.setToolTip(self.tr("Type a tag and press Enter to add it"))
        self.input.returnPressed.connect(self._on_input_return_pressed)
        self._chips: list[QWidget] = []
        self._layout.addWidget(self.input)
        self._layout.addStretch(1)

    def set_tags(self, tags: list[str], known: list[str]) -> None:
        for chip in self._chips:
            chip.deleteLater()
        self._chips = []
        for position, tag in enumerate(tags):
            chip = self._chip(tag)
            self._chips.append(chip)
            self._layout.insertWidget(position, chip)
        completer = QCompleter(sorted(set(known) - set(tags), key=str.lower), self.input)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.input.setCompleter(completer)

    def tags(self) -> list[str]:
        return [chip.property("tag") for chip in self._chips]

    def _chip(self, tag: str) -> QWidget:
        chip = QWidget(self)
        chip.setProperty("tag", tag)
        row = QHBoxLayout(chip)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        label = QLabel(tag, chip)
        label.setObjectName("tagChip")
        remove = QToolButton(chip)
        remove.setObjectName("tagRemove")
        remove.setText("×")
        remove.setToolTip(self.tr("Remove tag “%1”").replace("%1", tag))
        remove.clicked.connect(lambda _=False, t=tag: self.tag_removed.emit(t))
        row.addWidget(label)
        row.addWidget(remove)
        return chip

    def _on_input_return_pressed(self) -> None:
        name = " ".join(self.input.text().split())
        self.input.clear()
        if name and name not in self.tags():
            self.tag_added.emit(name)


class CustomerHeader(QWidget):
    """Name, avatar, title and company, owner, channels as links, tags and the key figures."""

    company_requested = Signal(int)
    email_clicked = Signal(str)
    phone_clicked = Signal(str)
    website_clicked = Signal(str)
    photo_requested = Signal()
    photo_removed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(HEADER_STYLE)
        self.avatar = QToolButton(self)
        self.avatar.setFixedSize(68, 68)
        self.avatar.setIconSize(QSize(64, 64))
        self.avatar.setAutoRaise(True)
        self.avatar.setToolTip(self.tr("Photo"))
        self.avatar.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.avatar)
        menu.addAction(self.tr("Choose a photo…")).triggered.connect(self.photo_requested)
        self.remove_photo_action = menu.addAction(self.tr("Remove the photo"))
        self.remove_photo_action.triggered.connect(self.photo_removed)
        self.avatar.setMenu(menu)
        self.avatar.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0; }")
        self.has_photo = False
        self.name = QLabel(self)
        self.name.setObjectName("customerName")
        self.name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.do_not_contact = QLabel(self.tr("Do not contact"), self)
        self.do_not_contact.setObjectName("doNotContact")
        self.do_not_contact.setToolTip(self.tr(
            "This person asked not to be contacted: no follow-up reminders, left out of list exports"))
        self.do_not_contact.hide()
        self.consent_withdrawn = QLabel(self.tr("Consent withdrawn"), self)
        self.consent_withdrawn.setObjectName("consentWithdrawn")
        self.consent_withdrawn.setToolTip(self.tr("Consent was the lawful basis and has been withdrawn"))
        self.consent_withdrawn.hide()
        self.subtitle = QLabel(self)
        self.subtitle.setObjectName("customerSub")
        self.subtitle.linkActivated.connect(self._on_link_activated)
        self.channels = QLabel(self)
        self.channels.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.channels.linkActivated.connect(self._on_link_activated)
        self.tags = TagEditor(self)
        self.figures = {key: Figure(label, self) for key, label in (
            ("since", self.tr("Customer since")), ("last", self.tr("Last interaction")),
            ("next", self.tr("Next follow-up")), ("deals", self.tr("Open deals")),
            ("revenue", self.tr("Lifetime revenue")), ("balance", self.tr("Outstanding balance")),
            ("score", self.tr("Score")))}
        self._build()

    def _build(self) -> None:
        who = QVBoxLayout()
        who.setSpacing(3)
        title = QHBoxLayout()
        title.setSpacing(8)
        title.addWidget(self.name)
        title.addWidget(self.do_not_contact, 0, Qt.AlignmentFlag.AlignVCenter)
        title.addWidget(self.consent_withdrawn, 0, Qt.AlignmentFlag.AlignVCenter)
        title.addStretch(1)
        who.addLayout(title)
        who.addWidget(self.subtitle)
        who.addWidget(self.channels)
        who.addWidget(self.tags)
        top = QHBoxLayout()
        top.addWidget(self.avatar, 0, Qt.AlignmentFlag.AlignTop)
        top.addSpacing(8)
        top.addLayout(who, 1)
        grid = QGridLayout()
        grid.setSpacing(6)
        for i, figure in enumerate(self.figures.values()):
            grid.addWidget(figure, 0, i)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 6)
        layout.addLayout(top)
        layout.addLayout(grid)

    def set_profile(self, profile: ProfileText, known_tags: list[str], photo: str | None = None) -> None:
        picture = photo_pixmap(photo) if photo else None
        self.has_photo = picture is not None
        self.avatar.setIcon(QIcon(picture or avatar_pixmap(profile.name)))
        self.remove_photo_action.setEnabled(self.has_photo)
        self.name.setText(profile.name)
        self.do_not_contact.setVisible(profile.do_not_contact)
        self.consent_withdrawn.setVisible(profile.consent_withdrawn)
        parts = []
        if profile.title:
            parts.append(html.escape(profile.title))
        if profile.company_id is not None:
            parts.append(f'<a href="company:{profile.company_id}">{html.escape(profile.company_name)}</a>')
        if profile.industry:
            parts.append(html.escape(profile.industry))
        if profile.owner:
            parts.append(html.escape(self.tr("Owner: %1").replace("%1", profile.owner)))
        self.subtitle.setText("  ·  ".join(parts))
        links = [f'✉ <a href="mailto:{html.escape(e)}">{html.escape(e)}</a>' for e in profile.emails]
        links += [f'☎ <a href="tel:{html.escape(p)}">{html.escape(format_phone(p))}</a>'
                  for p in profile.phones]
        if profile.website:
            site = html.escape(profile.website)
            links.append(f'↗ <a href="web:{site}">{site}</a>')
        self.channels.setText("&nbsp;&nbsp;&nbsp;".join(links) or self.tr("No e-mail or phone yet"))
        self.tags.set_tags(profile.tags, known_tags)

    def set_figures(self, figures: KeyFigures, today) -> None:
        locale = self.locale()
        f = self.figures
        f["since"].set(texts.date_text(figures.customer_since, locale))
        days = figures.days_since_interaction(today)
        if figures.last_interaction is None:
            f["last"].set(self.tr("Never"))
        else:
            when = texts.date_text(figures.last_interaction, locale)
            f["last"].set(f"{when} ({texts.days_ago_text(days)})")
        f["next"].set(texts.date_text(figures.next_follow_up, locale), figures.next_follow_up_title)
        deals = texts.money_total_text(figures.open_deals, locale)
        f["deals"].set(deals if not figures.open_deal_count else f"{deals} ({figures.open_deal_count})")
        f["revenue"].set(texts.money_total_text(figures.lifetime_revenue, locale))
        f["balance"].set(texts.money_total_text(figures.outstanding, locale))
        f["score"].setVisible(figures.score is not None)
        if figures.score is not None:
            f["score"].set(str(figures.score))

    def _on_link_activated(self, link: str) -> None:
        scheme, _, rest = link.partition(":")
        if scheme == "company":
            self.company_requested.emit(int(rest))
        elif scheme == "mailto":
            self.email_clicked.emit(rest)
        elif scheme == "tel":
            self.phone_clicked.emit(rest)
        elif scheme == "web":
            self.website_clicked.emit(rest)

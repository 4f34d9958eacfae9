"""A text box for activity notes with bold, italic, lists and links."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QFont, QKeySequence, QTextCharFormat, QTextListFormat
from PySide6.QtWidgets import QInputDialog, QTextEdit, QToolBar, QVBoxLayout, QWidget


class RichTextEdit(QWidget):
    """A text box with bold, italic, lists and links (Ctrl+B, Ctrl+I, Ctrl+Shift+8/7, Ctrl+K)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = QTextEdit(self)
        self.editor.setAcceptRichText(True)
        self.editor.setTabChangesFocus(True)
        self.editor.setMinimumHeight(140)
        bar = QToolBar(self)
        bar.setIconSize(bar.iconSize() / 1.5)
        self.bold_action = self._action(bar, self.tr("Bold"), "Ctrl+B", self._on_bold_triggered, "B",
                                        bold=True)
        self.italic_action = self._action(bar, self.tr("Italic"), "Ctrl+I", self._on_italic_triggered, "I")
        self._action(bar, self.tr("Bulleted list"), "Ctrl+Shift+8", self._on_bullets_triggered, "•")
        self._action(bar, self.tr("Numbered list"), "Ctrl+Shift+7", self._on_numbers_triggered, "1.")
        self._action(bar, self.tr("Link…"), "Ctrl+K", self._on_link_triggered, "↗")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(bar)
        layout.addWidget(self.editor)

    def _action(self, bar: QToolBar, text: str, key: str, slot, label: str, bold: bool = False) -> QAction:
        action = QAction(label, self)
        action.setToolTip(f"{text} ({QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)})")
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        bar.addAction(action)
        self.addAction(action)
        if bold:
            font = QFont()
            font.setBold(True)
            action.setFont(font)
        return action

    def html(self) -> str:
        return self.editor.toHtml() if self.editor.toPlainText().strip() else ""

    def _merge(self, fmt: QTextCharFormat) -> None:
        cursor = self.editor.textCursor()
        if not cursor.hasSelection():
            cursor.select(cursor.SelectionType.WordUnderCursor)
        cursor.mergeCharFormat(fmt)
        self.editor.mergeCurrentCharFormat(fmt)

    def _on_bold_triggered(self) -> None:
        fmt = QTextCharFormat()
        bold = self.editor.fontWeight() < QFont.Weight.Bold
        fmt.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
        self._merge(fmt)

    def _on_italic_triggered(self) -> None:
        fmt = QTextCharFormat()
        fmt.setFontItalic(not self.editor.fontItalic())
        self._merge(fmt)

    def _list(self, style: QTextListFormat.Style) -> None:
        self.editor.textCursor().createList(style)

    def _on_bullets_triggered(self) -> None:
        self._list(QTextListFormat.Style.ListDisc)

    def _on_numbers_triggered(self) -> None:
        self._list(QTextListFormat.Style.ListDecimal)

    def _on_link_triggered(self) -> None:
        url, ok = QInputDialog.getText(self, self.tr("Insert link"),
                                       self.tr("Address (https://… or mailto:…):"))
        if ok and url.strip():
            self.insert_link(url.strip())

    def insert_link(self, url: str) -> None:
        cursor = self.editor.textCursor()
        label = cursor.selectedText() or url
        cursor.insertHtml(f'<a href="{url}">{label}</a>')

"""The import wizard: file → columns → preview → run (in the background, with Cancel) → report and undo."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget, QWizard

from ...interchange.plan import ImportPlan
from .background import Background
from .file_page import FilePage
from .mapping_page import MappingPage
from .preview_page import PreviewPage
from .run_page import RunPage


class ImportWizard(QWizard):
    def __init__(self, services, parent: QWidget | None = None, path: str | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.plan: ImportPlan | None = None
        self.background = Background()
        self.setWindowTitle(self.tr("Import"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage)  # the page has its own Cancel
        self.resize(960, 640)
        self.file_page = FilePage(self)
        self.mapping_page = MappingPage(self)
        self.preview_page = PreviewPage(self)
        self.run_page = RunPage(self)
        for page in (self.file_page, self.mapping_page, self.preview_page, self.run_page):
            self.addPage(page)
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Close"))
        if path:
            self.file_page.open_file(path)

    def done(self, result: int) -> None:
        """Closing cancels what runs (an import in progress rolls back) and waits for it."""
        self.background.stop()
        super().done(result)

    @classmethod
    def ask(cls, parent: QWidget | None, services, path: str | None = None) -> None:
        wizard = cls(services, parent, path)
        wizard.exec()

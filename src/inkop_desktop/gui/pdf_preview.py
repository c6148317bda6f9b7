"""PDF preview with QtPdf, printing through QPrintDialog, and "Spara som…"."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from inkop_desktop.gui.errors import user_text
from inkop_desktop.gui.tasks import TaskRunner

PRINT_DPI = 300


class PdfPreviewDialog(QDialog):
    """Shows PDF bytes page by page; prints or saves them."""

    def __init__(
        self,
        data: bytes,
        title: str,
        filename: str,
        tasks: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(860, 980)
        self._data = data
        self._filename = filename
        self._tasks = tasks
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(data))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self._buffer)
        self.view = QPdfView(self)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)
        pages = self.document.pageCount()
        self.status = QLabel(
            self.tr("1 sida") if pages == 1 else self.tr("%1 sidor").replace("%1", str(pages))
        )
        self.print_button = QPushButton(self.tr("Skriv ut…"), self)
        self.save_button = QPushButton(self.tr("Spara som…"), self)
        close = QPushButton(self.tr("Stäng"), self)
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_as)
        close.clicked.connect(self.accept)
        row = QHBoxLayout()
        for widget in (self.status, self.print_button, self.save_button, close):
            row.addWidget(widget, 1 if widget is self.status else 0)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(row)

    def print_to(self, printer: QPrinter) -> None:
        """Paint every page onto *printer*, white behind the page (QtPdf renders transparent)."""
        painter = QPainter(printer)
        try:
            area = printer.pageRect(QPrinter.Unit.DevicePixel).toRect()
            for index in range(self.document.pageCount()):
                if index:
                    printer.newPage()
                points = self.document.pagePointSize(index)
                size = QSize(
                    int(points.width() * PRINT_DPI / 72), int(points.height() * PRINT_DPI / 72)
                )
                page = QImage(size, QImage.Format.Format_RGB32)
                page.fill(Qt.GlobalColor.white)
                image_painter = QPainter(page)
                image_painter.drawImage(0, 0, self.document.render(index, size))
                image_painter.end()
                target = page.scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.drawImage(area.topLeft(), target)
        finally:
            painter.end()

    def print_document(self) -> None:
        """Ask where to print (QPrintDialog), then print."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if QPrintDialog(printer, self).exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def save_as(self) -> None:
        """Write the PDF to a file of the user's choice (in the background)."""
        name, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Spara PDF"), self._filename, self.tr("PDF (*.pdf)")
        )
        if name:
            data = self._data
            self._tasks.run(
                lambda: Path(name).write_bytes(data),
                lambda _n: self.status.setText(self.tr("Sparad: %1").replace("%1", name)),
                lambda exc: self.status.setText(user_text(exc)),
            )

    @classmethod
    def ask(
        cls, parent: QWidget | None, data: bytes, title: str, filename: str, tasks: TaskRunner
    ) -> None:
        """Show the preview until the user closes it."""
        cls(data, title, filename, tasks, parent).exec()

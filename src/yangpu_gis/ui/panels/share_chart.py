"""A horizontal bar chart of shares ("over 1/3", "about 1/6"), drawn with QPainter."""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from yangpu_gis.ui.fonts import ui_font

_SHARE = re.compile(r"^\s*(?:(over|about|under|nearly|almost)\s+)?(\d+)\s*/\s*(\d+)\s*$", re.I)
BAR_HEIGHT = 14
GAP = 4
ROW_GAP = 12
MARGIN = 2
BAR_COLOUR = QColor("#4a7fb0")
TRACK_COLOUR = QColor("#e7ebf0")
TEXT_COLOUR = QColor("#333333")


@dataclass(frozen=True)
class Share:
    label: str
    fraction: float
    text: str  # as the source words it, e.g. "over 1/3"


def parse_share(value) -> float | None:
    """0.333… for 'over 1/3'; None when the value is not a worded fraction."""
    if not isinstance(value, str):
        return None
    match = _SHARE.match(value)
    if match is None or int(match.group(3)) == 0:
        return None
    return float(Fraction(int(match.group(2)), int(match.group(3))))


class ShareChart(QWidget):
    def __init__(self, shares: list[Share] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shares: list[Share] = []
        self.setFont(ui_font())
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.set_shares(shares or [])

    def set_shares(self, shares: list[Share]) -> None:
        self.shares = list(shares)
        self.setAccessibleDescription(self.text())
        self.setToolTip(self.text())
        self.updateGeometry()
        self.update()

    def text(self) -> str:
        """What the chart shows, in words: one 'label: share' line per bar."""
        return "\n".join(f"{s.label}: {s.text}" for s in self.shares)

    # --- size ---------------------------------------------------------------------------

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return int(sum(h for h in self._row_heights(width)) + 2 * MARGIN)

    def sizeHint(self) -> QSize:
        return QSize(280, self.heightForWidth(280))

    def minimumSizeHint(self) -> QSize:
        return QSize(160, self.heightForWidth(160))

    def _label_rect(self, label: str, width: int) -> QRectF:
        metrics = QFontMetrics(self.font())
        return QRectF(
            metrics.boundingRect(
                0, 0, max(1, width - 2 * MARGIN), 10_000, Qt.TextFlag.TextWordWrap, label
            )
        )

    def _row_heights(self, width: int) -> list[float]:
        return [
            self._label_rect(s.label, width).height() + GAP + BAR_HEIGHT + ROW_GAP
            for s in self.shares
        ]

    # --- drawing ------------------------------------------------------------------------

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(self.font())
        metrics = QFontMetrics(self.font())
        width = self.width() - 2 * MARGIN
        value_width = max((metrics.horizontalAdvance(s.text) for s in self.shares), default=0) + 8
        track_width = max(20.0, width - value_width)
        y = float(MARGIN)
        for share in self.shares:
            label = self._label_rect(share.label, self.width())
            painter.setPen(TEXT_COLOUR)
            painter.drawText(
                QRectF(MARGIN, y, width, label.height()), Qt.TextFlag.TextWordWrap, share.label
            )
            y += label.height() + GAP
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(TRACK_COLOUR)
            painter.drawRoundedRect(QRectF(MARGIN, y, track_width, BAR_HEIGHT), 3, 3)
            painter.setBrush(BAR_COLOUR)
            fraction = max(0.0, min(1.0, share.fraction))
            painter.drawRoundedRect(QRectF(MARGIN, y, track_width * fraction, BAR_HEIGHT), 3, 3)
            painter.setPen(TEXT_COLOUR)
            painter.drawText(
                QRectF(MARGIN + track_width + 8, y, value_width, BAR_HEIGHT),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                share.text,
            )
            y += BAR_HEIGHT + ROW_GAP
        painter.end()

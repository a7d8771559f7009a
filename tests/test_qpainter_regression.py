"""PySide6 6.12.0 aborts the interpreter after a few thousand calls of methods returning
nothing ("Fatal Python error: none_dealloc"). The renderer makes such calls by the thousand,
so a broken PySide6 must fail here, in a child process, not crash the test run."""

import os
import subprocess
import sys
import textwrap

VOID_CALLS = textwrap.dedent("""
    from PySide6.QtCore import QPointF, QRectF
    from PySide6.QtGui import (QColor, QGuiApplication, QImage, QPainter, QPainterPath, QPen,
                               QPolygonF)

    app = QGuiApplication([])
    image = QImage(64, 64, QImage.Format_ARGB32_Premultiplied)
    polygon = QPolygonF([QPointF(1, 1), QPointF(30, 4), QPointF(12, 40)])
    path = QPainterPath()
    path.addRect(QRectF(2, 2, 20, 20))
    pen = QPen(QColor("#3182bd"))
    calls = 0
    for i in range(2500):
        image.fill(0)
        painter = QPainter(image)
        painter.setPen(pen)
        painter.drawPolygon(polygon)
        painter.drawPath(path)
        painter.fillRect(QRectF(0, 0, 8, 8), QColor(i % 256, 0, 0))
        painter.end()
        calls += 5
    print(calls)
""")


def test_ten_thousand_void_qpainter_calls_do_not_abort_the_interpreter():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", VOID_CALLS], capture_output=True, text=True, timeout=120, env=env
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert int(result.stdout.strip()) >= 10_000

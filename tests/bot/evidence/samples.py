"""Small real files to send as evidence, made here with the libraries the project has."""

from __future__ import annotations

import io

from docx import Document
from openpyxl import Workbook
from PIL import Image
from reportlab.pdfgen.canvas import Canvas


def png(color: str = "red") -> bytes:
    """A 16×16 PNG of one colour."""
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), color).save(buffer, format="PNG")
    return buffer.getvalue()


def jpeg() -> bytes:
    """A 16×16 JPEG."""
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), "blue").save(buffer, format="JPEG")
    return buffer.getvalue()


def pdf() -> bytes:
    """A one-page PDF."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=True)
    canvas.drawString(72, 720, "Evidence")
    canvas.save()
    return buffer.getvalue()


def docx() -> bytes:
    """A Word file of one paragraph."""
    buffer = io.BytesIO()
    document = Document()
    document.add_paragraph("工作台账")
    document.save(buffer)
    return buffer.getvalue()


def xlsx() -> bytes:
    """An Excel file of one cell."""
    buffer = io.BytesIO()
    book = Workbook()
    book.active["A1"] = "台账"
    book.save(buffer)
    return buffer.getvalue()

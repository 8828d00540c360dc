"""The certificates as one DOCX (python-docx: Word and WPS open it): A4, one page per
volunteer, a page break between them, and the list of services on a page after a
certificate when asked for.

Fonts are named, not embedded: 宋体 for the title and 仿宋 for the rest, set for East Asian
text (`w:eastAsia`, which Word and WPS read for CJK) with Times New Roman for digits and
Latin; a reader without them gets their own substitutes. Every text comes through
`contents.text` (control and invisible characters as marks: XML refuses some of them).
"""

from __future__ import annotations

import re
from copy import deepcopy
from datetime import date
from typing import IO, Any

from kxtui.db.certificates import wording
from kxtui.db.certificates.contents import Contents, text
from kxtui.db.certificates.issue import Issued, hours_text
from kxtui.db.sheets.columns import Progress, no_progress

BODY_FONT, TITLE_FONT, LATIN_FONT = "仿宋", "宋体", "Times New Roman"


def day_text(day: date) -> str:
    return wording.DAY.format(year=day.year, month=day.month, day=day.day)


def masked(id_number: str) -> str:
    """3702**********1234: the first four and last four characters shown."""
    if len(id_number) <= 8:
        return "*" * len(id_number)
    return id_number[:4] + "*" * (len(id_number) - 8) + id_number[-4:]


def id_text(c: Contents, full_id: bool) -> str:
    if not c.id_number:
        return wording.NO_ID
    return f"{wording.ID_CARD} {c.id_number if full_id else masked(c.id_number)}"


def volunteer_number(c: Contents) -> str:
    return c.platform_id or wording.KXTUI_NUMBER.format(id=c.volunteer_id)


def period_text(c: Contents, issued: date) -> str:
    if c.period_start is None and c.first is None:
        return wording.ALL_TIME
    start = c.period_start or c.first or issued
    end = c.period_end or issued
    return wording.PERIOD.format(start=day_text(start), end=day_text(end))


def hours_sentence(c: Contents) -> str:
    if c.historical_hours <= 0:
        return wording.HOURS.format(hours=hours_text(c.hours))
    sources = wording.LIST_SEPARATOR.join(c.sources)
    where = (wording.HISTORICAL_SOURCE.format(sources=sources) if sources
             else wording.HISTORICAL_SOURCE_UNKNOWN)  # fmt: skip
    return wording.HOURS_HISTORICAL.format(hours=hours_text(c.hours),
                                           historical=hours_text(c.historical_hours),
                                           sources=where)  # fmt: skip


def content_sentence(c: Contents, with_list: bool) -> str:
    parts = []
    if c.services:
        first, last = c.first, c.last
        if c.services == 1 and first is not None:
            parts.append(wording.CONTENT_ONE.format(first=day_text(first)))
        elif first is not None and last is not None:
            parts.append(wording.CONTENT.format(count=c.services, first=day_text(first),
                                                last=day_text(last)))  # fmt: skip
        if c.formats:
            parts.append(wording.FORMATS.format(names=wording.LIST_SEPARATOR.join(c.formats)))
        if c.organisers:
            names = wording.LIST_SEPARATOR.join(c.organisers)
            parts.append(wording.ORGANISERS.format(names=names))
    if c.historical_count:
        part = wording.HISTORICAL_CONTENT.format(count=c.historical_count)
        parts.append(part if parts else part.lstrip("；另有"))
    end = wording.SEE_LIST if with_list else wording.END
    return "".join(parts) + end


def fields(one: Issued, full_id: bool, with_list: bool) -> dict[str, str]:
    """The table of the first page, by key (`wording.FIELDS`)."""
    c = one.contents
    return {
        "name": c.name,
        "id": id_text(c, full_id),
        "volunteer_number": volunteer_number(c),
        "period": period_text(c, one.issued_at.date()),
        "hours": hours_sentence(c),
        "content": content_sentence(c, with_list),
    }


PAGE_KEYS = ("title", "number", *(key for key, _ in wording.FIELDS), "body", "note", "unit",
             "head", "handler", "contact", "date")  # fmt: skip
_TOKEN = re.compile("⟦([a-z_]+)⟧")


def page_values(one: Issued, full_id: bool, with_list: bool) -> dict[str, str]:
    """Every word of a certificate's page that is its own, by `PAGE_KEYS`."""
    from kxtui import clock

    issued = day_text(one.issued_at.date())
    note = wording.REPRINT_NOTE.format(issued=issued, today=day_text(clock.today()),
                                       times=one.reprints) if one.reprint else ""  # fmt: skip
    issuer = one.issuer
    return {
        "title": wording.TITLE + (wording.REPRINT if one.reprint else ""),
        "number": text(one.number, 60),
        **fields(one, full_id, with_list),
        "body": wording.BODY.format(name=one.contents.name),
        "note": note,
        "unit": issuer.unit,
        "head": issuer.head or "＿＿＿＿＿＿",
        "handler": issuer.handler,
        "contact": issuer.contact,
        "date": issued,
    }


class _Writer:
    def __init__(self) -> None:
        from docx import Document
        from docx.shared import Cm, Pt

        self.Pt, self.Cm = Pt, Cm
        self.document = Document()
        section = self.document.sections[0]
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.top_margin = section.bottom_margin = Cm(2.54)
        section.left_margin = section.right_margin = Cm(2.8)
        style = self.document.styles["Normal"]
        style.font.size = Pt(14)
        self._fonts(style.element.get_or_add_rPr(), BODY_FONT)
        style.paragraph_format.space_after = Pt(0)
        style.paragraph_format.line_spacing = 1.5
        self.pages = 0
        self.templates: dict[bool, list[Any]] = {}
        from docx.oxml.ns import qn

        self.text_tag = qn("w:t")

    def _fonts(self, properties: Any, east_asia: str) -> None:
        from docx.oxml.ns import qn

        fonts = properties.find(qn("w:rFonts"))
        if fonts is None:
            fonts = properties.makeelement(qn("w:rFonts"), {})
            properties.insert(0, fonts)
        for attribute in ("w:ascii", "w:hAnsi"):
            fonts.set(qn(attribute), LATIN_FONT)
        fonts.set(qn("w:eastAsia"), east_asia)

    def paragraph(
        self,
        words: str = "",
        *,
        align: str = "left",
        size: int | None = None,
        bold: bool = False,
        font: str | None = None,
        indent: bool = False,
    ) -> Any:
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        paragraph = self.document.add_paragraph()
        paragraph.alignment = getattr(WD_ALIGN_PARAGRAPH, align.upper())
        if indent:
            paragraph.paragraph_format.first_line_indent = self.Pt(28)
        if words:
            run = paragraph.add_run(words)
            run.bold = bold or None
            if size:
                run.font.size = self.Pt(size)
            if font:
                self._fonts(run._element.get_or_add_rPr(), font)
        return paragraph

    def page(self, first: Any) -> None:
        """`first`, a page's first paragraph, starts a new page (after the first page)."""
        if self.pages:
            first.paragraph_format.page_break_before = True
        self.pages += 1

    def table(self, rows: list[tuple[str, ...]], widths: tuple[float, ...], *,
              header: bool = False, size: int | None = None) -> Any:  # fmt: skip
        table = self.document.add_table(rows=len(rows), cols=len(widths))
        table.style = self.document.styles["Table Grid"]
        table.autofit = False
        for column, width in zip(table.columns, widths, strict=True):
            column.width = self.Cm(width)  # the grid: what WPS and LibreOffice lay out by
        for at, (row, values) in enumerate(zip(table.rows, rows, strict=True)):
            for number, (cell, value) in enumerate(zip(row.cells, values, strict=True)):
                cell.width = self.Cm(widths[number])
                paragraph = cell.paragraphs[0]
                paragraph.paragraph_format.line_spacing = 1.2
                run = paragraph.add_run(value)
                if size:
                    run.font.size = self.Pt(size)
                if header and at == 0:
                    run.bold = True
        return table

    def certificate(self, one: Issued, full_id: bool, with_list: bool) -> None:
        """A certificate's page: a copy of the page made once for its shape (new or reprint),
        its words filled in — python-docx building each page anew took 25 ms a page."""
        from docx.text.paragraph import Paragraph

        shape = one.reprint
        if shape not in self.templates:
            self.templates[shape] = self._template(shape)
        values = page_values(one, full_id, with_list)
        body = self.document.element.body
        end = body[-1]  # the section's properties stay last
        for number, element in enumerate(self.templates[shape]):
            page = deepcopy(element)
            for node in page.iter(self.text_tag):
                if node.text and "⟦" in node.text:
                    node.text = _TOKEN.sub(lambda m: values[m.group(1)], node.text)
            if number == 0:
                self.page(Paragraph(page, self.document._body))
            end.addprevious(page)
        if with_list:
            self.listing(one)

    def _template(self, reprint: bool) -> list[Any]:
        """The body elements of a page whose words are tokens (⟦name⟧), taken out again."""
        body = self.document.element.body
        before = len(body)
        token = {key: f"⟦{key}⟧" for key in PAGE_KEYS}
        self._page(token, reprint)
        added = list(body[before - 1 : -1])  # (the section's properties are last)
        for element in added:
            body.remove(element)
        return added

    def _page(self, values: dict[str, str], reprint: bool) -> None:
        self.paragraph(values["title"], align="center", size=22, bold=True, font=TITLE_FONT)
        self.paragraph(wording.NUMBER + values["number"], align="right", size=12)
        self.table([(label, values[key]) for key, label in wording.FIELDS], (4.0, 11.4))
        self.paragraph()
        self.paragraph(values["body"], indent=True)
        self.paragraph(wording.CLOSING, indent=True)
        if reprint:
            self.paragraph(values["note"], indent=True, size=12)
        self.paragraph()
        for line in (
            wording.ISSUER + values["unit"],
            wording.HEAD + values["head"],
            wording.HANDLER + values["handler"],
            wording.CONTACT + values["contact"],
            wording.DATE + values["date"],
        ):
            self.paragraph(line, align="left").paragraph_format.left_indent = self.Cm(5.5)

    def listing(self, one: Issued) -> None:
        c = one.contents
        title = wording.LIST_TITLE
        self.page(self.paragraph(title, align="center", size=16, bold=True, font=TITLE_FONT))
        self.paragraph(wording.LIST_OF.format(name=c.name, number=text(one.number, 60)),
                       align="center", size=12)  # fmt: skip
        rows: list[tuple[str, ...]] = [wording.LIST_COLUMNS]
        for service in c.listing:
            kind = wording.KIND_HISTORICAL if service.historical else wording.KIND_ACTIVITY
            rows.append((service.day.isoformat(), service.title, service.organiser,
                         hours_text(service.hours), kind))  # fmt: skip
        total = sum((s.hours for s in c.listing), start=type(c.hours)(0))
        rows.append((wording.LIST_TOTAL, "", "", hours_text(total), ""))
        self.table(rows, wording.LIST_WIDTHS_CM, header=True, size=11)

    def save(self, handle: IO[bytes]) -> None:
        self.document.save(handle)


def write_document(
    issued: tuple[Issued, ...],
    handle: IO[bytes],
    *,
    full_id: bool = False,
    with_list: bool = False,
    progress: Progress = no_progress,
) -> None:
    """Write the certificates, one page each (two with the list), into `handle`."""
    writer = _Writer()
    total = len(issued)
    for done, one in enumerate(issued, start=1):
        writer.certificate(one, full_id, with_list)
        if done % 50 == 0:
            progress("certificate.stage_document", done, total)
    progress("certificate.stage_document", total, total)
    writer.save(handle)

"""Writes small .xlsx workbooks for the tests, with nothing but the standard
library: the parts an Excel workbook has (workbook, relations, shared
strings, styles with a date format, a sheet), so that the reader is tested
on what Excel writes: shared and inline strings, numbers, dates by their
number format, formulas with cached values, merged cells, error values.

    write(path, rows, sheet="Sheet1", merged=(), dates={})

rows: a list of rows, each a list of cell values: str (a shared string),
("inline", text), int or float (a number), ("date", serial, "yyyy-mm-dd" |
"yyyy-mm"), ("formula", "SUM(A1:A2)", cached value), ("error", "#N/A"),
None (no cell). Rows that are None are left out (a gap in the sheet)."""
import sys
import zipfile
from xml.sax.saxutils import escape

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
RNS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def col_name(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def write(path, rows, sheet="Sheet1", merged=(), extra_sheets=(), date1904=False):
    strings, index = [], {}

    def sst(text):
        if text not in index:
            index[text] = len(strings)
            strings.append(text)
        return index[text]

    out = []
    for r, row in enumerate(rows, 1):
        if row is None:
            continue
        cells = []
        for c, v in enumerate(row):
            ref = "%s%d" % (col_name(c), r)
            if v is None:
                continue
            if isinstance(v, str):
                cells.append('<c r="%s" t="s"><v>%d</v></c>' % (ref, sst(v)))
            elif isinstance(v, bool):
                cells.append('<c r="%s" t="b"><v>%d</v></c>' % (ref, int(v)))
            elif isinstance(v, (int, float)):
                cells.append('<c r="%s"><v>%r</v></c>' % (ref, v))
            elif v[0] == "inline":
                cells.append('<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, escape(v[1])))
            elif v[0] == "date":
                style = 1 if v[2] == "yyyy-mm-dd" else 2
                cells.append('<c r="%s" s="%d"><v>%s</v></c>' % (ref, style, v[1]))
            elif v[0] == "formula":
                t = ' t="str"' if isinstance(v[2], str) else ""
                cells.append('<c r="%s"%s><f>%s</f><v>%s</v></c>' % (ref, t, escape(v[1]), escape(str(v[2]))))
            elif v[0] == "error":
                cells.append('<c r="%s" t="e"><v>%s</v></c>' % (ref, escape(v[1])))
        out.append('<row r="%d">%s</row>' % (r, "".join(cells)))
    merge = ""
    if merged:
        merge = '<mergeCells count="%d">%s</mergeCells>' % (len(merged), "".join('<mergeCell ref="%s"/>' % m for m in merged))
    sheet_xml = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet %s><sheetData>%s</sheetData>%s</worksheet>' % (
        NS, "".join(out), merge)
    names = [sheet] + list(extra_sheets)
    workbook = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook %s %s>%s<sheets>%s</sheets></workbook>'
                % (NS, RNS, '<workbookPr date1904="1"/>' if date1904 else "",
                   "".join('<sheet name="%s" sheetId="%d" r:id="rId%d"/>' % (escape(n), i + 1, i + 1) for i, n in enumerate(names))))
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">%s'
            '<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
            '<Relationship Id="rIdT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
            '</Relationships>' % "".join(
                '<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>'
                % (i + 1, i + 1) for i in range(len(names))))
    sst_xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst %s count="%d" uniqueCount="%d">%s</sst>'
               % (NS, len(strings), len(strings), "".join('<si><t xml:space="preserve">%s</t></si>' % escape(s) for s in strings)))
    styles = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet %s><numFmts count="1">'
              '<numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;"/></numFmts>'
              '<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/></cellXfs></styleSheet>' % NS)
    types = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
             '<Default Extension="xml" ContentType="application/xml"/></Types>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", types)
        z.writestr("xl/workbook.xml", workbook)
        z.writestr("xl/_rels/workbook.xml.rels", rels)
        z.writestr("xl/sharedStrings.xml", sst_xml)
        z.writestr("xl/styles.xml", styles)
        z.writestr("xl/worksheets/sheet1.xml", sheet_xml)
        for i in range(1, len(names)):
            z.writestr("xl/worksheets/sheet%d.xml" % (i + 1),
                       '<?xml version="1.0" encoding="UTF-8"?>\n<worksheet %s><sheetData/></worksheet>' % NS)


def from_csv(csv_path, xlsx_path, sheet="Sheet1"):
    """A CSV file as a workbook: numbers as numbers, the rest as strings."""
    import csv
    import re
    number = re.compile(r"^-?(0|[1-9]\d{0,13})(\.\d+)?$")
    rows = []
    with open(csv_path, newline="", encoding="utf-8-sig") as f:
        for i, rec in enumerate(csv.reader(f)):
            row = []
            for v in rec:
                if i and number.match(v):
                    row.append(float(v) if "." in v else int(v))
                else:
                    row.append(v if v else None)
            rows.append(row)
    write(xlsx_path, rows, sheet)


if __name__ == "__main__":
    from_csv(sys.argv[1], sys.argv[2])


def read(data):
    """The sheets of a workbook's bytes: {name: rows}, each row a list of
    cells as text (a number as Python writes it, e.g. 3.0 -> "3"),
    sheets in workbook order (a dict keeps it). Shared and inline strings,
    numbers and booleans; what a download holds, not every part of Excel."""
    import io, re
    import xml.etree.ElementTree as ET
    z = zipfile.ZipFile(io.BytesIO(data))
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    rel_ns = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    shared = []
    if "xl/sharedStrings.xml" in z.namelist():
        for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", ns):
            shared.append("".join(t.text or "" for t in si.iter("{%s}t" % ns["m"])))
    rels = {r.get("Id"): r.get("Target") for r in ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))}
    out = {}
    for sh in ET.fromstring(z.read("xl/workbook.xml")).find("m:sheets", ns):
        target = rels[sh.get(rel_ns)]
        rows = []
        for row in ET.fromstring(z.read("xl/" + target.lstrip("/").replace("xl/", ""))).iter("{%s}row" % ns["m"]):
            cells = {}
            for c in row.findall("m:c", ns):
                col = re.match(r"[A-Z]+", c.get("r")).group(0)
                i = 0
                for ch in col:
                    i = i * 26 + ord(ch) - 64
                t, v = c.get("t"), c.find("m:v", ns)
                if t == "inlineStr":
                    text = "".join(x.text or "" for x in c.iter("{%s}t" % ns["m"]))
                elif t == "s":
                    text = shared[int(v.text)]
                elif t == "b":
                    text = "TRUE" if v.text == "1" else "FALSE"
                elif v is not None:
                    f = float(v.text)
                    text = str(int(f)) if f == int(f) else repr(f)
                else:
                    text = ""
                cells[i - 1] = text
            rows.append([cells.get(k, "") for k in range(max(cells) + 1)] if cells else [])
        out[sh.get("name")] = rows
    return out

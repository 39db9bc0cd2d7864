"""DOCX paragraphs: text, headings, list labels, check boxes, revisions, text boxes."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx

from jixiao.extract import read_document
from jixiao.extract.docx_text import chinese_number, format_number
from jixiao.extract.model import Heading, Paragraph

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NSDECL = (
    f'xmlns:w="{W_NS}" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def write_docx(
    path: Path, body: str, *, styles: str | None = None, numbering: str | None = None
) -> Path:
    """A minimal DOCX with optional styles.xml / numbering.xml (w: elements inside)."""
    rels = []
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(
            "_rels/.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            f'relationships"><Relationship Id="rId1" Type="{REL}/officeDocument" '
            'Target="word/document.xml"/></Relationships>',
        )
        for name, content in (("styles", styles), ("numbering", numbering)):
            if content is not None:
                archive.writestr(f"word/{name}.xml", f"<w:{name} {NSDECL}>{content}</w:{name}>")
                rels.append(f'<Relationship Id="r{name}" Type="{REL}/{name}" Target="{name}.xml"/>')
        archive.writestr(
            "word/_rels/document.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            f'relationships">{"".join(rels)}</Relationships>',
        )
        archive.writestr(
            "word/document.xml", f"<w:document {NSDECL}><w:body>{body}</w:body></w:document>"
        )
    return path


def r(text: str, rpr: str = "") -> str:
    return f'<w:r><w:rPr>{rpr}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'


def p(*runs: str, ppr: str = "") -> str:
    return f"<w:p><w:pPr>{ppr}</w:pPr>{''.join(runs)}</w:p>"


def texts(path: Path) -> list[str]:
    return [b.text for b in read_document(path).blocks]


def test_tabs_breaks_and_empty_paragraphs(tmp_path: Path) -> None:
    body = (
        p(r("项目名称"), "<w:r><w:tab/></w:r>", r("平台"))
        + p()
        + p("<w:r><w:t>   </w:t></w:r>")
        + p(r("第一行"), "<w:r><w:br/></w:r>", r("第二行"), '<w:r><w:br w:type="page"/></w:r>')
    )
    assert texts(write_docx(tmp_path / "a.docx", body)) == ["项目名称\t平台", "第一行\n第二行"]


def test_deleted_text_dropped_inserted_kept_field_codes_hidden(tmp_path: Path) -> None:
    body = p(
        r("实际支出"),
        '<w:del w:id="1" w:author="x"><w:r><w:delText>629.09</w:delText></w:r></w:del>',
        f'<w:ins w:id="2" w:author="x">{r("898.7")}</w:ins>',
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
        "<w:r><w:instrText> PAGE </w:instrText></w:r>",
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
        r("万元"),
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
        r("隐藏", "<w:vanish/>"),
        f'<w:hyperlink w:anchor="x">{r("（链接）")}</w:hyperlink>',
    )
    assert texts(write_docx(tmp_path / "rev.docx", body)) == ["实际支出898.7万元（链接）"]


def test_check_boxes_become_marks(tmp_path: Path) -> None:
    checkbox_sdt = (
        '<w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val="{v}"/></w14:checkbox>'
        "</w:sdtPr><w:sdtContent>{glyph}</w:sdtContent></w:sdt>"
    )
    body = (
        p(
            r("评价类型：项目实施过程评价"),
            '<w:r><w:sym w:font="Wingdings" w:char="F0A8"/></w:r>',
            r(" 项目完成结果评价"),
            '<w:r><w:sym w:font="Wingdings" w:char="F0FE"/></w:r>',
            '<w:r><w:sym w:font="Wingdings 2" w:char="0052"/></w:r>',
            '<w:r><w:sym w:font="Wingdings" w:char="F0FC"/></w:r>',
        )
        + p(
            checkbox_sdt.format(v="1", glyph=r("☒")),
            r("是"),
            checkbox_sdt.format(v="0", glyph=r("☐")),
            r("否"),
        )
        + p(r("þ", '<w:rFonts w:ascii="Wingdings" w:hAnsi="Wingdings"/>'), r("已完成"))
        + p(
            '<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:checkBox><w:default '
            'w:val="1"/></w:checkBox></w:ffData></w:fldChar></w:r>',
            "<w:r><w:instrText>FORMCHECKBOX</w:instrText></w:r>",
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
            r("良好"),
        )
    )
    assert texts(write_docx(tmp_path / "cb.docx", body)) == [
        "评价类型：项目实施过程评价□ 项目完成结果评价☑☑√",
        "☑是□否",
        "☑已完成",
        "☑良好",
    ]


def test_heading_styles_outline_levels_and_numbering(tmp_path: Path) -> None:
    styles = (
        '<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="cn2"><w:name w:val="标题 2"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="mine"><w:name w:val="报告小标题"/>'
        '<w:basedOn w:val="cn2"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="ol"><w:name w:val="Outline"/>'
        '<w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="toc1"><w:name w:val="toc 1"/></w:style>'
    )
    body = (
        p(r("一、项目概况"), ppr='<w:pStyle w:val="1"/>')
        + p(r("建设内容"), ppr='<w:pStyle w:val="mine"/>')
        + p(r("资金情况"), ppr='<w:pStyle w:val="ol"/>')
        + p(r("正文段落"), ppr='<w:outlineLvl w:val="0"/>')
        + p(
            r("项目资金到位及时，资金使用按预算执行。项目的组织和管理基本有效。"),
            ppr='<w:outlineLvl w:val="0"/>',
        )
        + p(r("（二）总体绩效目标完成情况分析"))
        + p(r("1、做好前期准备。抽调专人成立绩效评价工作小组，明确了工作职责。"))
        + p(r("一、项目概况\t3"), ppr='<w:pStyle w:val="toc1"/>')
        + p(r("普通正文"))
    )
    doc = read_document(write_docx(tmp_path / "h.docx", body, styles=styles))
    got = [
        (type(b).__name__, getattr(b, "level", None), getattr(b, "numbering", None))
        for b in doc.blocks
    ]
    assert got == [
        ("Heading", 1, "一、"),
        ("Heading", 2, None),
        ("Heading", 3, None),
        ("Heading", 1, None),
        ("Paragraph", None, None),
        ("Heading", 2, "（二）"),
        ("Paragraph", None, None),
        ("Paragraph", None, None),
        ("Paragraph", None, None),
    ]
    toc, normal = doc.blocks[7], doc.blocks[8]
    assert isinstance(toc, Paragraph) and toc.style == "toc 1"
    assert isinstance(normal, Paragraph) and normal.style == "Normal"


def test_python_docx_heading_styles(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("绩效自评报告", 0)
    document.add_heading("一、项目概况", 1)
    document.add_heading("（一）项目基本情况", 2)
    document.add_paragraph("正文。")
    document.save(tmp_path / "pd.docx")
    blocks = read_document(tmp_path / "pd.docx").blocks
    assert [(type(b).__name__, getattr(b, "level", None)) for b in blocks] == [
        ("Heading", 1),
        ("Heading", 1),
        ("Heading", 2),
        ("Paragraph", None),
    ]
    assert isinstance(blocks[2], Heading) and blocks[2].numbering == "（一）"


def test_automatic_list_labels_are_rendered(tmp_path: Path) -> None:
    numbering = (
        '<w:abstractNum w:abstractNumId="0">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        '<w:lvlText w:val="%1、"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        '<w:lvlText w:val="（%2）"/></w:lvl>'
        '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        '<w:lvlText w:val="%3."/></w:lvl></w:abstractNum>'
        '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/>'
        '<w:lvlText w:val="•"/></w:lvl></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
    )

    def numbered(text: str, ilvl: int, num: int = 1) -> str:
        ppr = f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num}"/></w:numPr>'
        return p(r(text), ppr=ppr)

    body = (
        numbered("项目概况", 0)
        + numbered("项目基本情况", 1)
        + numbered("建设内容", 2)
        + numbered("资金来源", 2)
        + numbered("绩效目标", 1)
        + numbered("要点", 0, num=2)
        + numbered("", 0)  # an empty numbered paragraph: no block, but it counts
        + numbered("评价结论", 0)
        + numbered("结论", 1)
    )
    doc = read_document(write_docx(tmp_path / "n.docx", body, numbering=numbering))
    assert [b.text for b in doc.blocks] == [
        "一、项目概况",
        "（一）项目基本情况",
        "1.建设内容",
        "2.资金来源",
        "（二）绩效目标",
        "要点",
        "三、评价结论",
        "（一）结论",
    ]
    assert [getattr(b, "level", None) for b in doc.blocks] == [1, 2, 3, 3, 2, None, 1, 2]


def test_text_box_paragraphs_follow_host_once(tmp_path: Path) -> None:
    box = f"<w:txbxContent>{p(r('框内文字'))}</w:txbxContent>"
    drawing = (
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx>'
        f"{box}</wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>"
        f"{box}</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )
    body = p(r("宿主段落"), drawing) + p(r("后一段"))
    assert texts(write_docx(tmp_path / "tb.docx", body)) == ["宿主段落", "框内文字", "后一段"]


def test_content_controls_and_custom_xml_are_read_in_order(tmp_path: Path) -> None:
    body = (
        p(r("前"))
        + f"<w:sdt><w:sdtPr/><w:sdtContent>{p(r('控件内'))}</w:sdtContent></w:sdt>"
        + f'<w:customXml w:element="x">{p(r("自定义"))}</w:customXml>'
        + p(r("后"))
    )
    assert texts(write_docx(tmp_path / "sdt.docx", body)) == ["前", "控件内", "自定义", "后"]


def test_strict_ooxml_namespace_is_read(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "strict.docx", p(r("严格模式")))
    strict = tmp_path / "strict2.docx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(strict, "w") as dst:
        for item in src.infolist():
            data = src.read(item).replace(
                W_NS.encode(), b"http://purl.oclc.org/ooxml/wordprocessingml/main"
            )
            dst.writestr(item, data)
    assert texts(strict) == ["严格模式"]


def test_chinese_counting() -> None:
    assert [chinese_number(n) for n in (1, 10, 11, 20, 21, 100, 105, 110)] == [
        "一",
        "十",
        "十一",
        "二十",
        "二十一",
        "一百",
        "一百零五",
        "一百一十",
    ]
    assert format_number(3, "decimalEnclosedCircle") == "③"
    assert format_number(4, "upperRoman") == "IV"
    assert format_number(2, "lowerLetter") == "b"


def test_tables_in_text_boxes_are_top_level_and_indexes_stay_distinct(tmp_path: Path) -> None:
    def table(cell_content: str) -> str:
        return (
            '<w:tbl><w:tblGrid><w:gridCol w:w="1"/></w:tblGrid>'
            f"<w:tr><w:tc>{cell_content}</w:tc></w:tr></w:tbl>"
        )

    box = f"<w:r><w:pict><v:textbox><w:txbxContent>{table(p(r('框中表')))}"
    box += "</w:txbxContent></v:textbox></w:pict></w:r>"
    body = p(r("封面"), box) + table(p(r("外")) + table(p(r("内")))) + p(r("完"))
    doc = read_document(write_docx(tmp_path / "tbx.docx", body))
    assert [type(b).__name__ for b in doc.blocks] == ["Paragraph", "Table", "Table", "Paragraph"]
    boxed, outer = doc.tables
    assert (boxed.index, outer.index) == (0, 1)
    assert boxed.cells[0].text == "框中表"
    (inner,) = outer.cells[0].nested
    assert inner.index == 2 and inner.cells[0].text == "内"
    assert outer.cells[0].text == "外"


def test_math_text_is_kept(tmp_path: Path) -> None:
    math = (
        '<m:oMath xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math">'
        "<m:r><m:t>执行率=支出/预算</m:t></m:r></m:oMath>"
    )
    assert texts(write_docx(tmp_path / "m.docx", p(r("公式："), math))) == [
        "公式：执行率=支出/预算"
    ]


def test_placeholder_prompts_of_empty_content_controls_are_dropped(tmp_path: Path) -> None:
    placeholder = "<w:sdtPr><w:showingPlcHdr/></w:sdtPr>"
    body = (
        p(
            r("联系电话："),
            f"<w:sdt>{placeholder}<w:sdtContent>{r('单击此处输入文字。')}</w:sdtContent></w:sdt>",
        )
        + f"<w:sdt>{placeholder}<w:sdtContent>{p(r('单击或点击此处输入文字。'))}</w:sdtContent></w:sdt>"
        + p(r("完"))
    )
    assert texts(write_docx(tmp_path / "ph.docx", body)) == ["联系电话：", "完"]

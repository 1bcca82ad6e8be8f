"""Validate a UBL document against the OASIS schema and the CIUS-RO rules (Saxon-HE)."""

from functools import cache
from pathlib import Path

from lxml import etree
from saxonche import PySaxonProcessor

STANDARDS = Path(__file__).parent / "standards"
SVRL = "http://purl.oclc.org/dsdl/svrl"


@cache
def schema(root: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(STANDARDS / f"ubl-2.1/maindoc/UBL-{root}-2.1.xsd")))


@cache
def _cius_ro():
    processor = PySaxonProcessor(license=False)
    compiler = processor.new_xslt30_processor()
    executable = compiler.compile_stylesheet(
        stylesheet_file=str(STANDARDS / "cius-ro-1.0.9/EN16931-CIUS_RO-UBL-validation.xslt")
    )
    return processor, executable


def schema_errors(xml: bytes) -> list[str]:
    document = etree.fromstring(xml)
    check = schema(etree.QName(document).localname)
    return [] if check.validate(document) else [str(error) for error in check.error_log]


def fatal_assertions(xml: bytes) -> list[str]:
    """The SVRL failed-asserts flagged fatal: each an error of the e-invoice."""
    processor, executable = _cius_ro()
    node = processor.parse_xml(xml_text=xml.decode())
    report = etree.fromstring(executable.transform_to_string(xdm_node=node).encode())
    return [
        f"{failed.get('id')}: {' '.join(failed.itertext()).strip()[:300]}"
        for failed in report.iter(f"{{{SVRL}}}failed-assert")
        if failed.get("flag") == "fatal"
    ]

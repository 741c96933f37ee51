"""The grammar of standard identifiers: character folding, one pattern per family, and the
builders that turn a match into a ``StandardId``.

Why its own module: the patterns are the bulk of the normalizer and change for data reasons
(a new catalogue spelling), while ``nlp.identifiers`` holds the behaviour callers rely on
(parse, normalize, find). Every repetition is bounded and the co-publisher group is atomic,
so no pattern can backtrack catastrophically; both modules are tested by
``tests/nlp/test_identifiers.py``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from nlp.identifier_model import STAGE_IMPLIES_DOCTYPE, StandardId

# --------------------------------------------------------------------------------------------
# Character folding. One-to-one, so offsets in the folded text are offsets in the original:
# full-width ASCII (GB／T 35561－2017), the many dashes (en dash, non-breaking hyphen U+2011 used
# in ISO abstracts, minus sign) and exotic spaces all become their ASCII counterparts.
# --------------------------------------------------------------------------------------------
_FOLD: dict[int, int] = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FOLD.update({code: ord("-") for code in (0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015)})
_FOLD.update({0x2212: ord("-"), 0xFE58: ord("-"), 0xFE63: ord("-"), 0x30FC: ord("-")})
_FOLD.update({code: ord(" ") for code in (0x00A0, 0x202F, 0x205F, 0x3000, 0x2007, 0x2009)})
_FOLD.update({code: ord(" ") for code in range(0x2000, 0x200B)})
_FOLD.update({0x2215: ord("/"), 0x2044: ord("/"), 0x2236: ord(":"), 0x00B7: ord(".")})


_FOLD_RE = re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(_FOLD)) + "]")


def _fold_char(match: re.Match[str]) -> str:
    return chr(_FOLD[ord(match.group())])


def fold(text: str) -> str:
    """Map look-alike characters to ASCII without changing the length of the text.

    ``re.sub`` rather than ``str.translate``: translate with a dict costs ~0.2 s per MB even
    on pure ASCII, while the look-alikes are rare."""
    if text.isascii():
        return text
    return _FOLD_RE.sub(_fold_char, text)


# --------------------------------------------------------------------------------------------
# Patterns. Each family has one body pattern (no anchors) used by parse_identifier with
# fullmatch and by find_identifiers with ASCII-only boundaries (Chinese characters are \w, and
# "标准GB/T 35561" must still match).
# --------------------------------------------------------------------------------------------

YEAR4 = r"(?:19|20)\d\d"
_BEFORE = r"(?:(?<![A-Za-z0-9/.\-])|(?:(?<=[0-9])|(?<=[0-9]/)|(?<=CSV|RLV|SER|EXV|CMV))(?=ISO|IEC))"
# An identifier ends before a letter or digit, except where catalogue pages glue a list
# together ("IEC 61850-3:2013IEC 61850-4:2011").
# A slash followed by digits is allowed after the match: "ISO 9001/14001" is a list (see
# nlp.identifiers), and the forms where the slash belongs to the identifier (ISO 4628/1-1978,
# ITU-T Y.4903/L.1603, ETSI ETS 300 011/A1) are consumed by their family pattern first.
_AFTER = r"(?!(?!ISO|IEC)[A-Za-z0-9]|[-.:]\d)"

# European national bodies that publish adoptions of EN and ISO/IEC standards under their prefix
_NATIONAL = (
    r"BS|DIN|NF|UNE|NEN|SS|ČSN|CSN|PN|UNI|SN|DS|SFS|ÖVE/ÖNORM|ÖVE|OVE|ÖNORM|I\.S\.|NS|TS|STN|"
    r"LST|LVS|EVS|MSZ|SIST|HRN|SRPS|BDS|ELOT|NBN|IST|MSA"
)
_ISO_COPUB = r"ISO|IEC|IEEE|ASTM|CIE|HL7|SAE|ASME|OECD|UNDP"
_ISO_STAGES = (
    r"PWI|NWIP|NP|AWI|WD|PDTR|PDTS|FDTR|FDTS|CD|FDIS|DIS|PRF|DTR|DTS|DPAS|DGuide|DAmd|FDAmd"
)
_ISO_DOCTYPES = r"TR|TS|PAS|ISP|Guide|GUIDE|guide|SRD|TTA|DATA|R"
_ISO_SUPP_KIND = (
    r"Amd|AMD|amd|Cor|COR|cor|Add|ADD|Suppl|SUPPL|Ext|ISH|FRAG|DAM|FDAM|PDAM|DCOR|FDCOR"
)
_IEC_VARIANT = r"(?:RLV|CSV|SER|EXV|CMV|DB)(?:-(?:RLV|CMV))?"

_ISO_BODY = rf"""
(?P<iso_nat>(?:{_NATIONAL})\s)?
(?P<iso_en>(?:pr)?EN\s|CEN\s)?
(?P<iso_pub>(?i:ISO|IEC)(?>(?:\s?/\s?(?i:{_ISO_COPUB})){{0,3}})|CISPR|IWA)
(?:\s?/\s?|\s|-(?=\d))?
(?:(?P<iso_stage>{_ISO_STAGES})(?:\s?/\s?|\s)?)?
(?:(?P<iso_doctype>{_ISO_DOCTYPES})\s?)?
(?<=[\s/A-Za-z-])
(?P<iso_num>\d{{1,6}}[A-Z]{{0,2}})
(?P<iso_part>(?:-(?:\d{{1,5}}[A-Z]{{0,3}}|[A-Z]{{1,5}}\d{{0,6}})){{0,4}})
(?:/(?:(?P<iso_slash_part>\d{{1,2}})(?!\d)(?:-(?P<iso_slash_year>{YEAR4}))?
    |(?P<iso_slash_only_year>{YEAR4})(?!\d)))?
(?:\.(?P<iso_iter>\d))?
(?:\s?:\s?(?P<iso_year>{YEAR4})(?:-[01]\d(?:-[0-3]\d)?(?!\d))?)?
(?P<iso_supps>(?:
   \s?[/+]\s?(?:(?:CD|WD|AWI|NP|PWI|D|FD)\s?)?(?:{_ISO_SUPP_KIND})\.?\s?\d{{0,3}}(?:\.\d)?
       (?:\s?:\s?{YEAR4})?
 | \s{_IEC_VARIANT}(?!(?!ISO|IEC)[A-Za-z])
 | \s?\+\s?A\d{{1,2}}(?:\s?:\s?{YEAR4})?
 | \s(?:Amd|Cor)\.?\s?\d{{1,3}}\s?:\s?{YEAR4}
 | \sED\d{{1,2}}
){{0,6}})
"""

_ISO_SUPP_RE = re.compile(
    rf"""(?P<plus>[/+])?\s?(?P<stage>(?:CD|WD|AWI|NP|PWI|D|FD)\s?)?
    (?P<kind>{_ISO_SUPP_KIND})\.?\s?(?P<n>\d{{0,3}}(?:\.\d)?)(?:\s?:\s?(?P<year>{YEAR4}))?
    |\s?\+\s?A(?P<a_n>\d{{1,2}})(?:\s?:\s?(?P<a_year>{YEAR4}))?
    |\s(?P<variant>{_IEC_VARIANT})(?!(?!ISO|IEC)[A-Za-z])
    |\s(?P<edition>ED\d{{1,2}})""",
    re.VERBOSE,
)

_SUPP_KIND_CANONICAL = {
    "AMD": "Amd",
    "COR": "Cor",
    "ADD": "Add",
    "SUPPL": "Suppl",
    "EXT": "Ext",
    "ISH": "ISH",
    "FRAG": "FRAG",
    "DAM": "DAM",
    "FDAM": "FDAM",
    "PDAM": "PDAM",
    "DCOR": "DCOR",
    "FDCOR": "FDCOR",
}

_ITU_SERIES = r"[A-Z]{1,3}"
ITU_NUMBER = rf"{_ITU_SERIES}\.\d{{1,5}}(?:\.\d{{1,3}}){{0,3}}(?:/BL/\d{{1,3}})?"
_ITU_REC = r"(?:Rec\.|Recommendation|Recommendations|Rec)\s"
_ITU_BODY = rf"""
(?P<itu_pub>ITU\s?-\s?[TR]|CCITT|CCIR)\s
(?:{_ITU_REC})?
(?:
  (?:Question\s)?(?P<itu_q>\d{{1,3}})(?:-(?P<itu_qrev>\d{{1,2}}))?/(?P<itu_qsg>\d{{1,2}})(?=:|\s|$)
| (?P<itu_hdb>\d{{2}})\.HDB
| Handbook\s(?P<itu_handbook>\d{{2}})
| (?P<itu_num>{ITU_NUMBER})(?:-(?P<itu_rev>\d{{1,2}}))?
  (?P<itu_alt>(?:/(?:{ITU_NUMBER})){{0,3}})
  (?P<itu_suffix>\s(?:bis|ter|quater)|\s[A-FR](?=\s\(|$|\s(?:Amd|Cor|Err|Add|Tech))|bis|R(?=\s\(|$))?
| (?P<itu_ser>[A-Z](?:-?\d{{3}}(?:-\d{{3}})?(?:\sseries)?)?)(?=\sSuppl\.)
)
(?:\s\((?P<itu_v>V\d{{1,2}})\))?
(?:\sv\.\d{{1,2}})?
(?:\s\((?P<itu_annexbase>{YEAR4})\)(?=\s(?:Annex|App\.)))?
(?P<itu_annex>\s(?:Annex|App\.|Appendix)\s[A-Z0-9]{{1,4}}|\sattachment)?
(?P<itu_suppl>\sSuppl\.\s?\d{{1,3}}(?:\.\d{{1,2}})?)?
(?:\s\((?P<itu_base>{YEAR4})\))?
(?P<itu_supps>(?:[\s/](?:Amd|Cor|Technical\sCor|Err|Add)\.?\s?\d{{1,2}}){{0,4}})
(?:\s\((?:(?P<itu_month>[01]\d)/)?(?P<itu_year>{YEAR4})\))?
"""

_ITU_SUPP_RE = re.compile(r"(Amd|Cor|Technical\sCor|Err|Add)\.?\s?(\d{1,2})")

# Bare ITU Recommendations in text ("Recommendations Y.4901 and Y.4902") need the word
# "Recommendation" in front; see find_identifiers for lists after an ITU match.
_ITU_BARE_BODY = rf"(?P<bare_rec>Recommendations?|Rec\.)\s(?P<bare_num>{ITU_NUMBER})"

_ETSI_DOCTYPES = r"EN|ES|EG|TS|TR|SR|GS|GR|ETS|I-ETS|ETR|TCRTR|GTS|NET|TBR|TCR-TR|TR-ETS|EIC|SES"
_ETSI_BODY = rf"""
(?P<etsi_pub>ETSI)\s
(?P<etsi_doctype>{_ETSI_DOCTYPES})\s
(?:(?P<etsi_group>(?!\d{{3}}\b)[A-Za-z][A-Za-z0-9]{{1,7}}(?:-[A-Za-z0-9]{{2,5}})?)\s)?
(?P<etsi_num>\d{{3}}\s?\d{{3}}|\d{{3}}|\d{{2}}\.\d{{2}}(?:-[A-Z]{{2,4}})?|(?<=TBR\s)\d{{1,2}}\b)
(?P<etsi_part>(?:-\d{{1,3}}){{0,4}})
(?P<etsi_supps>(?:/[AC]\d{{1,2}}){{0,3}})
(?:\s(?P<etsi_ver>[Vv]\s?\d{{1,2}}\.\d{{1,2}}\.\d{{1,2}}|ed\.\s?\d{{1,2}}))?
(?:\s?\((?P<etsi_date>{YEAR4})(?:-\d\d)?\))?
"""

# ETSI ENs are often cited without "ETSI": EN 300 xxx to EN 303 xxx and EN 319 xxx; so are
# ETSI TS/TR/ES/EG/GS/GR once ETSI is clear from context, and their spaced six-digit numbers
# ("TS 103 701") are ETSI's alone.
_ETSI_EN_BODY = rf"""
(?:(?P<etsien_pub>EN)\s(?P<etsien_num>(?:30[0-3]|319)\s?\d{{3}})
 |(?P<etsien_doctype>TS|TR|ES|EG|GS|GR)\s(?P<etsien_spaced>[1-4]\d\d\s\d{{3}}))
(?P<etsien_part>(?:-\d{{1,3}}){{0,4}})
(?:\s(?P<etsien_ver>V\d{{1,2}}\.\d{{1,2}}\.\d{{1,2}}))?
(?:\s?\((?P<etsien_date>{YEAR4})(?:-\d\d)?\))?
"""

_EN_BODY = rf"""
(?P<en_nat>(?:{_NATIONAL})\s)?
(?P<en_pub>ENV|(?:pr)?EN|EN\s?/\s?T[SR]|CEN\s?/\s?TS|CEN\s?/\s?TR|CEN\s?/\s?CLC\s?/\s?T[SR]|CLC\s?/\s?T[SR]|CWA|HD)
\s(?P<en_num>\d\d\s\d{{3}}(?!\d)|\d{{1,6}})
(?P<en_part>(?:-\d{{1,4}}){{0,4}})
(?:\s?:\s?(?P<en_year>{YEAR4}))?
(?P<en_supps>(?:\s?\+\s?A\d{{1,2}}(?::{YEAR4})?|/AC(?::{YEAR4})?){{0,4}})
"""

_BS_BODY = rf"""
(?P<bs_pub>BS|DIN)\s(?:(?P<bs_doctype>SPEC|PAS|PD|DD|VDE)\s)?(?P<bs_num>\d{{1,5}})
(?P<bs_part>(?:-\d{{1,3}}){{0,4}})
(?:\s?:\s?(?P<bs_year>{YEAR4}))?
(?P<bs_supps>(?:\s?\+\s?A\d{{1,2}}(?::{YEAR4})?){{0,3}})
"""

_BSI_BODY = rf"""
(?:BSI\s)?(?P<pas_pub>PAS)\s(?P<pas_num>\d{{1,5}})
(?P<pas_part>(?:-\d{{1,3}}){{0,3}})
(?:\s?:\s?(?P<pas_year>{YEAR4}))?
"""

# ASTM designations: letter + number, optional metric twin and year suffix ("D2911/D2911M-10").
_ASTM_BODY = r"""
(?P<astm_pub>ASTM)\s(?P<astm_num>[A-G]\s?\d{1,4}(?:/[A-G]\d{1,4}M)?M?)
(?:-(?P<astm_year>\d\d[a-z]?(?:\d\d)?)(?![0-9]))?
"""

# "ISO Recommendation R 2052-1971", how ISO abstracts cite the pre-1972 ISO/R documents.
_ISO_R_BODY = rf"""
(?P<isor_pub>ISO)\sRecommendation\sR\s?(?P<isor_num>\d{{1,5}})(?:-(?P<isor_year>{YEAR4}))?
"""

_IEEE_BODY = rf"""
(?:ANSI\s?/\s?)?(?P<ieee_pub>IEEE)\s(?:(?i:Std)\.?\s)?
(?P<ieee_num>[A-Z]?\d{{1,5}}(?:\.\d{{1,3}}){{0,3}}[A-Za-z]{{0,3}})
(?:-(?P<ieee_year>{YEAR4}))?
"""

_NIST_BODY = r"""
(?:
  NIST\s?(?P<nist_ir>IR)
| NIST\s(?P<nist_doctype>SP|FIPS|CSWP|TN|HB|GCR|AI)
| (?P<nist_fips>FIPS)(?:\sPUB)?
| (?P<nist_bare_sp>SP)(?=\s(?:800|1800|500)-\d)
)
\s?(?P<nist_num>\d{1,4}(?:-\d{1,4}){0,2}[A-Z]?)
(?:\s?(?:,\s)?(?:Rev\.?\s?|Revision\s|r)(?P<nist_rev>\d{1,2}))?
"""

# IETF Requests for Comments and Best Current Practices, cited with or without the body
# ("IETF RFC 8446", "RFC 8446", "RFC8446"); canonical "IETF RFC 8446".
_IETF_BODY = r"""
(?:IETF\s)?(?P<ietf_doctype>RFC|(?<=IETF\s)BCP)\s?(?P<ietf_num>\d{1,5})
"""

# US standards bodies whose designations are a code and a number: UL (also as ANSI/UL),
# NFPA, ASHRAE, NEMA, NTCIP, SAE J-reports ("SAE J2735", "SAE J2945/1"), ANSI/ASHRAE.
_US_BODY = rf"""
(?P<us_pub>(?:ANSI\s?/\s?)?(?:UL|NFPA|ASHRAE|NEMA)|ANSI/[A-Z]{{2,6}}(?:/[A-Z]{{2,6}}){{0,2}}
   |NTCIP|SAE(?=\sJ\d)|ANSI(?=\s[A-Z]\d))
\s(?P<us_num>(?:J|(?<=ANSI\s)[A-Z]|[A-Z]{{1,3}}-(?=\d))?\d{{1,5}}(?:\.\d{{1,3}})?[A-Z]?)
(?P<us_part>(?<=J\d{{4}})/\d{{1,2}}|(?:-\d{{1,4}}){{0,3}})
(?:\s?:\s?(?P<us_year>{YEAR4}))?
"""

# oneM2M Technical Specifications and Reports ("oneM2M TS-0001").
_ONEM2M_BODY = r"""
(?P<m2m_pub>oneM2M)\s(?P<m2m_doctype>TS|TR)\s?-\s?(?P<m2m_num>\d{4})
"""

# Indian Standards: "IS 18000 (Part 1) : 2022" is IS 18000-1:2022; adoptions keep their
# prefix ("IS/ISO 37120 : 2018" is IS/ISO 37120:2018).
_INDIA_BODY = rf"""
(?P<is_pub>IS(?:\s?/\s?(?:ISO|IEC)(?:\s?/\s?(?:IEC|IEEE))?)?)\s(?P<is_num>\d{{2,5}})
(?:\s?\(\s?Part\s(?P<is_part>\d{{1,3}})\s?\)|(?P<is_dpart>(?:-\d{{1,3}}){{1,3}}))?
(?:\s?:\s?(?P<is_year>{YEAR4}))?
"""

# Other national standards bodies, each with its own designation: Japan "JIS X 0401:2019" and
# "JIS Q 27001", Korea "KS X ISO/IEC 27001", Brazil "ABNT NBR 16401" / "ABNT NBR ISO 37120",
# South Africa "SANS 10400", Kenya "KS 2001" / "KS EAS 12:2014", Australia/New Zealand
# "AS/NZS 3000:2018", "AS 5488.1-2019" (dotted parts, year after a dash), Communications
# Alliance "AS/CA S009:2020", Canada "CSA C22.1:24" (two-digit years), "CSA/ICC B805-18",
# Quebec "BNQ 3019-190", Russia "GOST R 56205", Indonesia "SNI 8830:2019",
# Malaysia "MS 1525", Singapore "SS 584", Vietnam "TCVN 10333", Philippines "PNS 2030",
# Gulf "GSO 2530", Saudi "SASO 2870", Argentina "IRAM 3501", Chile "NCh 433", Mexico "NMX-J";
# European national bodies "NEN 2767-1", "NTA 8800" (Dutch technical agreement), "UNE 178301",
# and their hyphenated adoptions of European and international standards, kept as written:
# "NEN-EN-ISO 19650-1", "SS-EN 15804:2012+A2:2019", "SS-ISO 37101".
# A national adoption keeps its prefix ("ABNT NBR ISO 37120" is not ISO 37120). Bare numbers
# need three digits (two after EAS), so "AS 12" or "MS 2" in prose stay words.
_NATIONAL_BODY = rf"""
(?P<nat_pub>(?:[A-Z]{{2,4}})[-/]EN(?:[-\s]ISO(?:/IEC)?|[-\s]IEC)?(?=\s\d)
   |(?:NTC|NMX|IRAM|NCh|UNIT|NTP|NB|NTE|SS|DS|NS|SFS|SN|NEN|NF|UNE)-(?:ISO(?:/IEC)?|IEC)
   |ABNT\sNBR|KS\sEAS|AS/NZS|AS/CA|CSA/ICC|GOST\sR|JIS|KS|NBR|SANS|EAS|AS|NZS|CSA|BNQ|GOST|SNI|MS|SS
   |TCVN|PNS|GSO|SASO|IRAM|NCh|NEN|NTA|NPR|UNE|UNI|SIS|SFS|ÖNORM|NTC|NF)\s
(?:(?P<nat_div>[A-Z])\s)?
(?:(?P<nat_adopt>ISO(?:/IEC)?|IEC|EN(?:\sISO)?)\s)?
(?P<nat_num>(?<=EAS\s)\d{{1,5}}|[A-Z]\d{{2,5}}(?:\.\d{{1,3}}){{0,3}}|\d{{3,5}}(?:\.\d{{1,3}}){{0,3}}
   |(?<=CSA\s)[A-Z]\d(?=\s?:\s?\d\d))
(?:\sNo\.\s(?P<nat_no>\d{{1,5}}(?:\.\d{{1,3}})?))?
(?P<nat_part>(?:-(?:\d{{1,3}}|[A-Z]{{1,3}}(?![\w])))?(?:-\d{{1,3}}){{0,2}})
(?:\s?:\s?(?P<nat_year>{YEAR4}(?:-[01]\d(?![\d-]))?|\d\d(?!\d))|(?<=\d)-(?P<nat_dash_year>{YEAR4})(?!\d))?
(?P<nat_supps>(?:\s?\+\s?A\d{{1,2}}(?::{YEAR4})?){{0,3}})
"""

# Chinese national (GB), industry and local (DB) standards. The industry codes are the ones
# assigned by SAC; bare two-letter codes only match with a year (see _cn_needs_year).
_CN_INDUSTRY = (
    "AQ|BB|CB|CH|CJJ|CJ|CY|DA|DL|DZ|EJ|FZ|GA|GH|GM|GY|HB|HG|HJ|HS|HY|JB|JC|JGJ|JG|JR|JT|JY|LB|"
    "LD|LS|LY|MH|MT|MZ|NB|NY|QB|QC|QJ|QX|SB|SC|SH|SJ|SL|SN|SW|SY|TB|TD|TY|WB|WH|WJ|WM|WS|WW|"
    "XB|YB|YC|YD|YS|YY|YZ|ZY|CECS|RB"
)
_CN_BODY = rf"""
(?P<cn_pub>
   GB(?:\s?/\s?[TZ])?
 | DB\s?\d{{2}}(?:\d{{2}}){{0,2}}(?:\s?/\s?[TZ])?
 | T\s?/\s?[A-Z]{{2,8}}
 | (?:{_CN_INDUSTRY})(?:\s?/\s?[TZ])?
)
\s?(?P<cn_num>\d{{1,6}})(?:\.(?P<cn_part>\d{{1,3}}))?
(?:\s?-\s?(?P<cn_year>{YEAR4}|\d\d)(?!\d))?
"""


def _compile(body: str, *, anchored: bool) -> re.Pattern[str]:
    if anchored:
        return re.compile(body, re.VERBOSE)
    return re.compile(_BEFORE + "(?:" + body + ")" + _AFTER, re.VERBOSE)


# --------------------------------------------------------------------------------------------
# Builders: match -> StandardId (shared by parse and find)
# --------------------------------------------------------------------------------------------


def _clean_publisher(raw: str) -> str:
    return re.sub(r"\s*/\s*", "/", raw.strip()).upper()


def _build_iso(m: re.Match[str]) -> StandardId:
    publisher = _clean_publisher(m["iso_pub"])
    stage = m["iso_stage"]
    doctype = m["iso_doctype"]
    if doctype and doctype.upper() == "GUIDE":
        doctype = "Guide"
    if stage and not doctype:
        doctype = STAGE_IMPLIES_DOCTYPE.get(stage)
    prefix = " ".join(
        token.strip() for token in (m["iso_nat"], m["iso_en"]) if token and token.strip()
    )
    if prefix:
        publisher = f"{prefix} {publisher}"
    number = m["iso_num"]
    part = m["iso_part"][1:] if m["iso_part"] else None
    # "ISO 9001/2008" is a common sloppy spelling of ISO 9001:2008.
    year = m["iso_year"] or m["iso_slash_year"] or m["iso_slash_only_year"]
    if m["iso_slash_part"]:
        # Before 1980 ISO numbered parts after a slash ("ISO 4628/1-1978" is ISO 4628-1:1978);
        # IEC still lists a few sub-parts that way ("IEC 60695-2-1/0:1994"), kept as written.
        part = f"{part}/{m['iso_slash_part']}" if part else m["iso_slash_part"]
    if part and not year:
        # "ISO 9001-2015" (common in Chinese-English texts) means ISO 9001:2015: no ISO or IEC
        # part number lies between 1950 and 2035 (checked on both catalogues).
        *rest, last = part.split("-")
        if last.isdigit() and len(last) == 4 and 1950 <= int(last) <= 2035:
            part, year = "-".join(rest) or None, last
    supplements, variant = _iso_supplements(m["iso_supps"] or "")
    version = m["iso_iter"]
    return StandardId(
        publisher=publisher,
        doctype=doctype,
        number=number,
        part=part,
        year=year,
        supplements=supplements,
        version=version,
        stage=stage,
        variant=variant,
        family="iso",
    )


def _iso_supplements(raw: str) -> tuple[tuple[str, ...], str | None]:
    supplements: list[str] = []
    variants: list[str] = []
    for sm in _ISO_SUPP_RE.finditer(raw):
        if sm["variant"] or sm["edition"]:
            variants.append(sm["variant"] or sm["edition"])
            continue
        if sm["a_n"]:
            # IEC abstracts write consolidated versions as "+A1:2014" (EN style).
            year = f":{sm['a_year']}" if sm["a_year"] else ""
            supplements.append(f"+Amd {sm['a_n']}{year}")
            continue
        kind = _SUPP_KIND_CANONICAL.get(sm["kind"].upper(), sm["kind"])
        stage = (sm["stage"] or "").strip()
        text = f"{stage} {kind}".strip()
        if sm["n"]:
            text += f" {sm['n']}"
        if sm["year"]:
            text += f":{sm['year']}"
        supplements.append(("+" if sm["plus"] == "+" else "") + text)
    return tuple(supplements), " ".join(variants) or None


def _build_itu(m: re.Match[str]) -> StandardId:
    raw_pub = re.sub(r"\s", "", m["itu_pub"]).upper()
    publisher = {"CCITT": "ITU-T", "CCIR": "ITU-R"}.get(raw_pub, raw_pub)
    month, year = m["itu_month"], m["itu_year"]
    version = f"{month}/{year}" if month and year else None
    if m["itu_q"]:
        return StandardId(
            publisher=publisher,
            doctype="Question",
            number=f"{m['itu_q']}/{m['itu_qsg']}",
            version=m["itu_qrev"],
            family="itu",
        )
    if m["itu_hdb"] or m["itu_handbook"]:
        return StandardId(
            publisher=publisher,
            doctype="Handbook",
            number=m["itu_hdb"] or m["itu_handbook"],
            family="itu",
        )
    number = m["itu_num"] or m["itu_ser"]
    suffix_parts = [
        (m["itu_suffix"] or "").strip(),
        (m["itu_annex"] or "").strip(),
        re.sub(r"Suppl\.\s?", "Suppl. ", (m["itu_suppl"] or "").strip()),
    ]
    part = " ".join(p for p in suffix_parts if p) or None
    supplements = tuple(
        " ".join(kind.split()) + f". {n}" for kind, n in _ITU_SUPP_RE.findall(m["itu_supps"] or "")
    )
    alternates = tuple(a for a in (m["itu_alt"] or "").split("/") if a)
    if m["itu_rev"] and publisher == "ITU-T":
        # ITU-T "Q.732.2-5" is a range of Recommendations, not a revision.
        number = f"{number}-{m['itu_rev']}"
    elif m["itu_rev"]:
        version = m["itu_rev"]
    elif m["itu_v"] and not version:
        version = m["itu_v"]
    base_year = m["itu_base"] or year
    return StandardId(
        publisher=publisher,
        doctype="Recommendation" if m["itu_num"] else "Supplement",
        number=number,
        part=part,
        year=base_year,
        supplements=supplements,
        version=version,
        alternates=alternates,
        family="itu",
    )


def build_itu_bare(m: re.Match[str]) -> StandardId:
    number = m["bare_num"]
    series = number.split(".")[0]
    publisher = "ITU-R" if len(series) >= 2 else "ITU-T"
    return StandardId(publisher=publisher, doctype="Recommendation", number=number, family="itu")


def _etsi_number(raw: str) -> str:
    digits = raw.replace(" ", "")
    if len(digits) == 6 and digits.isdigit():
        return f"{digits[:3]} {digits[3:]}"
    if len(digits) < 3 and digits.isdigit():  # "TBR 11" is TBR 011 in ETSI's own numbering
        return digits.zfill(3)
    return raw


def _etsi_version(raw: str | None) -> str | None:
    if not raw:
        return None
    raw = raw.replace(" ", "")
    if raw[0] in "Vv":
        return "V" + raw[1:]
    return raw


def _build_etsi(m: re.Match[str]) -> StandardId:
    group = m["etsi_group"]
    number = _etsi_number(m["etsi_num"])
    if group:
        number = f"{group} {number}"
    return StandardId(
        publisher="ETSI",
        doctype=m["etsi_doctype"],
        number=number,
        part=m["etsi_part"][1:] if m["etsi_part"] else None,
        year=m["etsi_date"],
        supplements=tuple(s for s in (m["etsi_supps"] or "").split("/") if s),
        version=_etsi_version(m["etsi_ver"]),
        family="etsi",
    )


def _build_etsi_en(m: re.Match[str]) -> StandardId:
    return StandardId(
        publisher="ETSI",
        doctype=m["etsien_doctype"] or "EN",
        number=_etsi_number(m["etsien_num"] or m["etsien_spaced"]),
        part=m["etsien_part"][1:] if m["etsien_part"] else None,
        year=m["etsien_date"],
        version=_etsi_version(m["etsien_ver"]),
        family="etsi",
    )


def _plus_supplements(raw: str | None) -> tuple[str, ...]:
    return tuple("+" + s for s in re.findall(r"A\d{1,2}(?::\d{4})?", raw or ""))


def _en_supplements(raw: str | None) -> tuple[str, ...]:
    """Amendments ("+A1:2008") and corrigenda ("/AC:2009", as the Official Journal lists
    harmonised standards), in order."""
    return tuple(
        "+" + s[1:].strip() if s.startswith("+") else s[1:]
        for s in re.findall(r"\+\s?A\d{1,2}(?::\d{4})?|/AC(?::\d{4})?", raw or "")
    )


def _build_en(m: re.Match[str]) -> StandardId:
    publisher = re.sub(r"\s*/\s*", "/", m["en_pub"])
    if publisher in ("EN/TS", "EN/TR"):
        publisher = "CEN/" + publisher[3:]  # CEN Technical Specifications, cited as EN/TS
    if m["en_nat"]:
        publisher = f"{m['en_nat'].strip()} {publisher}"
    doctype = None
    return StandardId(
        publisher=publisher,
        doctype=doctype,
        number=m["en_num"].replace(" ", ""),
        part=m["en_part"][1:] if m["en_part"] else None,
        year=m["en_year"],
        supplements=_en_supplements(m["en_supps"]),
        family="en",
    )


def _build_bs(m: re.Match[str]) -> StandardId:
    if m["bs_pub"] == "BS" and m["bs_doctype"] == "PAS" and not m["bs_supps"]:
        # BSI publishes PAS under its own name: "BS PAS 182" is the same document as "PAS 182"
        # and "BSI PAS 182", so all three take the one canonical family form "BSI PAS 182".
        return StandardId(
            publisher="BSI",
            doctype="PAS",
            number=m["bs_num"],
            part=m["bs_part"][1:] if m["bs_part"] else None,
            year=m["bs_year"],
            family="bsi",
        )
    return StandardId(
        publisher=m["bs_pub"],
        doctype=m["bs_doctype"],
        number=m["bs_num"],
        part=m["bs_part"][1:] if m["bs_part"] else None,
        year=m["bs_year"],
        supplements=_plus_supplements(m["bs_supps"]),
        family="bs",
    )


def _build_bsi_pas(m: re.Match[str]) -> StandardId:
    return StandardId(
        publisher="BSI",
        doctype="PAS",
        number=m["pas_num"],
        part=m["pas_part"][1:] if m["pas_part"] else None,
        year=m["pas_year"],
        family="bsi",
    )


def _build_iso_r(m: re.Match[str]) -> StandardId:
    return StandardId(
        publisher="ISO", doctype="R", number=m["isor_num"], year=m["isor_year"], family="iso"
    )


def _build_astm(m: re.Match[str]) -> StandardId:
    return StandardId(
        publisher="ASTM",
        doctype=None,
        number=m["astm_num"].replace(" ", ""),
        year=m["astm_year"],
        family="astm",
    )


def _build_ieee(m: re.Match[str]) -> StandardId:
    return StandardId(
        publisher="IEEE",
        doctype=None,
        number=m["ieee_num"],
        year=m["ieee_year"],
        family="ieee",
    )


def _build_nist(m: re.Match[str]) -> StandardId:
    if m["nist_ir"]:
        doctype = "IR"
    elif m["nist_fips"]:
        doctype = "FIPS"
    elif m["nist_bare_sp"]:
        doctype = "SP"
    else:
        doctype = m["nist_doctype"]
    return StandardId(
        publisher="NIST",
        doctype=doctype,
        number=m["nist_num"],
        version=f"Rev. {m['nist_rev']}" if m["nist_rev"] else None,
        family="nist",
    )


def _build_cn(m: re.Match[str]) -> StandardId:
    publisher = re.sub(r"\s", "", m["cn_pub"])
    year = m["cn_year"]
    if year and len(year) == 2 and not publisher.startswith("T/"):
        # Two-digit years were used until the mid-1990s ("GB 3100-93" is GB 3100-1993); a
        # two-digit year below 50 can only be a sloppy recent one ("-17" for 2017).
        year = ("19" if year >= "50" else "20") + year
    return StandardId(
        publisher=publisher,
        doctype=None,
        number=m["cn_num"],
        part=m["cn_part"],
        year=year,
        family="cn",
    )


def _build_ietf(m: re.Match[str]) -> StandardId:
    return StandardId(
        publisher="IETF", doctype=m["ietf_doctype"], number=m["ietf_num"], family="ietf"
    )


def _build_us(m: re.Match[str]) -> StandardId:
    publisher = re.sub(r"\s*/\s*", "/", m["us_pub"])
    if m["us_part"] and m["us_part"].startswith("/"):  # "SAE J2945/1": the slash is the number's
        return StandardId(
            publisher=publisher,
            doctype=None,
            number=m["us_num"] + m["us_part"],
            year=m["us_year"],
            family="us",
            year_sep=":" if m["us_year"] else None,
        )
    part = m["us_part"][1:] if m["us_part"] else None
    year = m["us_year"]
    if part and not year:
        *rest, last = part.split("-")
        if len(last) == 4 and last[:2] in ("19", "20"):
            part, year = "-".join(rest) or None, last
    return StandardId(
        publisher=publisher,
        doctype=None,
        number=m["us_num"],
        part=part,
        year=year,
        family="us",
        year_sep=":" if m["us_year"] else None,  # "SAE J3016:2021" as written
    )


def _build_onem2m(m: re.Match[str]) -> StandardId:
    return StandardId(
        publisher="oneM2M", doctype=m["m2m_doctype"], number=m["m2m_num"], family="onem2m"
    )


def _build_india(m: re.Match[str]) -> StandardId:
    part = m["is_part"] or (m["is_dpart"][1:] if m["is_dpart"] else None)
    return StandardId(
        publisher=re.sub(r"\s*/\s*", "/", m["is_pub"]),
        doctype=None,
        number=m["is_num"],
        part=part,
        year=m["is_year"],
        family="india",
    )


# Designations only one body publishes, named by the body's full prefix: an "NBR" is ABNT's.
_NATIONAL_PREFIX_OF = {"NBR": "ABNT NBR"}


def _build_national(m: re.Match[str]) -> StandardId:
    number = " ".join(part for part in (m["nat_div"], m["nat_adopt"], m["nat_num"]) if part)
    if m["nat_no"]:  # CSA numbers its electrical code parts: "CSA C22.2 No. 62368-1"
        number += f" No. {m['nat_no']}"
    publisher = re.sub(r"\s+", " ", m["nat_pub"])
    return StandardId(
        publisher=_NATIONAL_PREFIX_OF.get(publisher, publisher),
        doctype=None,
        number=number,
        part=m["nat_part"][1:] if m["nat_part"] else None,
        # Australian style writes the year after a dash: "AS 5488.1-2019" (kept as written)
        year=m["nat_year"] or m["nat_dash_year"],
        year_sep="-" if m["nat_dash_year"] else None,
        supplements=_plus_supplements(m["nat_supps"]),
        family="national",
    )


# Order matters for parse_identifier: the first family whose pattern matches the whole
# reference wins; ETSI before EN (ETSI EN), ISO before IEEE (ISO/IEC/IEEE), EN-ISO adoptions
# are inside the ISO pattern.
_FAMILIES: tuple[tuple[str, str, Callable[[re.Match[str]], StandardId]], ...] = (
    ("iso", _ISO_BODY, _build_iso),
    ("iso-r", _ISO_R_BODY, _build_iso_r),
    ("itu", _ITU_BODY, _build_itu),
    ("etsi", _ETSI_BODY, _build_etsi),
    ("etsi-en", _ETSI_EN_BODY, _build_etsi_en),
    ("en", _EN_BODY, _build_en),
    ("bs", _BS_BODY, _build_bs),
    ("bsi", _BSI_BODY, _build_bsi_pas),
    ("ieee", _IEEE_BODY, _build_ieee),
    ("astm", _ASTM_BODY, _build_astm),
    ("nist", _NIST_BODY, _build_nist),
    ("cn", _CN_BODY, _build_cn),
    ("ietf", _IETF_BODY, _build_ietf),
    ("us", _US_BODY, _build_us),
    ("onem2m", _ONEM2M_BODY, _build_onem2m),
    ("india", _INDIA_BODY, _build_india),
    ("national", _NATIONAL_BODY, _build_national),
)

# Catalogue-only ITU-R rows that name a whole series or a numbered handbook ("ITU-R BT",
# "ITU-R 43"): accepted by parse_identifier (they are real catalogue keys) but never searched
# for in text, where "ITU-R 43" would more likely be a sentence fragment.
_ITU_COLLECTION_BODY = (
    r"(?P<col_pub>ITU-R)\s(?P<col_num>[A-Z]{1,3}\d?|[IVX]{1,4}(?:\.[IVX]{1,4})?|\d{1,3})"
)


def _build_itu_collection(m: re.Match[str]) -> StandardId:
    return StandardId(publisher="ITU-R", doctype=None, number=m["col_num"], family="itu")


_ANCHORED = (
    *((name, _compile(body, anchored=True), build) for name, body, build in _FAMILIES),
    ("itu-collection", _compile(_ITU_COLLECTION_BODY, anchored=True), _build_itu_collection),
)
SEARCH = tuple((name, _compile(body, anchored=False), build) for name, body, build in _FAMILIES)

# find_identifiers does not run every family pattern over the whole text (13 passes of a
# pattern that starts with a look-behind cost ~0.2 s per MB each). It finds word starts that
# can begin an identifier with one cheap pattern (it starts with a character class, which the
# regex engine scans fast) and tries only the families that can start with that character.
START_RE = re.compile(
    r"[A-ZÖČ](?<![A-Za-zÖČ][A-ZÖČ])(?=[A-Z]|\.S\.|\s?/|ec|so)"
    r"|[ip](?<![A-Za-z][ip])(?=so|SO|ec|EC|rEN)"
    r"|I(?<=CSVI|RLVI|SERI|EXVI|CMVI)"
    r"|o(?<![A-Za-z]o)(?=neM2M)"
)
_CN_FIRST_LETTERS = "".join(sorted({code[0] for code in _CN_INDUSTRY.split("|")})) + "GDT"
# the first letters of the national prefixes that come before EN and ISO/IEC adoptions
_NATIONAL_FIRST = "".join(sorted({prefix[0] for prefix in _NATIONAL.split("|")}))
_FIRST_CHARACTERS = {
    "iso": _NATIONAL_FIRST + "CEIip",  # CEN, CISPR, EN, ISO, IEC, IWA, iso, prEN
    "iso-r": "I",
    "itu": "IC",
    "etsi": "E",
    "etsi-en": "ETG",
    "en": _NATIONAL_FIRST + "CEHp",  # CEN, CLC, CWA, EN, ENV, HD, prEN
    "bs": "BD",
    "bsi": "BP",
    "ieee": "AI",
    "astm": "A",
    "nist": "NFS",
    "cn": _CN_FIRST_LETTERS,
    "ietf": "IR",
    "us": "AUNS",
    "onem2m": "o",
    "india": "I",
    "national": "ABCDEFGHIJKLMNOPQRSTUVWXYZÖČ",  # any national prefix before "-EN"
}
DISPATCH: dict[str, tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], StandardId]], ...]]
DISPATCH = {
    char: tuple(
        (pattern, build) for name, pattern, build in SEARCH if char in _FIRST_CHARACTERS[name]
    )
    for char in "".join(_FIRST_CHARACTERS.values())
}
ANCHORED_DISPATCH: dict[
    str, tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], StandardId]], ...]
] = {
    char: tuple(
        (pattern, build)
        for name, pattern, build in _ANCHORED
        if char in _FIRST_CHARACTERS.get(name, "I")  # itu-collection starts with "ITU-R"
    )
    for char in "".join(_FIRST_CHARACTERS.values())
}
DISPATCH["R"] = (
    *DISPATCH.get("R", ()),
    (_compile(_ITU_BARE_BODY, anchored=False), build_itu_bare),
)

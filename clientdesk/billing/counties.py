"""Romania's counties as ISO 3166-2:RO codes, which CIUS-RO requires in every RO address."""

import unicodedata

CODES = {
    "alba": "AB", "arad": "AR", "arges": "AG", "bacau": "BC", "bihor": "BH",
    "bistrita-nasaud": "BN", "botosani": "BT", "braila": "BR", "brasov": "BV",
    "bucuresti": "B", "buzau": "BZ", "calarasi": "CL", "caras-severin": "CS", "cluj": "CJ",
    "constanta": "CT", "covasna": "CV", "dambovita": "DB", "dolj": "DJ", "galati": "GL",
    "giurgiu": "GR", "gorj": "GJ", "harghita": "HR", "hunedoara": "HD", "ialomita": "IL",
    "iasi": "IS", "ilfov": "IF", "maramures": "MM", "mehedinti": "MH", "mures": "MS",
    "neamt": "NT", "olt": "OT", "prahova": "PH", "salaj": "SJ", "satu mare": "SM",
    "sibiu": "SB", "suceava": "SV", "teleorman": "TR", "timis": "TM", "tulcea": "TL",
    "valcea": "VL", "vaslui": "VS", "vrancea": "VN",
}  # fmt: skip


def _plain(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name.lower())
    text = "".join(c for c in decomposed if not unicodedata.combining(c))
    for prefix in ("judetul ", "jud. ", "municipiul "):
        text = text.removeprefix(prefix)
    return text.strip()


def iso_code(county: str) -> str:
    """ "Cluj", "jud. Cluj", "RO-CJ" -> "RO-CJ"; a name not known is returned as it came."""
    if county.upper().startswith("RO-"):
        return county.upper()
    code = CODES.get(_plain(county))
    return f"RO-{code}" if code else county


def bucharest_sector(city: str) -> str:
    """ "Sector 5", "sectorul 5" -> "SECTOR5" (the SECTOR-RO code list of CIUS-RO)."""
    digits = "".join(c for c in city if c.isdigit())
    return f"SECTOR{digits}" if digits else city

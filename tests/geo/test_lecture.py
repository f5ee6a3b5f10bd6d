"""Source files as they come in the wild (geo.lecture and the reading stages of geo.build):
Windows-1252, Latin-1, BOM, CRLF are read correctly, or the build stops naming file,
line and problem; a commune listed twice in the COG always stops it."""
import codecs
import re
from pathlib import Path

import pytest

from geo import build, lecture, sources
from geo.errors import BuildError
from tests.geo.test_build_sources import DATA, SRC, _mirror, needs_sources

MEMBRES = sources.MEMBERSHIP.fichier
LAUREATS = sources.LAUREATS.fichier
COG = sources.COMMUNES_COG.fichier


# --- decoding, on bytes -------------------------------------------------------
@pytest.mark.parametrize("data", [
    "code,nom\r\n1,Montembœuf – Vœuil\r\n".encode(),
    codecs.BOM_UTF8 + "code,nom\n1,Montembœuf – Vœuil\n".encode(),
    "code,nom\r\n1,Montembœuf – Vœuil\r\n".encode("cp1252"),
    "code,nom\r1,Montembœuf – Vœuil\r".encode("cp1252"),  # old Mac line ends
])
def test_encodings_and_line_ends_are_read_correctly(data):
    assert lecture.decoder(data, "f.csv") == "code,nom\n1,Montembœuf – Vœuil\n"


def test_windows_1252_pairs_that_look_like_utf8_lead_bytes_are_not_mixed():
    texte = "décidé’ et l’été – «\xa0CAFÉ\xa0» ; Œuvre à Dœuil\n"
    assert lecture.decoder(texte.encode("cp1252"), "f") == texte


def test_latin1_reads_like_windows_1252():
    assert lecture.decoder("Angoulême,Saint-Cyr-la-Rivière\n".encode("latin-1"), "f") == \
        "Angoulême,Saint-Cyr-la-Rivière\n"


@pytest.mark.parametrize("data, message", [
    ("a\né\n".encode() + "è\n".encode("cp1252"),
     r"f.csv, ligne 3 : encodage mixte : octets UTF-8 \(ligne 2\) et octet 0xE8 invalide en UTF-8"),
    (b"a\nb\n\x81\n", r"f.csv, ligne 3 : octet 0x81 illisible en UTF-8 comme en Windows-1252/Latin-1"),
    ("a,b\n".encode("utf-16"), r"f.csv, ligne 1 : caractère nul : ni du texte UTF-8 ni Windows-1252 \(UTF-16 \?\)"),
])
def test_undecodable_files_stop_with_file_and_line(data, message):
    with pytest.raises(BuildError, match=message):
        lecture.decoder(data, "f.csv")


def test_line_of_each_json_array_element():
    text = '[\n{"a": 1},\n{"b": [1,\n2]}, {"c": 3}\n,\n"x"]'
    assert lecture.lignes_des_elements(text) == [2, 3, 4, 6]
    assert lecture.lignes_des_elements("[]") == []


# --- each source saved differently, read by its build stage ------------------
@pytest.fixture(scope="module")
def reference():
    ref = build.lire_referentiel(SRC)
    app = build.lire_appartenance(SRC, ref)
    return ref, app, build.lire_laureats(SRC, ref, app, log=lambda *_: None)


def _variante(tmp_path, fichier: str, transformer) -> Path:
    mirror = _mirror(tmp_path)
    cible = mirror / fichier
    texte = (SRC / fichier).read_text(encoding="utf-8")
    cible.unlink()
    cible.write_bytes(transformer(texte))
    return mirror


VARIANTES_LUES = {
    "windows-1252": lambda t: t.encode("cp1252"),
    "bom": lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
    "crlf": lambda t: t.replace("\n", "\r\n").encode("utf-8"),
    "windows-1252 crlf": lambda t: t.replace("\n", "\r\n").encode("cp1252"),
    "bom crlf": lambda t: codecs.BOM_UTF8 + t.replace("\n", "\r\n").encode("utf-8"),
}


@needs_sources
@pytest.mark.parametrize("variante", VARIANTES_LUES)
def test_membership_variants_read_like_the_original(tmp_path, reference, variante):
    ref, app, _ = reference
    assert build.lire_appartenance(_variante(tmp_path, MEMBRES, VARIANTES_LUES[variante]), ref) == app


@needs_sources
def test_membership_in_latin1_lost_its_dashes_and_stops(tmp_path, reference):
    # Latin-1 has no "–" nor "’": a spreadsheet saving the list in it writes "?".
    mirror = _variante(tmp_path, MEMBRES, lambda t: t.encode("latin-1", errors="replace"))
    with pytest.raises(BuildError, match=re.escape(f"{MEMBRES}, ligne 2 : nom de territoire « Angoulême ? Cognac » "
                                                   ": lettre perdue (« ? » à sa place)")):
        build.lire_appartenance(mirror, reference[0])


@needs_sources
@pytest.mark.parametrize("variante", [*VARIANTES_LUES, "latin-1"])
def test_laureates_variants_read_like_the_original(tmp_path, reference, variante):
    ref, app, laureats = reference
    transformer = VARIANTES_LUES.get(variante, lambda t: t.encode("latin-1"))
    assert build.lire_laureats(_variante(tmp_path, LAUREATS, transformer), ref, app, log=lambda *_: None) == laureats


@needs_sources
@pytest.mark.parametrize("variante", ["windows-1252", "bom crlf"])
def test_cog_variants_read_like_the_original(tmp_path, reference, variante):
    ref = build.lire_referentiel(_variante(tmp_path, COG, VARIANTES_LUES[variante]))
    assert ref.entries == reference[0].entries and ref.communes == reference[0].communes


def _ligne_de(fichier: str, motif: str) -> int:
    lignes = (SRC / fichier).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lignes, start=1) if motif in line)


@needs_sources
def test_cog_in_latin1_lost_its_oe_and_stops(tmp_path):
    mirror = _variante(tmp_path, COG, lambda t: t.encode("latin-1", errors="replace"))
    premiere = _ligne_de(COG, "œ")  # the first name with "œ" or "Œ" in the file
    premiere = min(premiere, _ligne_de(COG, "Œ"))
    with pytest.raises(BuildError, match=rf"{COG}, ligne {premiere} : nom « .*\?.* » de la commune \d+ : "
                                         r"lettre perdue"):
        build.lire_referentiel(mirror)


@needs_sources
@pytest.mark.parametrize("code, nom", [("47001", "Agen"), ("01001", "L'Abergement-Clémenciat")])
def test_duplicated_commune_always_stops(tmp_path, code, nom):
    """In scope or not: a COG listing a current commune twice cannot be trusted."""
    def doubler(t: str) -> bytes:
        lignes = t.split("\n")
        i = next(i for i, line in enumerate(lignes) if f'"code":"{code}"' in line and "commune-actuelle" in line)
        return "\n".join(lignes[:i + 1] + [lignes[i]] + lignes[i + 1:]).encode("utf-8")
    ligne = _ligne_de(COG, f'"code":"{code}"')
    with pytest.raises(BuildError, match=re.escape(
            f"{COG}, ligne {ligne + 1} : la commune {code} ({nom}) figure deux fois comme commune actuelle "
            f"(déjà ligne {ligne})")):
        build.lire_referentiel(_variante(tmp_path, COG, doubler))


@needs_sources
def test_a_build_from_sources_saved_by_spreadsheets_gives_the_same_data(tmp_path):
    mirror = _variante(tmp_path, MEMBRES, VARIANTES_LUES["windows-1252 crlf"])
    for fichier, transformer in ((LAUREATS, lambda t: t.replace("\n", "\r\n").encode("latin-1")),
                                 (COG, VARIANTES_LUES["bom crlf"])):
        cible = mirror / fichier
        cible.unlink()
        cible.write_bytes(transformer((SRC / fichier).read_text(encoding="utf-8")))
    files = build.build(mirror, log=lambda *_: None)
    for name, text in files.items():
        if name != "manifest.json":  # it records the sources' own checksums, which differ
            assert (DATA / name).read_bytes() == text.encode("utf-8"), name

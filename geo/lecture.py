"""Raw text sources as they come in the wild: UTF-8 with or without BOM, Windows-1252 or
Latin-1 (what a spreadsheet saves), CRLF line ends. Each is read correctly, or the build
stops naming the file, the line and the problem."""
from __future__ import annotations

import codecs
import json
import re
from pathlib import Path

from geo.errors import BuildError

# UTF-8 sequences of the letters and signs of French text (é is C3 A9, ’ is E2 80 99),
# which read as Windows-1252 give "Ã©", "â€™": found in a file that is not valid UTF-8,
# they mean two encodings mixed in one file. Narrow on purpose: "É" then a no-break
# space (C9 A0) is plain Windows-1252, not a UTF-8 sequence.
_UTF8_LETTRE = re.compile(rb"\xc3[\x80-\xbf]|\xc5[\x92\x93\xb8]|\xc2[\xa0-\xbf]|\xe2\x80[\x93-\xa6]|\xe2\x82\xac")


def _ligne(data: bytes | str, pos: int) -> int:
    return data.count(b"\n" if isinstance(data, bytes) else "\n", 0, pos) + 1


def decoder(data: bytes, fichier: str) -> str:
    """Text of a source file, with universal line ends and no BOM."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        # Windows-1252 is Latin-1 plus letters (œ, ’, –, €) in place of control codes:
        # it reads both as a French spreadsheet saves them.
        mixte = _UTF8_LETTRE.search(data)
        if mixte:
            raise BuildError(f"encodage mixte : octets UTF-8 (ligne {_ligne(data, mixte.start())}) et octet "
                             f"0x{data[e.start]:02X} invalide en UTF-8 ; réenregistrer le fichier en UTF-8",
                             fichier, _ligne(data, e.start)) from None
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as e2:
            raise BuildError(f"octet 0x{data[e2.start]:02X} illisible en UTF-8 comme en Windows-1252/Latin-1 ; "
                             "réenregistrer le fichier en UTF-8", fichier, _ligne(data, e2.start)) from None
    nul = text.find("\x00")
    if nul >= 0:  # UTF-16 or a binary file
        raise BuildError("caractère nul : ni du texte UTF-8 ni Windows-1252 (UTF-16 ?) ; réenregistrer le fichier "
                         "en UTF-8", fichier, _ligne(text, nul))
    return text.replace("\r\n", "\n").replace("\r", "\n")


def lire_texte(src_dir: Path, fichier: str) -> str:
    try:
        data = (src_dir / fichier).read_bytes()
    except FileNotFoundError:
        raise BuildError("fichier source absent", str(src_dir / fichier)) from None
    return decoder(data, fichier)


def lire_json(src_dir: Path, fichier: str) -> tuple[object, str]:
    """(parsed document, its text): the text gives line numbers for later errors."""
    text = lire_texte(src_dir, fichier)
    try:
        return json.loads(text), text
    except json.JSONDecodeError as e:
        raise BuildError(f"JSON illisible ({e.msg})", fichier, e.lineno) from None


def lignes_des_elements(text: str) -> list[int]:
    """Line where each element of a top-level JSON array starts (for error messages)."""
    dec = json.JSONDecoder()
    espaces = re.compile(r"[\s,]*")
    pos = espaces.match(text, text.index("[") + 1).end()
    lignes, ligne, vu = [], 1, 0
    while pos < len(text) and text[pos] != "]":
        ligne += text.count("\n", vu, pos)
        vu = pos
        lignes.append(ligne)
        _, pos = dec.raw_decode(text, pos)
        pos = espaces.match(text, pos).end()
    return lignes

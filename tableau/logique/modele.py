"""The data model: typed records built once at load (tableau.logique.donnees), read by
every other module. Fields are those of the committed files (see README « Données »)."""
from __future__ import annotations

from dataclasses import dataclass, field


class DataError(Exception):
    """A data file is missing or damaged; the message is shown to the user as is."""


@dataclass(frozen=True, slots=True)
class Departement:
    code: str
    nom: str
    dans_region: bool
    liaison: int = 0  # COG's type of name: « de la Gironde », « des Landes » (filtre.du_departement)


@dataclass(frozen=True, slots=True)
class Epci:
    """An intercommunality, as far as one territory is concerned."""
    siren: str
    nom: str
    nb_communes: int       # in the territory
    population: int        # in the territory
    nb_communes_epci: int  # in the whole EPCI
    partiel: bool          # part of the EPCI lies outside the territory


@dataclass(frozen=True, slots=True)
class Territoire:
    id: str
    nom: str
    departements: tuple[str, ...]
    epci: tuple[Epci, ...]
    nb_communes: int
    population: int
    superficie_km2: float

    @property
    def densite(self) -> float:
        return self.population / self.superficie_km2


@dataclass(frozen=True, slots=True)
class Commune:
    code: str
    nom: str
    departement: str
    epci_siren: str
    epci_nom: str
    population: int
    territoire: str | None          # None outside the 16 territories
    codes_postaux: tuple[str, ...]  # split at load
    lon: float
    lat: float
    territoire_proche: str | None   # for a commune outside: the nearest territory ...
    distance_km: float | None       # ... and how far its edge is


@dataclass(frozen=True, slots=True)
class Laureat:
    """A laureate of the acceleration fund named in the press (laureats.csv)."""
    entreprise: str
    commune_publiee: str
    departement: str
    code_commune: str
    commune_2026: str
    territoire: str | None
    projet: str
    aide_eur: int | None
    taille: str
    date_annonce: str
    sources: tuple[str, ...]  # article addresses, first one cited
    rapprochement: str


@dataclass(frozen=True, slots=True)
class LigneFinancement:
    """A published figure of the ledger (financements.csv)."""
    id: str
    niveau: str                # national, region or territoire
    territoire: str | None
    dispositif: str
    indicateur: str
    valeur: int | float
    unite: str
    periode: str
    source_titre: str
    source_url: str
    source_date: str
    note: str


@dataclass(frozen=True, slots=True)
class Source:
    """A raw source of the pipeline, as recorded in manifest.json."""
    fichier: str
    producteur: str
    millesime: str
    licence: str
    role: str
    url: str
    citation: str
    # Official origin of a repackaged source: ((title, URL), ...) from the producers.
    origine: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class HorsZone:
    departements: dict[str, str]       # code -> name, all of France
    communes: dict[str, tuple[str, ...]]  # département code -> names of its communes (outside the 13)
    liaisons: dict[str, int] = field(default_factory=dict)  # code -> COG's type of name (« de l'Ain »)


@dataclass(frozen=True)
class Insee:
    """INSEE indicators (insee.json, insee_communes.csv; see tableau.logique.indicateurs).

    ``doc`` keeps insee.json as read (source, variables, indicator formulas, counts of
    the territories, départements and region, rattachement, textes); ``communes`` the
    counts per 2026 commune. Indicator values are computed once at load.
    """
    doc: dict = field(repr=False)
    communes: dict[str, dict[str, float]] = field(repr=False)
    valeurs_territoires: dict[str, dict[str, float | None]] = field(repr=False)  # indicator -> id -> value
    valeurs_communes: dict[str, dict[str, float | None]] = field(repr=False)     # indicator -> code -> value


@dataclass(frozen=True)
class Donnees:
    territoires: dict[str, Territoire]  # id -> territory, in file order
    territoires_geojson: dict           # FeatureCollection as read (map, exports)
    departements: dict[str, Departement]
    region_geojson: dict
    limites_geojson: dict               # border lines drawn on the map (each edge once)
    communes: tuple[Commune, ...] = field(repr=False)
    manifest: dict = field(repr=False)  # the rest of manifest.json (parameters, checks, outputs)
    sources: tuple[Source, ...] = field(repr=False, default=())
    laureats: tuple[Laureat, ...] = field(repr=False, default=())
    services: dict = field(repr=False, default_factory=dict)  # services.json (with its references)
    financements: tuple[LigneFinancement, ...] = field(repr=False, default=())
    # Indexes, built once at load.
    commune: dict[str, Commune] = field(repr=False, default_factory=dict)  # code -> commune
    communes_par_territoire: dict[str, tuple[Commune, ...]] = field(repr=False, default_factory=dict)
    # hors_zone.json: every département's name, names of the communes outside the 13 (« Ma commune »).
    hors_zone: HorsZone = field(repr=False, default_factory=lambda: HorsZone({}, {}))
    # Optional: without them (file missing or damaged) the dashboard works, with ``alerte_insee`` shown.
    insee: Insee | None = field(repr=False, default=None)
    alerte_insee: str | None = None

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(self.territoires)

    def source(self, fichier: str) -> Source | None:
        """The manifest's entry for a raw source file (the one accessor of the sources)."""
        return next((s for s in self.sources if s.fichier == fichier), None)

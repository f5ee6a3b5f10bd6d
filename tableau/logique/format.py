"""French number formatting: thin no-break space between thousands, comma decimals."""
from __future__ import annotations

NBSP = "\u202f"


def entier(n: int) -> str:
    return f"{int(n):,}".replace(",", NBSP)


def decimal(x: float, chiffres: int = 1) -> str:
    return f"{x:,.{chiffres}f}".replace(",", NBSP).replace(".", ",")


def km2(x: float) -> str:
    return f"{decimal(x, 0 if x >= 100 else 1)}{NBSP}km²"



def valeur(v: float, unite: str) -> str:
    """A ledger value with its unit: '88 M€', '1,4 M€', '55 %', '244 projets'."""
    nombre = entier(v) if float(v).is_integer() else decimal(v, 1)
    return f"{nombre}{NBSP}{unite}"


def euros(montant: str | int) -> str:
    return f"{entier(int(montant))}{NBSP}€"

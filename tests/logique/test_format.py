"""tableau.logique.format: French number formatting."""


from tableau.logique import donnees, format as fmt

D = donnees.charger()
DEPS = tuple(D.departements)


def test_format_francais():
    assert fmt.entier(542931) == "542\u202f931"
    assert fmt.decimal(652.54, 1) == "652,5"
    assert fmt.km2(2157.7) == "2\u202f158\u202fkm²"
    assert fmt.km2(65.25) == "65,2\u202fkm²"

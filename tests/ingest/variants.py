"""A corpus of many distinct articles made from the five seeds: other partner countries, officials, years.

Each seed is rewritten once per partner country: the country, its demonym and capital, the
Peruvian officials' surnames and the recent years change, so every variant extracts into its
own engagements, people and locations (the U.S. officials stay, and link many engagements).
"""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds" / "documents"

PERUVIAN_SURNAMES = ("Vizcarra Álvarez", "Vizcarra Alvarez", "Vizcarra", "Astudillo", "Schialer", "Velez", "Bossio", "Bezada")

# country, its name in Spanish, demonym, capital, surnames standing in for the Peruvian officials'
PARTNERS = (
    ("Chile", "Chile", "Chilean", "Santiago", ("Iturriaga Ruiz", "Fernández", "Klaveren", "Ossa", "Lagos", "Matus")),
    ("Colombia", "Colombia", "Colombian", "Bogota", ("Ospina Gutiérrez", "Velásquez", "Murillo", "Giraldo", "Cárdenas", "Zapata")),
    ("Ecuador", "Ecuador", "Ecuadorian", "Quito", ("Luque Salazar", "Loffredo", "Sommerfeld", "Proaño", "Andrade", "Vallejo")),
    ("Brazil", "Brasil", "Brazilian", "Brasilia", ("Paiva Tomás", "Múcio", "Vieira", "Araújo", "Moreira", "Cunha")),
    ("Argentina", "Argentina", "Argentine", "Buenos Aires", ("Presti Ferrer", "Petri", "Werthein", "Isaac", "Bianco", "Sosa")),
    ("Paraguay", "Paraguay", "Paraguayan", "Asuncion", ("Bogado Maciel", "Benítez", "Ramírez", "Ojeda", "Cáceres", "Vera")),
    ("Uruguay", "Uruguay", "Uruguayan", "Montevideo", ("Lasarte Gómez", "Lazo", "Lubetkin", "Ferreira", "Olivera", "Suárez")),
)

_RECENT_YEAR = re.compile(r"\b(20(?:1[5-9]|2[0-9]))\b")


def variant(text: str, index: int) -> str:
    """The seed `text` as if it were about the partner PARTNERS[index], `index + 1` years earlier."""
    country, local, demonym, capital, surnames = PARTNERS[index]
    replacements = {"Peruvian": demonym, "Perú": local, "Peru": country, "Lima": capital}
    # The two-word surname first, so "Vizcarra Álvarez" does not become "<x> Álvarez".
    stand_ins = (surnames[0], surnames[0], *surnames)
    replacements |= dict(zip(PERUVIAN_SURNAMES, stand_ins))
    pattern = re.compile("|".join(re.escape(word) for word in replacements))
    rewritten = pattern.sub(lambda match: replacements[match.group(0)], text)
    return _RECENT_YEAR.sub(lambda match: str(int(match.group(1)) - index - 1), rewritten)


def write_corpus(folder: Path) -> list[Path]:
    """The five seeds and a variant of each per partner: 40 articles, named so the seeds load first."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for seed in sorted(SEEDS.glob("*.txt")):
        text = seed.read_text(encoding="utf-8")
        written.append(folder / seed.name)
        written[-1].write_text(text, encoding="utf-8")
        for index, (country, *_) in enumerate(PARTNERS):
            path = folder / f"{index + 1}{seed.stem[1:]}_{country.lower()}.txt"
            path.write_text(variant(text, index), encoding="utf-8")
            written.append(path)
    return sorted(written)

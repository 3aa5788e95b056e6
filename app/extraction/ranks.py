"""Military ranks and civilian titles that introduce a person's name, with seniority.

Heuristic: a closed lexicon of abbreviated and spelled-out ranks (US, UK/Commonwealth,
NATO-style, hyphenated Canadian/British forms, French "Général de brigade"/"Lieutenant-colonel",
Vietnamese/Chinese "Sr. Lt. Gen."/"Senior Colonel", a few Spanish/Portuguese) and government titles, compiled longest-first so that
"Vice Adm." wins over "Adm." and "Minister of Defense" over "Minister". Seniority is a
coarse 0-12 score used only to pick each side's head of delegation.
Known failure: a rank the lexicon lacks (e.g. a Thai or Korean native rank) leaves the
person unrecognised.
"""

from __future__ import annotations

import re

from app.extraction.prefilter import prefiltered

# (surface forms, seniority)
_RANKS: list[tuple[tuple[str, ...], int]] = [
    (("General of the Army", "Field Marshal", "Marshal"), 11),
    (("Air Chief Marshal", "Admiral of the Fleet", "Fleet Admiral"), 10),
    (("General", "Gen.", "Gen", "GEN", "Admiral", "Adm.", "ADM", "Almirante", "Gral."), 10),
    (("Lieutenant General", "Lt. Gen.", "Lt Gen", "Lt.Gen.", "LTG", "Vice Admiral", "Vice Adm.", "VADM",
      "Air Marshal", "Teniente General", "Tenente-Brigadeiro", "Vicealmirante", "General de División",
      "General de Ejército", "Lieutenant Gen.", "Lieutenant-General", "Lt.-Gen.", "Vice-Admiral", "Vice-Adm.",
      "Senior Lieutenant General", "Sr. Lt. Gen.", "Sr Lt Gen", "Général de corps d'armée", "Général de corps aérien",
      "Vice-amiral d'escadre"), 9),
    (("Major General", "Maj. Gen.", "Maj Gen", "Maj.Gen.", "MG", "Rear Admiral", "Rear Adm.", "RADM",
      "Air Vice Marshal", "Air Vice-Marshal", "Contralmirante", "General de Brigada", "Rear Admiral (upper half)",
      "Major-General", "Maj.-Gen.", "Rear-Admiral", "Rear-Adm.", "Général de division", "Vice-amiral", "Général de division aérienne"), 8),
    (("Brigadier General", "Brig. Gen.", "Brig Gen", "Brig.Gen.", "BG", "Brigadier", "Brig.", "Commodore",
      "Cdre.", "Air Commodore", "First Admiral", "Brig.-Gen.", "Général de brigade", "Général de brigade aérienne",
      "Contre-amiral", "Brigadier-general", "Brigadier-General", "Brigadeiro", "Rear Adm. (lower half)", "Rear Admiral (lower half)"), 7),
    (("Senior Colonel", "Senior Col.", "Sr. Col.", "Sr Col", "Capitaine de vaisseau", "Senior Captain", "Colonel", "Col.", "Col", "COL", "Captain (N)", "Group Captain", "Coronel", "Capitán de Navío",
      "Capitan de Navio", "Navy Capt."), 6),
    (("Lieutenant Colonel", "Lt. Col.", "Lt Col", "Lt.Col.", "LTC", "Commander", "Cmdr.", "Cdr.", "CDR",
      "Wing Commander", "Teniente Coronel", "Lieutenant-Colonel", "Lieutenant-colonel", "Lt.-Col.",
      "Capitaine de frégate"), 5),
    (("Major", "Maj.", "MAJ", "Lieutenant Commander", "Lt. Cmdr.", "Lt. Cdr.", "LCDR", "Squadron Leader",
      "Mayor", "Chef d'escadron", "Chef de bataillon", "Capitaine de corvette"), 4),
    (("Captain", "Capt.", "CPT", "Lieutenant", "Lt.", "1st Lt.", "2nd Lt.", "First Lieutenant",
      "Second Lieutenant", "Flight Lieutenant", "1LT", "2LT", "1st Lt", "2nd Lt", "Ensign", "Lieutenant (j.g.)", "Capitán"), 3),
    (("Sergeant Major of the Army", "Command Sergeant Major", "Command Sgt. Maj.", "CSM", "Sergeant Major",
      "Sgt. Maj.", "SGM", "Chief Master Sergeant", "Chief Master Sgt.", "Master Chief Petty Officer",
      "Fleet Master Chief", "Chief Warrant Officer", "Warrant Officer", "CW5", "CW4", "CW3", "CW2",
      "Master Sergeant", "Master Sgt.", "MSG", "Sergeant First Class", "Sgt. 1st Class", "SFC",
      "Senior Master Sgt.", "Gunnery Sgt.", "Staff Sergeant", "Staff Sgt.", "SSG", "SSgt.", "Tech. Sgt.",
      "Sergeant", "Sgt.", "SGT", "Petty Officer 1st Class", "Petty Officer 2nd Class",
      "Petty Officer 3rd Class", "Chief Petty Officer", "Petty Officer", "Corporal", "Cpl.", "Lance Cpl.",
      "Specialist", "Spc.", "SPC", "Private First Class", "Pfc.", "PFC", "Private", "Pvt.", "PVT", "PV2", "CPL", "1SG", "First Sgt.",
      "First Sergeant",
      "Airman 1st Class", "Senior Airman", "Seaman", "Leading Seaman", "Able Seaman", "Naik", "Havildar", "Lance Naik",
      "Cabo", "Sargento", "Soldado", "Bombardier", "Lance Corporal", "Leading Aircraftman", "Mass Communication Specialist 2nd Class"), 1),
]

_TITLES: list[tuple[tuple[str, ...], int]] = [
    (("President", "Prime Minister", "Premier", "Vice President", "King", "Crown Prince"), 12),
    (("Secretary of Defense", "Secretary of Defence", "Defense Secretary", "Defence Secretary",
      "Minister of National Defense", "Minister of National Defence", "National Defense Minister",
      "National Defence Minister", "Minister of Defense", "Minister of Defence", "Defense Minister",
      "Defence Minister", "Minister for Defence", "Minister for Defense", "Foreign Minister",
      "Minister of Foreign Affairs", "Foreign Secretary", "Secretary of State",
      "Chairman of the Joint Chiefs of Staff", "Chief of Defence Force", "Chief of Defense Force",
      "Chief of Defence Staff", "Chief of Defense Staff", "Chief of Defence", "Chief of Defense",
      "Chief of Defence Forces", "Chief of Defense Forces", "Chief of the Defence Forces", "Chief of the Defense Forces",
      "Chief of the Defence Staff", "Chief of the Defense Staff", "Chief of the General Staff", "Chief of General Staff",
      "Chief of the Army Staff", "Chief of Army Staff", "Chief of the Naval Staff", "Chief of Naval Staff",
      "Chief of the Air Staff", "Chief of Air Staff", "Chief of the Joint Staff", "Commander-in-Chief",
      "Minister"), 11),
    (("Deputy Secretary of Defense", "Deputy Minister of National Defence", "Deputy Minister of National Defense",
      "Vice Minister of National Defense", "Vice Minister of National Defence", "Deputy Minister of Defense", "Deputy Minister of Defence",
      "Deputy Defense Minister", "Deputy Defence Minister", "Vice Minister of Defense",
      "Vice Minister of Defence", "Vice Defense Minister", "Under Secretary of Defense for Policy",
      "Under Secretary of Defense", "Under Secretary", "Undersecretary", "Deputy Minister",
      "Vice Minister", "Secretary of the Army", "Secretary of the Navy", "Secretary of the Air Force",
      "Chief of Naval Operations", "Chief of Staff of the Army", "Chief of Staff of the Air Force",
      "Army Chief of Staff", "Chief of Army", "Chief of Navy", "Chief of Air Force", "Commandant",
      "Ambassador", "Chargé d'Affaires", "Charge d'Affaires"), 9),
    (("Assistant Secretary of Defense", "Deputy Assistant Secretary of Defense", "Assistant Secretary",
      "Secretary", "Chief of Staff", "Senator", "Governor", "Defense Attaché", "Defence Attaché",
      "Defense Attache", "Defence Adviser", "Director", "Commander"), 7),
]

# Titles that name one country's office even without a demonym next to them.
US_ONLY_TITLES = frozenset({
    "Secretary of Defense", "Deputy Secretary of Defense", "Under Secretary of Defense",
    "Under Secretary of Defense for Policy", "Assistant Secretary of Defense", "Secretary of the Army",
    "Secretary of the Navy", "Secretary of the Air Force", "Chief of Naval Operations",
    "Chairman of the Joint Chiefs of Staff", "Secretary of State", "Deputy Assistant Secretary of Defense",
})

SENIORITY: dict[str, int] = {}
for forms, score in _RANKS + _TITLES:
    for form in forms:
        SENIORITY.setdefault(form.lower(), score)

RANK_FORMS: tuple[str, ...] = tuple(sorted({f for forms, _ in _RANKS for f in forms}, key=len, reverse=True))
TITLE_FORMS: tuple[str, ...] = tuple(sorted({f for forms, _ in _TITLES for f in forms}, key=len, reverse=True))


def _alternation(forms: tuple[str, ...]) -> str:
    parts = []
    for form in forms:
        escaped = re.escape(form)
        # an abbreviation ending in "." must not need a word boundary after it
        parts.append(escaped if form.endswith((".", ")")) else escaped + r"\b")
    return "|".join(parts)


RANK_RE = prefiltered(rf"(?<![\w.])(?:{_alternation(RANK_FORMS)})")
# "Minister of Economy and Finance", "Minister for Foreign Affairs": ministers of anything
TITLE_RE = prefiltered(
    # the generic "Minister of X (and Y)" goes first (regex alternation is first-match, not
    # longest-match); multi-word offices it would cut short are left to the lexicon
    rf"(?<![\w.])(?:(?:(?:Deputy|Vice|Assistant) )?(?:Minister|Secretary) (?:of|for) (?:the )?(?:National |Foreign |Home |Interior |Economic )?"
    rf"[A-Z][\w]+(?: and [A-Z][\w]+)?\b(?! (?:Staff|Policy)\b)|{_alternation(TITLE_FORMS)}"
    r"|(?<=\s)(?:ambassador|defen[cs]e attach[eé]|defen[cs]e minister|chargé d'affaires)\b)"
)


def seniority(rank: str | None, title: str | None) -> int:
    best = 0
    for value in (rank, title):
        if value:
            key = value.lower()
            best = max(best, SENIORITY.get(key, 0))
            if key.startswith(("minister of", "minister for")):
                best = max(best, 10)
    return best

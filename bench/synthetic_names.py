"""Vocabulary for bench/synthetic.py: countries, names by nationality, ranks, titles, topics, places.

Small hand-made lists, enough that a generated database looks like the real one: names with
accents and several scripts' transliterations, the ranks and titles articles print, the
topics staff talks agree on.
"""

# Each country: (alpha-2, adjective as articles print it, name group, capital).
COUNTRIES = [
    ("US", "U.S.", "english", "Washington"), ("PE", "Peruvian", "spanish", "Lima"),
    ("CO", "Colombian", "spanish", "Bogota"), ("CL", "Chilean", "spanish", "Santiago"),
    ("BR", "Brazilian", "portuguese", "Brasilia"), ("MX", "Mexican", "spanish", "Mexico City"),
    ("AR", "Argentine", "spanish", "Buenos Aires"), ("GB", "British", "english", "London"),
    ("FR", "French", "french", "Paris"), ("DE", "German", "german", "Berlin"),
    ("PL", "Polish", "polish", "Warsaw"), ("UA", "Ukrainian", "ukrainian", "Kyiv"),
    ("JP", "Japanese", "japanese", "Tokyo"), ("KR", "South Korean", "korean", "Seoul"),
    ("PH", "Philippine", "filipino", "Manila"), ("ID", "Indonesian", "indonesian", "Jakarta"),
    ("VN", "Vietnamese", "vietnamese", "Hanoi"), ("IN", "Indian", "indian", "New Delhi"),
    ("AU", "Australian", "english", "Canberra"), ("KE", "Kenyan", "swahili", "Nairobi"),
    ("NG", "Nigerian", "nigerian", "Abuja"), ("JO", "Jordanian", "arabic", "Amman"),
    ("AE", "Emirati", "arabic", "Abu Dhabi"), ("IT", "Italian", "italian", "Rome"),
    ("ES", "Spanish", "spanish", "Madrid"), ("TH", "Thai", "thai", "Bangkok"),
]

FIRST_NAMES = {
    "english": ["James", "John", "Robert", "Michael", "William", "David", "Richard", "Joseph", "Thomas", "Daniel",
                "Mary", "Patricia", "Jennifer", "Linda", "Elizabeth", "Susan", "Karen", "Laura", "Phil", "Pete",
                "Christopher", "Matthew", "Andrew", "Mark", "Steven", "Kevin", "Brian", "Sarah", "Emily", "Rebecca"],
    "spanish": ["José", "Juan", "Luis", "Carlos", "Jorge", "Víctor", "Walter", "Elmer", "Andrés", "Guillermo",
                "María", "Ana", "Lucía", "Sofía", "Rocío", "Fernando", "Ricardo", "Raúl", "Óscar", "Sergio",
                "Javier", "Miguel", "Pedro", "Alejandro", "Diego", "Martín", "Tomás", "Pilar", "Inés", "Ramón"],
    "portuguese": ["João", "José", "Antônio", "Francisco", "Paulo", "Pedro", "Lucas", "Luís", "Marcos", "Gabriel",
                   "Maria", "Ana", "Francisca", "Antônia", "Adriana", "Juliana", "Márcia", "Fernanda", "Sebastião", "Rafael"],
    "french": ["Jean", "Pierre", "Michel", "André", "Philippe", "René", "Louis", "Alain", "Jacques", "Bernard",
               "Marie", "Nathalie", "Isabelle", "Sylvie", "Catherine", "Françoise", "Hélène", "Thierry", "Benoît", "Élodie"],
    "german": ["Peter", "Wolfgang", "Michael", "Klaus", "Jürgen", "Thomas", "Andreas", "Stefan", "Uwe", "Jörg",
               "Ursula", "Monika", "Sabine", "Petra", "Claudia", "Günter", "Matthias", "Björn", "Katrin", "Jörn"],
    "polish": ["Piotr", "Krzysztof", "Andrzej", "Tomasz", "Paweł", "Jan", "Michał", "Marcin", "Łukasz", "Grzegorz",
               "Anna", "Katarzyna", "Małgorzata", "Agnieszka", "Barbara", "Ewa", "Wojciech", "Zbigniew", "Jarosław", "Mariusz"],
    "ukrainian": ["Oleksandr", "Serhiy", "Volodymyr", "Andriy", "Oleksiy", "Mykola", "Vasyl", "Yuriy", "Dmytro", "Valeriy",
                  "Olena", "Tetiana", "Iryna", "Nataliya", "Oksana", "Kyrylo", "Rustem", "Ihor", "Bohdan", "Taras"],
    "japanese": ["Hiroshi", "Takashi", "Kenji", "Yoshihide", "Koji", "Satoshi", "Makoto", "Tetsuya", "Shinji", "Kazuo",
                 "Yuko", "Keiko", "Akiko", "Naoko", "Tomoko", "Ryota", "Daisuke", "Yasukazu", "Minoru", "Gen"],
    "korean": ["Min-jun", "Seo-jun", "Ji-hoon", "Hyun-woo", "Sung-min", "Jae-hyun", "Dong-hyun", "Young-ho", "Kyung-soo", "Sang-woo",
               "Ji-yeon", "Soo-jin", "Eun-ji", "Hye-jin", "Min-ji", "Jong-sup", "Won-sik", "Suk-joon", "In-bum", "Yong-hyun"],
    "filipino": ["Jose", "Romeo", "Eduardo", "Gilberto", "Delfin", "Rodrigo", "Cirilito", "Andres", "Bienvenido", "Emmanuel",
                 "Maria", "Corazon", "Luzviminda", "Rosario", "Imelda", "Ferdinand", "Carlito", "Noel", "Arsenio", "Teodoro"],
    "indonesian": ["Budi", "Agus", "Bambang", "Joko", "Hadi", "Dwi", "Sri", "Eko", "Prabowo", "Andika",
                   "Siti", "Dewi", "Ratna", "Putri", "Wahyu", "Yudo", "Gatot", "Moeldoko", "Hadi", "Fadjar"],
    "vietnamese": ["Nguyễn Văn", "Trần Quốc", "Lê Minh", "Phạm Hồng", "Hoàng Xuân", "Phan Văn", "Vũ Hải", "Đỗ Bá", "Bùi Thanh", "Đặng Quang",
                   "Ngô Xuân", "Lương Tam", "Phùng Quang", "Trịnh Văn", "Võ Văn", "Lê Huy", "Hoàng Trung", "Nguyễn Tân", "Trần Đơn", "Phan Văn"],
    "indian": ["Rajesh", "Suresh", "Ramesh", "Anil", "Sunil", "Vijay", "Manoj", "Bipin", "Manoj", "Anand",
               "Priya", "Sunita", "Anjali", "Kavita", "Deepa", "Upendra", "Naravane", "Rajnath", "Ajit", "Vivek"],
    "swahili": ["John", "Peter", "Joseph", "Francis", "Robert", "Samson", "Julius", "Wilson", "Kennedy", "Moses",
                "Grace", "Mary", "Faith", "Esther", "Mercy", "Njeri", "Wanjiru", "Otieno", "Kiprono", "Barasa"],
    "nigerian": ["Chukwuemeka", "Oluwaseun", "Abubakar", "Ibrahim", "Tukur", "Lucky", "Faruk", "Taoreed", "Christopher", "Emeka",
                 "Ngozi", "Aisha", "Funmilayo", "Chiamaka", "Bolanle", "Bashir", "Musa", "Olufemi", "Adebayo", "Yusuf"],
    "arabic": ["Mohammed", "Ahmed", "Abdullah", "Omar", "Khalid", "Yousef", "Hussein", "Faisal", "Saeed", "Ali",
               "Fatima", "Aisha", "Maryam", "Noor", "Layla", "Hamad", "Rashid", "Sultan", "Tariq", "Zayed"],
    "italian": ["Giuseppe", "Giovanni", "Antonio", "Mario", "Luigi", "Francesco", "Angelo", "Vincenzo", "Pietro", "Salvatore",
                "Maria", "Anna", "Giuseppina", "Rosa", "Angela", "Niccolò", "Nicolò", "Guido", "Luciano", "Claudio"],
    "thai": ["Somchai", "Somsak", "Prayut", "Apirat", "Chalermchai", "Narongpan", "Prawit", "Anupong", "Songwit", "Chaiyapruk",
             "Siriporn", "Malee", "Ratana", "Sunisa", "Kanya", "Thirachai", "Kittipong", "Nattapong", "Worapong", "Pornchai"],
}

LAST_NAMES = {
    "english": ["Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Walrath", "Ryan", "Hegseth",
                "Anderson", "Taylor", "Thomas", "Moore", "Jackson", "Martin", "Thompson", "White", "Harris", "Clark",
                "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Green", "Baker", "O'Neill", "McAllister"],
    "spanish": ["García", "Rodríguez", "Martínez", "López", "González", "Pérez", "Sánchez", "Ramírez", "Torres", "Flores",
                "Vizcarra Álvarez", "Astudillo", "Schialer", "Bossio", "Bezada", "Vélez", "Núñez", "Peña", "Ibáñez", "Muñoz",
                "Castillo", "Gutiérrez", "Díaz", "Hernández", "Ruiz", "Chávez", "Ortiz", "Ríos", "Mendoza", "Quispe"],
    "portuguese": ["Silva", "Santos", "Oliveira", "Souza", "Rodrigues", "Ferreira", "Alves", "Pereira", "Lima", "Gomes",
                   "Ribeiro", "Carvalho", "Araújo", "Conceição", "Gonçalves", "Magalhães", "Simões", "Brandão", "Falcão", "Assunção"],
    "french": ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
               "Lefèvre", "Girard", "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau", "Vincent", "Chénier", "Géraud"],
    "german": ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann",
               "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Zorn", "Breuer"],
    "polish": ["Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski", "Zieliński", "Szymański", "Woźniak",
               "Dąbrowski", "Kozłowski", "Jankowski", "Mazur", "Kwiatkowski", "Krawczyk", "Piotrowski", "Grabowski", "Błaszczak", "Kukuła"],
    "ukrainian": ["Shevchenko", "Kovalenko", "Bondarenko", "Tkachenko", "Kravchenko", "Oliynyk", "Shevchuk", "Polishchuk", "Lysenko", "Marchenko",
                  "Zaluzhnyi", "Syrskyi", "Reznikov", "Umerov", "Budanov", "Moskalenko", "Savchenko", "Rudenko", "Melnyk", "Hnatov"],
    "japanese": ["Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Nakamura", "Kobayashi", "Kato",
                 "Yoshida", "Yamada", "Sasaki", "Yamaguchi", "Matsumoto", "Inoue", "Kimura", "Hayashi", "Shimizu", "Yoshida"],
    "korean": ["Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim",
               "Han", "Oh", "Seo", "Shin", "Kwon", "Hwang", "Ahn", "Song", "Jeon", "Hong"],
    "filipino": ["Santos", "Reyes", "Cruz", "Bautista", "Ocampo", "Garcia", "Mendoza", "Torres", "Tomas", "Andrada",
                 "Castillo", "Flores", "Villanueva", "Ramos", "Castro", "Lorenzana", "Brawner", "Teodoro", "Año", "Galvez"],
    "indonesian": ["Santoso", "Wijaya", "Saputra", "Hidayat", "Kusuma", "Pratama", "Nugroho", "Setiawan", "Gunawan", "Susanto",
                   "Subianto", "Perkasa", "Tjahjanto", "Margono", "Agus", "Suharto", "Sjafrie", "Widodo", "Siregar", "Simanjuntak"],
    "vietnamese": ["Giang", "Lịch", "Cương", "Hùng", "Thắng", "Dũng", "Tuấn", "Bình", "Phúc", "Sơn",
                   "Quân", "Nam", "Hải", "Khánh", "Thành", "Long", "Minh", "Trung", "Lâm", "Vĩnh"],
    "indian": ["Sharma", "Verma", "Gupta", "Singh", "Kumar", "Patel", "Reddy", "Nair", "Iyer", "Rawat",
               "Dwivedi", "Pande", "Chaudhari", "Tripathi", "Menon", "Pillai", "Bhatia", "Chauhan", "Joshi", "Mehta"],
    "swahili": ["Kamau", "Mwangi", "Otieno", "Ochieng", "Kiprotich", "Wanjiku", "Njoroge", "Mutua", "Kariuki", "Omondi",
                "Ogolla", "Kibochi", "Tuya", "Kahariri", "Duale", "Chelimo", "Wafula", "Barasa", "Kipchumba", "Muriuki"],
    "nigerian": ["Okafor", "Adeyemi", "Bello", "Abubakar", "Okonkwo", "Eze", "Olawale", "Ibrahim", "Yahaya", "Irabor",
                 "Buratai", "Musa", "Oladipo", "Nwachukwu", "Adebayo", "Lagbaja", "Olonisakin", "Amao", "Gambo", "Ogunbanjo"],
    "arabic": ["Al-Hashimi", "Al-Mansouri", "Al-Nuaimi", "Al-Zaabi", "Al-Rumaithi", "Al-Khalifa", "Al-Otaibi", "Al-Qahtani", "Al-Harbi", "Al-Shehhi",
               "Huneiti", "Al-Bowardi", "Al-Masri", "Haddad", "Khoury", "Nasser", "Saleh", "Abbas", "Darwish", "Al-Kaabi"],
    "italian": ["Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco",
                "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa", "Giordano", "Crosetto", "Portolano", "Cavo Dragone"],
    "thai": ["Chan-o-cha", "Kongsompong", "Wongsuwan", "Boonyaratglin", "Sirisawat", "Chaiyasit", "Phromphan", "Suksawat", "Rattanapong", "Thongchai",
             "Saengthong", "Kaewkham", "Srisuk", "Jaidee", "Thanawat", "Charoenwong", "Phanpakdee", "Sukprasert", "Nakprasit", "Wattanakul"],
}

RANKS = [
    ("Gen.", 4), ("Lt. Gen.", 8), ("Maj. Gen.", 14), ("Brig. Gen.", 16), ("Col.", 20), ("Lt. Col.", 12), ("Maj.", 8),
    ("Capt.", 3), ("Adm.", 2), ("Vice Adm.", 3), ("Rear Adm.", 4), ("Sgt. Maj.", 3), ("Command Sgt. Maj.", 3),
]
CIVILIAN_TITLES = [
    "Minister of Defense", "Secretary of Defense", "Deputy Minister of Defense", "Vice Minister of Defense",
    "Foreign Minister", "Ambassador", "Deputy Assistant Secretary of Defense", "Defense Attaché",
    "Director General for Defense Policy", "Under Secretary of Defense for Policy",
]
MILITARY_TITLES = [
    "commanding general", "chief of staff", "deputy commander", "director of international relations",
    "director of planning", "desk officer", "chief of operations", "commander", "chief of the general staff",
    "director of intelligence", "director of logistics", "deputy chief of staff for operations", "chief of engineers",
    "commandant", "senior enlisted advisor", "director of training and doctrine",
]
SERVICES = ["Army", "Navy", "Air Force", "Marine Corps", "Joint Staff"]
ORGANIZATION_KINDS = [
    ("Army", None), ("Navy", None), ("Air Force", None), ("Marine Corps", None), ("Joint Staff", None),
    ("Ministry of Defense", "MOD"), ("Special Operations Command", "SOCOM"), ("National Defense University", "NDU"),
    ("Military Intelligence Directorate", None), ("Cyber Command", None), ("Coast Guard", None),
]
UNITS = [
    "1st Infantry Division", "2nd Infantry Division", "3rd Armored Brigade", "4th Engineer Battalion", "5th Signal Command",
    "Special Forces Group", "Aviation Brigade", "Military Police Brigade", "Medical Command", "Training and Doctrine Command",
    "Logistics Command", "Airborne Brigade", "Mountain Brigade", "Jungle Warfare School", "Army War College",
]

TOPICS = [
    "interoperability", "cyber defense", "humanitarian assistance", "disaster relief", "counterterrorism",
    "counternarcotics", "maritime security", "border security", "peacekeeping operations", "military education",
    "leadership development", "logistics", "medical readiness", "engineering", "intelligence sharing",
    "special operations", "aviation safety", "search and rescue", "noncommissioned officer development",
    "doctrine", "modernization", "force readiness", "women, peace and security", "human rights training",
    "space cooperation", "air defense", "mine clearance", "chemical and biological defense", "military justice",
    "professional military education", "joint exercises", "information sharing", "defense acquisition",
    "climate security", "civil-military relations", "transformation", "jungle operations", "cold weather operations",
    "explosive ordnance disposal", "unmanned aircraft systems", "electronic warfare", "strategic communications",
]
ACTION_VERBS = [
    "exchange instructors on", "hold a subject matter expert exchange on", "conduct a combined seminar on",
    "share lessons learned on", "develop a roadmap for", "establish a working group on", "plan a tabletop exercise on",
    "send officers to a course on", "review the doctrine on", "draft a memorandum of understanding on",
]
HORIZONS = ["FY2025", "next year", "within six months", "before the next staff talks", "2026", "Q3", None]

EXERCISE_ADJECTIVES = [
    "Resolute", "Southern", "Northern", "Pacific", "Atlantic", "Steadfast", "Cobra", "Golden", "Silver", "Iron",
    "Vigilant", "Swift", "Noble", "Keen", "Valiant", "Balikatan", "Cutlass", "Tradewinds", "Fuerzas", "Panamax",
    "Ulchi", "Garuda", "Talisman", "Cope", "Red", "Blue", "Desert", "Jungle", "Arctic", "Eagle",
]
EXERCISE_NOUNS = [
    "Sentinel", "Shield", "Strike", "Dragon", "Thunder", "Lightning", "Guardian", "Response", "Horizon", "Spear",
    "Anchor", "Falcon", "Storm", "Saber", "Partner", "Resolve", "Express", "Gold", "Flag", "Shield",
    "Commando", "Lion", "Tiger", "Wolf", "Trident", "Arrow", "Harbor", "Ridge", "Bridge", "Dawn",
]
PUBLISHERS = [
    ("U.S. Army South Public Affairs", "army.mil"), ("DoD News", "defense.gov"), ("U.S. Southern Command", "southcom.mil"),
    ("Diálogo", "dialogo-americas.com"), ("Ministry of Defense press office", "mod.example"), ("Defense News", "defensenews.com"),
    ("Stars and Stripes", "stripes.com"), ("U.S. Indo-Pacific Command", "pacom.mil"), ("Andina", "andina.pe"),
    ("Philippine News Agency", "pna.gov.ph"), ("Yonhap", "yna.co.kr"), ("Kyodo", "kyodonews.net"),
]
INSTALLATION_NAMES = ["Fort", "Camp", "Base", "Naval Station", "Air Base"]
INSTALLATION_HONOREES = [
    "Sam Houston", "Bragg", "Liberty", "Cavazos", "Buckner", "Humphreys", "Lemonnier", "Aguinaldo", "Bolívar",
    "San Martín", "Sucre", "Pulaski", "Kościuszko", "Mayport", "Rota", "Sigonella", "Ramstein", "Yokota", "Clark",
]
BUILDINGS = ["Ministry of Defense", "the Pentagon", "Joint Staff Headquarters", "Army Headquarters", "Navy Headquarters",
             "National Defense College", "Military Academy", "Officers' Club"]

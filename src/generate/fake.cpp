// Fake-data provider of our own: the word lists below were written for this
// project (no third-party lists). Every list is a constexpr array of
// string_views: no heap, no files at run time. Each function draws from the
// Rng it is given and from nothing else.
#include "seed/generate/fake.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>

namespace seed::fake {

namespace {

// --- Vocabulary ---

// Plain English nature/science words mixed with a little Latin.
constexpr std::string_view kWords[] = {
    "alpha",   "amber",   "anchor",  "angle",   "arbor",    "arcus",   "atlas",    "aurora",
    "axis",    "basin",   "beacon",  "birch",   "bloom",    "bolt",    "border",   "branch",
    "breeze",  "bridge",  "brook",   "cadence", "canopy",   "canyon",  "carbon",   "cedar",
    "cellar",  "chalk",   "channel", "cipher",  "circuit",  "citrus",  "clarity",  "cliff",
    "cloud",   "cobalt",  "comet",   "compass", "coral",    "cortex",  "crane",    "crest",
    "crystal", "current", "dawn",    "delta",   "dune",     "dusk",    "echo",     "ember",
    "engine",  "epoch",   "equinox", "falcon",  "fern",     "field",   "flint",    "flora",
    "forge",   "fossil",  "frost",   "galaxy",  "garnet",   "glacier", "glade",    "granite",
    "gravity", "grove",   "harbor",  "harvest", "haven",    "hazel",   "horizon",  "humus",
    "index",   "indigo",  "island",  "ivory",   "jasper",   "juniper", "kernel",   "lagoon",
    "lantern", "larch",   "lattice", "ledger",  "lichen",   "linden",  "lumen",    "lunar",
    "magnet",  "maple",   "marble",  "meadow",  "meridian", "mesa",    "meteor",   "mineral",
    "mirror",  "moss",    "nebula",  "needle",  "nimbus",   "north",   "oasis",    "ocean",
    "onyx",    "orbit",   "orchard", "origin",  "oxide",    "pebble",  "pilot",    "pine",
    "pixel",   "plateau", "polar",   "prairie", "prism",    "pulse",   "quartz",   "quill",
    "radius",  "rapid",   "raven",   "reef",    "ridge",    "river",   "saffron",  "sage",
    "sector",  "signal",  "silica",  "slate",   "solar",    "spark",   "spectrum", "spruce",
    "stone",   "summit",  "tangent", "terra",   "thistle",  "thunder", "tide",     "timber",
    "topaz",   "torrent", "tundra",  "umber",   "valley",   "vapor",   "vector",   "velvet",
    "vertex",  "willow",  "zenith",  "zephyr",  "lorem",    "ipsum",   "dolor",    "amet",
    "magna",   "vita",    "nova",    "aqua",    "lux",      "via",     "opus",     "ratio",
    "forma",   "silva",   "ventus",  "ignis",   "fons",     "mons",    "campus",   "portus",
    "sol",     "stella",  "umbra",   "vox",     "natura",   "tempus",  "mundus",   "caelum",
    "fluvius", "and",     "the",     "of",      "with",     "under",   "over",     "between",
    "through", "quiet",   "bright",  "early",   "gentle",   "hidden",  "silent",   "steady",
    "swift",   "warm",    "wild",
};

// International mix for a Swiss university, ASCII transliterations.
constexpr std::string_view kFirstNames[] = {
    // French / Romand
    "Jean",
    "Marie",
    "Pierre",
    "Camille",
    "Louis",
    "Chloe",
    "Antoine",
    "Elodie",
    "Mathieu",
    "Sophie",
    "Julien",
    "Claire",
    "Nicolas",
    "Amelie",
    "Baptiste",
    "Manon",
    "Lucie",
    "Thibault",
    "Jean-Luc",
    "Marie-Claire",
    "Anne-Sophie",
    "Gaelle",
    // German / Swiss German
    "Lukas",
    "Anna",
    "Jonas",
    "Lea",
    "Felix",
    "Hannah",
    "Matthias",
    "Katharina",
    "Stefan",
    "Sabine",
    "Tobias",
    "Ursula",
    "Reto",
    "Beat",
    "Urs",
    "Corinne",
    "Hans-Peter",
    "Simone",
    // Italian
    "Marco",
    "Giulia",
    "Luca",
    "Francesca",
    "Matteo",
    "Chiara",
    "Alessandro",
    "Elena",
    "Giovanni",
    "Federica",
    "Paolo",
    "Sara",
    // English
    "James",
    "Emily",
    "Oliver",
    "Charlotte",
    "William",
    "Grace",
    "Thomas",
    "Olivia",
    "Henry",
    "Lucy",
    "Daniel",
    "Siobhan",
    "Sean",
    "Aoife",
    // Spanish / Portuguese
    "Carlos",
    "Lucia",
    "Javier",
    "Carmen",
    "Diego",
    "Sofia",
    "Pablo",
    "Isabel",
    "Alejandro",
    "Joao",
    "Ana",
    "Tiago",
    "Beatriz",
    "Rafael",
    "Ines",
    "Gabriel",
    // Chinese, Japanese, Korean
    "Wei",
    "Xiaoming",
    "Mei",
    "Jing",
    "Hao",
    "Yan",
    "Jun",
    "Xin",
    "Zhen",
    "Yuki",
    "Hiroshi",
    "Haruka",
    "Min-jun",
    "Seo-yeon",
    "Ji-woo",
    // Indian
    "Arjun",
    "Priya",
    "Rahul",
    "Ananya",
    "Vikram",
    "Deepa",
    "Rohan",
    "Kavya",
    "Sanjay",
    "Meera",
    // Elsewhere
    "Ahmed",
    "Fatima",
    "Omar",
    "Leila",
    "Kwame",
    "Amara",
    "Olga",
    "Dmitri",
    "Katarzyna",
    "Piotr",
    "Eszter",
    "Nikos",
    "Eleni",
    "Mehmet",
    "Elif",
    "Lars",
    "Ingrid",
    "Sven",
    "Astrid",
    "Chidi",
};

constexpr std::string_view kLastNames[] = {
    // Swiss German / German
    "Mueller",
    "Meier",
    "Schmid",
    "Keller",
    "Weber",
    "Huber",
    "Schneider",
    "Meyer",
    "Steiner",
    "Fischer",
    "Gerber",
    "Brunner",
    "Baumann",
    "Frei",
    "Zimmermann",
    "Moser",
    "Widmer",
    "Wyss",
    "Graf",
    "Roth",
    "Suter",
    "Baumgartner",
    "Bachmann",
    "Kunz",
    "Lehmann",
    "Hofmann",
    "Schuler",
    "Wenger",
    "Zaugg",
    "Aebi",
    "Hess",
    "Luethi",
    "Buehler",
    "Koch",
    "Vogel",
    "Wagner",
    "Becker",
    "Schulz",
    "Richter",
    "Wolf",
    "Neumann",
    "Schwarz",
    "Krause",
    // French / Romand
    "Favre",
    "Rochat",
    "Bonvin",
    "Perret",
    "Dubois",
    "Martin",
    "Bernard",
    "Girard",
    "Blanc",
    "Mercier",
    "Fontaine",
    "Chevalier",
    "Lambert",
    "Morel",
    "Rey",
    "Pittet",
    "Jaccard",
    "Cuendet",
    "Monnier",
    "Berset",
    "Gillieron",
    "Dupont",
    "Leroy",
    "Rousseau",
    "Garnier",
    "Vuilleumier",
    "Clement",
    "D'Amico",
    // Italian / Ticinese
    "Rossi",
    "Bianchi",
    "Ferrari",
    "Romano",
    "Colombo",
    "Ricci",
    "Marino",
    "Greco",
    "Bruno",
    "Gallo",
    "Conti",
    "Costa",
    "Giordano",
    "Mancini",
    "Lombardi",
    "Moretti",
    "Fontana",
    "Bernasconi",
    "Pedrazzini",
    "Galli",
    "Cattaneo",
    // English / Irish
    "Smith",
    "Johnson",
    "Brown",
    "Taylor",
    "Wilson",
    "Davies",
    "Evans",
    "Walker",
    "Wright",
    "Robinson",
    "Thompson",
    "Hughes",
    "Clarke",
    "O'Brien",
    "O'Connor",
    "Murphy",
    "Kelly",
    "Campbell",
    "Stewart",
    // Spanish
    "Garcia",
    "Fernandez",
    "Lopez",
    "Martinez",
    "Sanchez",
    "Perez",
    "Gomez",
    "Diaz",
    "Ruiz",
    "Hernandez",
    "Moreno",
    "Alvarez",
    "Romero",
    "Navarro",
    "Torres",
    // Portuguese
    "Silva",
    "Santos",
    "Ferreira",
    "Pereira",
    "Oliveira",
    "Rodrigues",
    "Almeida",
    "Carvalho",
    "Sousa",
    "Ribeiro",
    // Chinese
    "Wang",
    "Li",
    "Zhang",
    "Liu",
    "Chen",
    "Yang",
    "Huang",
    "Zhao",
    "Wu",
    "Zhou",
    "Xu",
    "Sun",
    "Zhu",
    "Lin",
    "Guo",
    // Indian
    "Sharma",
    "Patel",
    "Singh",
    "Kumar",
    "Gupta",
    "Iyer",
    "Reddy",
    "Nair",
    "Mehta",
    "Joshi",
    "Rao",
    "Chatterjee",
    "Banerjee",
    "Desai",
    // Japanese / Korean / Vietnamese
    "Tanaka",
    "Suzuki",
    "Sato",
    "Watanabe",
    "Nakamura",
    "Kim",
    "Park",
    "Choi",
    "Nguyen",
    "Tran",
    // Elsewhere, and a few double names
    "Kowalski",
    "Nowak",
    "Novak",
    "Horvat",
    "Papadopoulos",
    "Yilmaz",
    "Demir",
    "Haddad",
    "Mansour",
    "Okafor",
    "Mensah",
    "Ivanov",
    "Petrov",
    "Andersson",
    "Johansson",
    "Nielsen",
    "Jensen",
    "Virtanen",
    "Janssens",
    "Meier-Favre",
    "Dubois-Keller",
    "Rossi-Bernasconi",
};

constexpr std::string_view kPrefixes[] = {"Dr.", "Prof."};
constexpr std::string_view kSuffixes[] = {"Jr.", "PhD"};

constexpr std::string_view kAdjectives[] = {
    "Alpine",   "Applied",  "Advanced",   "Blue",     "Bright",   "Central",
    "Circular", "Clean",    "Coastal",    "Digital",  "Dynamic",  "Global",
    "Green",    "Helvetic", "Integrated", "Lakeside", "Lunar",    "Modern",
    "Mountain", "Nordic",   "Northern",   "Open",     "Polar",    "Precision",
    "Quantum",  "Rapid",    "Renewable",  "Smart",    "Solar",    "Sustainable",
    "Swiss",    "Unified",  "United",     "Urban",    "Vertical", "Western",
};

constexpr std::string_view kNouns[] = {
    "Analytics",   "Biotech",   "Ceramics",     "Chemicals",    "Composites",   "Consulting",
    "Diagnostics", "Dynamics",  "Electronics",  "Energy",       "Engineering",  "Fluidics",
    "Genomics",    "Imaging",   "Instruments",  "Labs",         "Logistics",    "Materials",
    "Mechanics",   "Medical",   "Metrology",    "Microsystems", "Mobility",     "Optics",
    "Pharma",      "Photonics", "Polymers",     "Power",        "Robotics",     "Sensors",
    "Software",    "Systems",   "Technologies", "Textiles",     "Therapeutics", "Water",
};

constexpr std::string_view kCompanySuffixes[] = {"SA",   "AG",  "GmbH",   "Ltd",
                                                 "Inc.", "LLC", "S.p.A.", "B.V."};

constexpr std::string_view kCities[] = {
    // Switzerland
    "Zurich",
    "Geneva",
    "Basel",
    "Lausanne",
    "Bern",
    "Winterthur",
    "Lucerne",
    "St. Gallen",
    "Lugano",
    "Biel",
    "Thun",
    "Fribourg",
    "Neuchatel",
    "Sion",
    "Chur",
    // Rest of Europe
    "Paris",
    "Lyon",
    "Marseille",
    "Grenoble",
    "Strasbourg",
    "Toulouse",
    "Berlin",
    "Munich",
    "Hamburg",
    "Frankfurt",
    "Stuttgart",
    "Cologne",
    "Vienna",
    "Graz",
    "Milan",
    "Rome",
    "Turin",
    "Florence",
    "Bologna",
    "Naples",
    "Madrid",
    "Barcelona",
    "Valencia",
    "Lisbon",
    "Porto",
    "London",
    "Manchester",
    "Edinburgh",
    "Dublin",
    "Amsterdam",
    "Rotterdam",
    "Brussels",
    "Antwerp",
    "Luxembourg",
    "Copenhagen",
    "Stockholm",
    "Oslo",
    "Helsinki",
    "Warsaw",
    "Krakow",
    "Prague",
    "Budapest",
    "Athens",
    "Istanbul",
    // Worldwide
    "New York",
    "Boston",
    "San Francisco",
    "Montreal",
    "Toronto",
    "Vancouver",
    "Mexico City",
    "Sao Paulo",
    "Buenos Aires",
    "Santiago",
    "Tokyo",
    "Kyoto",
    "Seoul",
    "Beijing",
    "Shanghai",
    "Singapore",
    "Hong Kong",
    "Bangalore",
    "Mumbai",
    "Delhi",
    "Dubai",
    "Tel Aviv",
    "Cairo",
    "Nairobi",
    "Cape Town",
    "Johannesburg",
    "Sydney",
    "Melbourne",
    "Auckland",
};

constexpr std::string_view kJobs[] = {
    "Laboratory technician",
    "Postdoctoral researcher",
    "IT system administrator",
    "Doctoral assistant",
    "Full professor",
    "Associate professor",
    "Assistant professor",
    "Visiting professor",
    "Senior scientist",
    "Scientific collaborator",
    "Research engineer",
    "Research associate",
    "Research software engineer",
    "Software engineer",
    "Data scientist",
    "Statistician",
    "Bioinformatician",
    "Lecturer",
    "Teaching assistant",
    "Project manager",
    "Financial controller",
    "Accountant",
    "HR business partner",
    "Administrative assistant",
    "Faculty secretary",
    "Communications officer",
    "Sustainability coordinator",
    "Energy manager",
    "Facility manager",
    "Building technician",
    "Electrician",
    "Workshop mechanic",
    "Precision mechanic",
    "Electronics technician",
    "Chemical safety officer",
    "Radiation protection officer",
    "Safety engineer",
    "Librarian",
    "Archivist",
    "Database administrator",
    "Network engineer",
    "Web developer",
    "IT support specialist",
    "Cybersecurity analyst",
    "Grant officer",
    "Technology transfer officer",
    "Legal counsel",
    "Procurement officer",
    "Travel coordinator",
    "Event coordinator",
    "Student advisor",
    "Admissions officer",
    "Career counsellor",
    "Microscopy specialist",
    "Mass spectrometry specialist",
    "Cleanroom engineer",
    "Animal caretaker",
    "Greenhouse gardener",
    "Scientific glassblower",
    "Laboratory manager",
    "Head of unit",
    "Dean",
    "Vice-president for research",
    "Quality manager",
    "Environmental engineer",
    "Campus planner",
    "Logistics clerk",
    "Storekeeper",
    "Graphic designer",
    "Translator",
    "Receptionist",
    "Apprentice laboratory technician",
    "Clinical research coordinator",
};

// Reserved example domains (RFC 2606 / RFC 6761): never a real mailbox.
constexpr std::string_view kEmailDomains[] = {
    "example.org",        "uni.example.org", "lab.example.org",
    "campus.example.net", "example.com",     "research.example",
};

// --- Real airports ---
// IATA code, name, municipality, ISO 3166-1 alpha-2, continent, lat, lon
// (airport reference points, 4 decimals).
constexpr Airport kAirports[] = {
    // Switzerland and the Basel tri-national airport (on French soil)
    {"GVA", "Geneva Airport", "Geneva", "CH", "EU", 46.2381, 6.1090},
    {"ZRH", "Zurich Airport", "Zurich", "CH", "EU", 47.4647, 8.5492},
    {"BSL", "EuroAirport Basel Mulhouse Freiburg", "Basel/Mulhouse", "FR", "EU", 47.5896, 7.5299},
    {"BRN", "Bern Airport", "Bern", "CH", "EU", 46.9141, 7.4972},
    {"LUG", "Lugano Airport", "Lugano", "CH", "EU", 46.0040, 8.9106},
    {"SIR", "Sion Airport", "Sion", "CH", "EU", 46.2196, 7.3268},
    // France
    {"CDG", "Paris Charles de Gaulle Airport", "Paris", "FR", "EU", 49.0097, 2.5479},
    {"ORY", "Paris Orly Airport", "Paris", "FR", "EU", 48.7233, 2.3794},
    {"LYS", "Lyon-Saint Exupery Airport", "Lyon", "FR", "EU", 45.7256, 5.0811},
    {"NCE", "Nice Cote d'Azur Airport", "Nice", "FR", "EU", 43.6584, 7.2159},
    {"MRS", "Marseille Provence Airport", "Marseille", "FR", "EU", 43.4393, 5.2214},
    {"TLS", "Toulouse-Blagnac Airport", "Toulouse", "FR", "EU", 43.6291, 1.3638},
    {"BOD", "Bordeaux-Merignac Airport", "Bordeaux", "FR", "EU", 44.8283, -0.7156},
    {"NTE", "Nantes Atlantique Airport", "Nantes", "FR", "EU", 47.1532, -1.6107},
    // British Isles
    {"LHR", "London Heathrow Airport", "London", "GB", "EU", 51.4700, -0.4543},
    {"LGW", "London Gatwick Airport", "London", "GB", "EU", 51.1481, -0.1903},
    {"STN", "London Stansted Airport", "London", "GB", "EU", 51.8850, 0.2350},
    {"LCY", "London City Airport", "London", "GB", "EU", 51.5053, 0.0553},
    {"MAN", "Manchester Airport", "Manchester", "GB", "EU", 53.3537, -2.2750},
    {"EDI", "Edinburgh Airport", "Edinburgh", "GB", "EU", 55.9500, -3.3725},
    {"DUB", "Dublin Airport", "Dublin", "IE", "EU", 53.4213, -6.2701},
    // Germany, Benelux, Austria
    {"FRA", "Frankfurt Airport", "Frankfurt am Main", "DE", "EU", 50.0379, 8.5622},
    {"MUC", "Munich Airport", "Munich", "DE", "EU", 48.3538, 11.7861},
    {"BER", "Berlin Brandenburg Airport", "Berlin", "DE", "EU", 52.3667, 13.5033},
    {"HAM", "Hamburg Airport", "Hamburg", "DE", "EU", 53.6304, 9.9882},
    {"DUS", "Dusseldorf Airport", "Dusseldorf", "DE", "EU", 51.2895, 6.7668},
    {"CGN", "Cologne Bonn Airport", "Cologne", "DE", "EU", 50.8659, 7.1427},
    {"STR", "Stuttgart Airport", "Stuttgart", "DE", "EU", 48.6899, 9.2220},
    {"AMS", "Amsterdam Airport Schiphol", "Amsterdam", "NL", "EU", 52.3105, 4.7683},
    {"BRU", "Brussels Airport", "Brussels", "BE", "EU", 50.9014, 4.4844},
    {"LUX", "Luxembourg Airport", "Luxembourg", "LU", "EU", 49.6233, 6.2044},
    {"VIE", "Vienna International Airport", "Vienna", "AT", "EU", 48.1103, 16.5697},
    {"SZG", "Salzburg Airport", "Salzburg", "AT", "EU", 47.7933, 13.0043},
    {"INN", "Innsbruck Airport", "Innsbruck", "AT", "EU", 47.2602, 11.3440},
    // Italy
    {"FCO", "Rome Fiumicino Airport", "Rome", "IT", "EU", 41.8003, 12.2389},
    {"MXP", "Milan Malpensa Airport", "Milan", "IT", "EU", 45.6306, 8.7281},
    {"LIN", "Milan Linate Airport", "Milan", "IT", "EU", 45.4451, 9.2767},
    {"VCE", "Venice Marco Polo Airport", "Venice", "IT", "EU", 45.5053, 12.3519},
    {"NAP", "Naples International Airport", "Naples", "IT", "EU", 40.8860, 14.2908},
    {"BLQ", "Bologna Guglielmo Marconi Airport", "Bologna", "IT", "EU", 44.5354, 11.2887},
    {"FLR", "Florence Airport", "Florence", "IT", "EU", 43.8100, 11.2051},
    // Iberia
    {"MAD", "Adolfo Suarez Madrid-Barajas Airport", "Madrid", "ES", "EU", 40.4719, -3.5626},
    {"BCN", "Barcelona-El Prat Airport", "Barcelona", "ES", "EU", 41.2971, 2.0785},
    {"VLC", "Valencia Airport", "Valencia", "ES", "EU", 39.4893, -0.4816},
    {"AGP", "Malaga-Costa del Sol Airport", "Malaga", "ES", "EU", 36.6749, -4.4991},
    {"PMI", "Palma de Mallorca Airport", "Palma", "ES", "EU", 39.5517, 2.7388},
    {"LIS", "Lisbon Humberto Delgado Airport", "Lisbon", "PT", "EU", 38.7813, -9.1359},
    {"OPO", "Porto Airport", "Porto", "PT", "EU", 41.2481, -8.6814},
    // Nordics and Baltics
    {"CPH", "Copenhagen Airport", "Copenhagen", "DK", "EU", 55.6181, 12.6561},
    {"ARN", "Stockholm Arlanda Airport", "Stockholm", "SE", "EU", 59.6519, 17.9186},
    {"OSL", "Oslo Airport Gardermoen", "Oslo", "NO", "EU", 60.1939, 11.1004},
    {"HEL", "Helsinki Airport", "Vantaa", "FI", "EU", 60.3172, 24.9633},
    {"KEF", "Keflavik International Airport", "Reykjavik", "IS", "EU", 63.9850, -22.6056},
    {"RIX", "Riga International Airport", "Riga", "LV", "EU", 56.9236, 23.9711},
    {"TLL", "Tallinn Airport", "Tallinn", "EE", "EU", 59.4133, 24.8328},
    {"VNO", "Vilnius International Airport", "Vilnius", "LT", "EU", 54.6341, 25.2858},
    // Central, Eastern and South-Eastern Europe
    {"WAW", "Warsaw Chopin Airport", "Warsaw", "PL", "EU", 52.1657, 20.9671},
    {"KRK", "Krakow John Paul II International Airport", "Krakow", "PL", "EU", 50.0777, 19.7848},
    {"PRG", "Vaclav Havel Airport Prague", "Prague", "CZ", "EU", 50.1008, 14.2600},
    {"BUD", "Budapest Ferenc Liszt International Airport", "Budapest", "HU", "EU", 47.4298,
     19.2611},
    {"OTP", "Henri Coanda International Airport", "Bucharest", "RO", "EU", 44.5711, 26.0850},
    {"SOF", "Sofia Airport", "Sofia", "BG", "EU", 42.6967, 23.4114},
    {"ZAG", "Zagreb Airport", "Zagreb", "HR", "EU", 45.7429, 16.0688},
    {"LJU", "Ljubljana Joze Pucnik Airport", "Ljubljana", "SI", "EU", 46.2237, 14.4576},
    {"BEG", "Belgrade Nikola Tesla Airport", "Belgrade", "RS", "EU", 44.8184, 20.3091},
    {"ATH", "Athens International Airport", "Athens", "GR", "EU", 37.9364, 23.9445},
    {"MLA", "Malta International Airport", "Luqa", "MT", "EU", 35.8575, 14.4775},
    {"IST", "Istanbul Airport", "Istanbul", "TR", "EU", 41.2753, 28.7519},
    // North America
    {"JFK", "John F. Kennedy International Airport", "New York", "US", "NA", 40.6398, -73.7789},
    {"EWR", "Newark Liberty International Airport", "Newark", "US", "NA", 40.6925, -74.1687},
    {"BOS", "Boston Logan International Airport", "Boston", "US", "NA", 42.3656, -71.0096},
    {"IAD", "Washington Dulles International Airport", "Washington", "US", "NA", 38.9445, -77.4558},
    {"ORD", "Chicago O'Hare International Airport", "Chicago", "US", "NA", 41.9786, -87.9048},
    {"ATL", "Hartsfield-Jackson Atlanta International Airport", "Atlanta", "US", "NA", 33.6367,
     -84.4281},
    {"DFW", "Dallas Fort Worth International Airport", "Dallas", "US", "NA", 32.8968, -97.0380},
    {"DEN", "Denver International Airport", "Denver", "US", "NA", 39.8617, -104.6731},
    {"LAX", "Los Angeles International Airport", "Los Angeles", "US", "NA", 33.9425, -118.4081},
    {"SFO", "San Francisco International Airport", "San Francisco", "US", "NA", 37.6190, -122.3749},
    {"SEA", "Seattle-Tacoma International Airport", "Seattle", "US", "NA", 47.4490, -122.3093},
    {"MIA", "Miami International Airport", "Miami", "US", "NA", 25.7932, -80.2906},
    {"YUL", "Montreal-Trudeau International Airport", "Montreal", "CA", "NA", 45.4706, -73.7408},
    {"YYZ", "Toronto Pearson International Airport", "Toronto", "CA", "NA", 43.6772, -79.6306},
    {"YVR", "Vancouver International Airport", "Vancouver", "CA", "NA", 49.1939, -123.1844},
    {"MEX", "Mexico City International Airport", "Mexico City", "MX", "NA", 19.4363, -99.0721},
    // South America
    {"GRU", "Sao Paulo/Guarulhos International Airport", "Sao Paulo", "BR", "SA", -23.4356,
     -46.4731},
    {"GIG", "Rio de Janeiro/Galeao International Airport", "Rio de Janeiro", "BR", "SA", -22.8100,
     -43.2506},
    {"EZE", "Ministro Pistarini International Airport", "Buenos Aires", "AR", "SA", -34.8222,
     -58.5358},
    {"SCL", "Arturo Merino Benitez International Airport", "Santiago", "CL", "SA", -33.3930,
     -70.7858},
    {"BOG", "El Dorado International Airport", "Bogota", "CO", "SA", 4.7016, -74.1469},
    {"LIM", "Jorge Chavez International Airport", "Lima", "PE", "SA", -12.0219, -77.1143},
    // Asia and the Middle East
    {"NRT", "Narita International Airport", "Tokyo", "JP", "AS", 35.7647, 140.3864},
    {"HND", "Tokyo Haneda Airport", "Tokyo", "JP", "AS", 35.5523, 139.7798},
    {"KIX", "Kansai International Airport", "Osaka", "JP", "AS", 34.4273, 135.2440},
    {"PEK", "Beijing Capital International Airport", "Beijing", "CN", "AS", 40.0801, 116.5846},
    {"PVG", "Shanghai Pudong International Airport", "Shanghai", "CN", "AS", 31.1434, 121.8052},
    {"HKG", "Hong Kong International Airport", "Hong Kong", "HK", "AS", 22.3080, 113.9185},
    {"ICN", "Incheon International Airport", "Seoul", "KR", "AS", 37.4691, 126.4510},
    {"TPE", "Taiwan Taoyuan International Airport", "Taipei", "TW", "AS", 25.0777, 121.2328},
    {"SIN", "Singapore Changi Airport", "Singapore", "SG", "AS", 1.3644, 103.9915},
    {"BKK", "Suvarnabhumi Airport", "Bangkok", "TH", "AS", 13.6900, 100.7501},
    {"KUL", "Kuala Lumpur International Airport", "Kuala Lumpur", "MY", "AS", 2.7456, 101.7099},
    {"CGK", "Soekarno-Hatta International Airport", "Jakarta", "ID", "AS", -6.1256, 106.6559},
    {"MNL", "Ninoy Aquino International Airport", "Manila", "PH", "AS", 14.5086, 121.0197},
    {"DEL", "Indira Gandhi International Airport", "Delhi", "IN", "AS", 28.5665, 77.1031},
    {"BOM", "Chhatrapati Shivaji Maharaj International Airport", "Mumbai", "IN", "AS", 19.0887,
     72.8679},
    {"BLR", "Kempegowda International Airport", "Bengaluru", "IN", "AS", 13.1979, 77.7063},
    {"DXB", "Dubai International Airport", "Dubai", "AE", "AS", 25.2528, 55.3644},
    {"AUH", "Zayed International Airport", "Abu Dhabi", "AE", "AS", 24.4330, 54.6511},
    {"DOH", "Hamad International Airport", "Doha", "QA", "AS", 25.2731, 51.6081},
    {"TLV", "Ben Gurion Airport", "Tel Aviv", "IL", "AS", 32.0114, 34.8867},
    // Africa
    {"JNB", "O. R. Tambo International Airport", "Johannesburg", "ZA", "AF", -26.1392, 28.2460},
    {"CPT", "Cape Town International Airport", "Cape Town", "ZA", "AF", -33.9649, 18.6017},
    {"NBO", "Jomo Kenyatta International Airport", "Nairobi", "KE", "AF", -1.3192, 36.9278},
    {"ADD", "Addis Ababa Bole International Airport", "Addis Ababa", "ET", "AF", 8.9779, 38.7993},
    {"CAI", "Cairo International Airport", "Cairo", "EG", "AF", 30.1219, 31.4056},
    {"CMN", "Mohammed V International Airport", "Casablanca", "MA", "AF", 33.3675, -7.5900},
    {"LOS", "Murtala Muhammed International Airport", "Lagos", "NG", "AF", 6.5774, 3.3212},
    {"ACC", "Kotoka International Airport", "Accra", "GH", "AF", 5.6052, -0.1668},
    // Oceania
    {"SYD", "Sydney Kingsford Smith Airport", "Sydney", "AU", "OC", -33.9461, 151.1772},
    {"MEL", "Melbourne Airport", "Melbourne", "AU", "OC", -37.6733, 144.8433},
    {"BNE", "Brisbane Airport", "Brisbane", "AU", "OC", -27.3842, 153.1175},
    {"PER", "Perth Airport", "Perth", "AU", "OC", -31.9403, 115.9669},
    {"AKL", "Auckland Airport", "Auckland", "NZ", "OC", -37.0082, 174.7850},
};

// --- Real railway stations ---
// Name as commonly written (UTF-8), ISO country code, lat, lon.
constexpr Station kStations[] = {
    // Switzerland
    {"Zürich HB", "CH", 47.3782, 8.5402},
    {"Zürich Oerlikon", "CH", 47.4118, 8.5442},
    {"Zürich Stadelhofen", "CH", 47.3666, 8.5482},
    {"Zürich Flughafen", "CH", 47.4504, 8.5625},
    {"Winterthur", "CH", 47.5003, 8.7238},
    {"Uster", "CH", 47.3517, 8.7183},
    {"Genève", "CH", 46.2102, 6.1424},
    {"Lausanne", "CH", 46.5169, 6.6291},
    {"Renens VD", "CH", 46.5372, 6.5786},
    {"Morges", "CH", 46.5115, 6.4986},
    {"Nyon", "CH", 46.3839, 6.2384},
    {"Vevey", "CH", 46.4631, 6.8433},
    {"Montreux", "CH", 46.4355, 6.9106},
    {"Yverdon-les-Bains", "CH", 46.7816, 6.6408},
    {"Fribourg/Freiburg", "CH", 46.8032, 7.1512},
    {"Neuchâtel", "CH", 46.9966, 6.9356},
    {"Biel/Bienne", "CH", 47.1329, 7.2429},
    {"Bern", "CH", 46.9488, 7.4391},
    {"Thun", "CH", 46.7548, 7.6296},
    {"Interlaken Ost", "CH", 46.6903, 7.8697},
    {"Basel SBB", "CH", 47.5474, 7.5896},
    {"Olten", "CH", 47.3519, 7.9077},
    {"Aarau", "CH", 47.3914, 8.0512},
    {"Solothurn", "CH", 47.2039, 7.5419},
    {"Baden", "CH", 47.4764, 8.3078},
    {"Luzern", "CH", 47.0502, 8.3103},
    {"Zug", "CH", 47.1736, 8.5151},
    {"St. Gallen", "CH", 47.4232, 9.3697},
    {"Gossau SG", "CH", 47.4166, 9.2528},
    {"Wil SG", "CH", 47.4635, 9.0428},
    {"Schaffhausen", "CH", 47.6978, 8.6328},
    {"Sargans", "CH", 47.0459, 9.4437},
    {"Landquart", "CH", 46.9689, 9.5551},
    {"Chur", "CH", 46.8532, 9.5288},
    {"Sion", "CH", 46.2274, 7.3591},
    {"Martigny", "CH", 46.1097, 7.0768},
    {"Visp", "CH", 46.2937, 7.8817},
    {"Brig", "CH", 46.3195, 7.9881},
    {"Zermatt", "CH", 46.0237, 7.7482},
    {"Lugano", "CH", 46.0053, 8.9471},
    {"Bellinzona", "CH", 46.1954, 9.0301},
    {"Locarno", "CH", 46.1724, 8.8010},
    // France
    {"Paris Gare de Lyon", "FR", 48.8443, 2.3744},
    {"Paris Gare de l'Est", "FR", 48.8768, 2.3592},
    {"Paris Gare du Nord", "FR", 48.8809, 2.3553},
    {"Paris Montparnasse", "FR", 48.8410, 2.3205},
    {"Lyon Part-Dieu", "FR", 45.7606, 4.8594},
    {"Marseille Saint-Charles", "FR", 43.3028, 5.3806},
    {"Strasbourg", "FR", 48.5851, 7.7349},
    {"Lille Europe", "FR", 50.6390, 3.0755},
    {"Dijon-Ville", "FR", 47.3231, 5.0279},
    {"Mulhouse-Ville", "FR", 47.7417, 7.3428},
    {"Annecy", "FR", 45.9019, 6.1219},
    {"Grenoble", "FR", 45.1917, 5.7156},
    {"Nice-Ville", "FR", 43.7044, 7.2619},
    {"Bordeaux Saint-Jean", "FR", 44.8258, -0.5558},
    {"Toulouse Matabiau", "FR", 43.6114, 1.4536},
    // Italy
    {"Milano Centrale", "IT", 45.4859, 9.2047},
    {"Torino Porta Nuova", "IT", 45.0626, 7.6785},
    {"Roma Termini", "IT", 41.9008, 12.5018},
    {"Firenze Santa Maria Novella", "IT", 43.7761, 11.2482},
    {"Venezia Santa Lucia", "IT", 45.4413, 12.3214},
    {"Bologna Centrale", "IT", 44.5057, 11.3430},
    {"Napoli Centrale", "IT", 40.8529, 14.2728},
    {"Verona Porta Nuova", "IT", 45.4289, 10.9825},
    // Germany
    {"München Hbf", "DE", 48.1402, 11.5592},
    {"Frankfurt (Main) Hbf", "DE", 50.1070, 8.6636},
    {"Berlin Hbf", "DE", 52.5251, 13.3694},
    {"Hamburg Hbf", "DE", 53.5529, 10.0067},
    {"Köln Hbf", "DE", 50.9430, 6.9589},
    {"Stuttgart Hbf", "DE", 48.7842, 9.1822},
    {"Karlsruhe Hbf", "DE", 48.9936, 8.4018},
    {"Freiburg (Breisgau) Hbf", "DE", 47.9977, 7.8412},
    {"Mannheim Hbf", "DE", 49.4796, 8.4697},
    // Austria
    {"Wien Hbf", "AT", 48.1850, 16.3763},
    {"Salzburg Hbf", "AT", 47.8130, 13.0456},
    {"Innsbruck Hbf", "AT", 47.2630, 11.4006},
    // Benelux
    {"Bruxelles-Midi", "BE", 50.8356, 4.3362},
    {"Antwerpen-Centraal", "BE", 51.2172, 4.4211},
    {"Amsterdam Centraal", "NL", 52.3790, 4.9003},
    {"Rotterdam Centraal", "NL", 51.9247, 4.4695},
    {"Utrecht Centraal", "NL", 52.0893, 5.1101},
    {"Luxembourg", "LU", 49.5999, 6.1340},
    // Elsewhere in Europe
    {"London St Pancras International", "GB", 51.5312, -0.1255},
    {"Barcelona Sants", "ES", 41.3793, 2.1400},
    {"Madrid Puerta de Atocha", "ES", 40.4065, -3.6893},
    {"Praha hlavní nádraží", "CZ", 50.0831, 14.4353},
    {"Budapest-Keleti", "HU", 47.5003, 19.0836},
    {"København H", "DK", 55.6726, 12.5647},
};

// --- Compile-time checks on the lists ---

template <std::size_t N> constexpr bool distinct(const std::string_view (&items)[N]) {
  for (std::size_t i = 0; i < N; ++i)
    for (std::size_t j = i + 1; j < N; ++j)
      if (items[i] == items[j])
        return false;
  return true;
}

template <std::size_t N> constexpr bool lower_ascii_words(const std::string_view (&items)[N]) {
  for (std::size_t i = 0; i < N; ++i) {
    if (items[i].empty())
      return false;
    for (char c : items[i])
      if (c < 'a' || c > 'z')
        return false;
  }
  return true;
}

// Letters, '-' and '\'' only, starting with a letter.
template <std::size_t N> constexpr bool name_like(const std::string_view (&items)[N]) {
  for (std::size_t i = 0; i < N; ++i) {
    const std::string_view s = items[i];
    if (s.empty() || !((s[0] >= 'A' && s[0] <= 'Z') || (s[0] >= 'a' && s[0] <= 'z')))
      return false;
    for (char c : s)
      if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-' || c == '\''))
        return false;
  }
  return true;
}

constexpr bool airports_distinct() {
  const std::size_t n = std::size(kAirports);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j)
      if (kAirports[i].iata == kAirports[j].iata)
        return false;
  return true;
}

constexpr bool stations_distinct() {
  const std::size_t n = std::size(kStations);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j)
      if (kStations[i].name == kStations[j].name)
        return false;
  return true;
}

static_assert(std::size(kWords) >= 150 && distinct(kWords) && lower_ascii_words(kWords));
static_assert(std::size(kFirstNames) >= 100 && distinct(kFirstNames) && name_like(kFirstNames));
static_assert(std::size(kLastNames) >= 150 && distinct(kLastNames) && name_like(kLastNames));
static_assert(std::size(kAdjectives) >= 30 && distinct(kAdjectives));
static_assert(std::size(kNouns) >= 30 && distinct(kNouns));
static_assert(std::size(kCities) >= 60 && distinct(kCities));
static_assert(std::size(kJobs) >= 50 && distinct(kJobs));
static_assert(std::size(kAirports) >= 80 && airports_distinct());
static_assert(std::size(kStations) >= 60 && stations_distinct());

// --- Helpers ---

// Rates of name decorations in person(): a prefix or a suffix, never both.
constexpr double kPrefixRate = 0.05;
constexpr double kSuffixRate = 0.03;

bool is_lower_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

char to_lower_ascii(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

// Lower-cased, keeping only [a-z0-9]; "x" when nothing is left.
std::string email_part(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    const char l = to_lower_ascii(c);
    if (is_lower_alnum(l))
      out.push_back(l);
  }
  if (out.empty())
    out.push_back('x');
  return out;
}

template <std::size_t N> std::vector<std::string_view> as_vector(const std::string_view (&a)[N]) {
  return {std::begin(a), std::end(a)};
}

} // namespace

// --- Implementation ---

std::string_view word(Rng &rng) {
  return rng.pick(kWords);
}

std::string sentence(Rng &rng, int nb_words) {
  const std::int64_t k = rng.between(60, 140);
  const std::int64_t n = std::max<std::int64_t>(1, static_cast<std::int64_t>(nb_words) * k / 100);
  std::string out;
  for (std::int64_t i = 0; i < n; ++i) {
    if (i > 0)
      out.push_back(' ');
    out.append(word(rng));
  }
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z')
    out[0] = static_cast<char>(out[0] - 'a' + 'A');
  out.push_back('.');
  return out;
}

Person person(Rng &rng) {
  Person p;
  p.first_name = std::string(rng.pick(kFirstNames));
  p.last_name = std::string(rng.pick(kLastNames));
  // append(), not operator+: GCC 12 warns falsely (-Wrestrict, PR 105329) on the latter.
  p.display_name.append(p.first_name).append(" ").append(p.last_name);
  // One draw decides the decoration, so a name never gets both a prefix and
  // a suffix ("Dr. ... PhD").
  const double u = rng.unit();
  if (u < kPrefixRate)
    p.display_name.insert(0, std::string(rng.pick(kPrefixes)).append(" "));
  else if (u < kPrefixRate + kSuffixRate)
    p.display_name.append(" ").append(rng.pick(kSuffixes));
  return p;
}

std::string_view last_name(Rng &rng) {
  return rng.pick(kLastNames);
}

std::string company(Rng &rng) {
  // Distinct family names within one company name.
  auto names = [&rng](std::size_t count) {
    std::vector<std::string_view> picked;
    while (picked.size() < count) {
      const std::string_view n = rng.pick(kLastNames);
      if (std::find(picked.begin(), picked.end(), n) == picked.end())
        picked.push_back(n);
    }
    return picked;
  };
  const std::uint64_t pattern = rng.below(20);
  std::string out;
  if (pattern < 5) { // 25%: "Keller & Favre"
    const auto n = names(2);
    out.append(n[0]).append(" & ").append(n[1]);
  } else if (pattern < 8) { // 15%: "Keller, Brunner and Favre"
    const auto n = names(3);
    out.append(n[0]).append(", ").append(n[1]).append(" and ").append(n[2]);
  } else if (pattern < 15) { // 35%: "Alpine Photonics SA"
    out.append(rng.pick(kAdjectives)).append(" ").append(rng.pick(kNouns));
    out.append(" ").append(rng.pick(kCompanySuffixes));
  } else if (pattern < 18) { // 15%: "Brunner Optics AG"
    out.append(rng.pick(kLastNames)).append(" ").append(rng.pick(kNouns));
    out.append(" ").append(rng.pick(kCompanySuffixes));
  } else { // 10%: "Keller-Favre GmbH"
    const auto n = names(2);
    out.append(n[0]).append("-").append(n[1]).append(" ").append(rng.pick(kCompanySuffixes));
  }
  return out;
}

std::string_view city(Rng &rng) {
  return rng.pick(kCities);
}

std::string_view job(Rng &rng) {
  return rng.pick(kJobs);
}

std::string email(std::string_view first_name, std::string_view last_name,
                  std::string_view unique_tag, Rng &rng) {
  // The name parts contain no '.', so "first.last.tag" splits back into its
  // three parts unambiguously: distinct tags give distinct local parts.
  std::string out = email_part(first_name);
  out.push_back('.');
  out.append(email_part(last_name));
  out.push_back('.');
  out.append(email_part(unique_tag));
  out.push_back('@');
  out.append(rng.pick(kEmailDomains));
  return out;
}

const std::vector<Airport> &airports() {
  static const std::vector<Airport> all(std::begin(kAirports), std::end(kAirports));
  return all;
}

const std::vector<Station> &stations() {
  static const std::vector<Station> all(std::begin(kStations), std::end(kStations));
  return all;
}

// Test-only view of the word lists (declared in tests/unit/generate/test_fake.cpp, not in
// the public header): lets the tests check sizes and duplicates directly.
namespace detail {
std::vector<std::string_view> list_for_tests(std::string_view which) {
  if (which == "words")
    return as_vector(kWords);
  if (which == "first_names")
    return as_vector(kFirstNames);
  if (which == "last_names")
    return as_vector(kLastNames);
  if (which == "adjectives")
    return as_vector(kAdjectives);
  if (which == "nouns")
    return as_vector(kNouns);
  if (which == "cities")
    return as_vector(kCities);
  if (which == "jobs")
    return as_vector(kJobs);
  return {};
}
} // namespace detail

} // namespace seed::fake

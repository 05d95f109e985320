"""The audit rules for intake forms written in French: patterns, and findings worded in French.

Our own wording throughout (no sentence is taken from a published guide or instrument).
"""

from __future__ import annotations

from casekit.audit.rules.localized import FormWording, register_language

TITLES = {
    "gender-binary": "Genre proposé en deux options seulement",
    "pronouns-missing": "Aucune place pour les pronoms",
    "chosen-name-missing": "Aucune place pour le nom que la personne utilise",
    "race-single-choice": "Origine ethnique en un seul choix fermé",
    "family-structure": "Famille supposée : une mère, un père, un couple marié",
    "language-access": "Aucune offre d'interprète ni d'autres langues",
    "fees-access": "Aucun tarif réduit ni modulé",
    "disability-access": "Aucune question sur les besoins d'accessibilité",
    "religion-assumed": "Religion supposée ou limitée à quelques-unes",
    "stigmatizing-language": "Mots qui stigmatisent ou soulignent un manque",
}

_STIGMA: tuple[tuple[str, str, str], ...] = (
    (
        r"\bsouffr\w*(?:-(?:vous|il|elle))?\s+(?:de|du|des|d['’])|\batteint\w* d['’e]\w*|\bvictime de\b",
        "décrit la personne par sa souffrance, et la présente comme impuissante",
        "« vit avec », « a », « a traversé »",
    ),
    (
        r"\bcloué\w*(?:\(e\))?\s+(?:dans|à|sur) un fauteuil\b|"
        r"\bconfiné\w*(?:\(e\))?\s+(?:dans|à) un fauteuil\b",
        "le fauteuil roulant donne la liberté de se déplacer ; « cloué » et « confiné » disent le contraire",
        "« se déplace en fauteuil roulant »",
    ),
    (
        r"\bles handicapés\b|\binfirmes?\b|\bestropié\w*|\bimpotent\w*",
        "une étiquette d'un autre temps que beaucoup de personnes handicapées trouvent blessante",
        "« personne en situation de handicap », comme la personne le préfère",
    ),
    (
        r"\bmalades mentaux\b|\bfous\b|\bfolles?\b|\bdingues?\b|\baliéné\w*|\bpsychopathes?\b",
        "réduit la personne à un diagnostic, ou emploie une insulte qui éloigne des soins",
        "« personne vivant avec un trouble de santé mentale », ou nommez ce qu'elle vit",
    ),
    (
        r"\bretardé\w*|\bdébiles?\b|\battardé\w*|\bdéficient\w* mental\w*",
        "une insulte envers les personnes ayant une déficience intellectuelle",
        "« personne ayant une déficience intellectuelle »",
    ),
    (
        r"\btoxicomanes?\b|\balcooliques?\b|\bdrogué\w*|\btoxicos?\b|\bjunkies?\b",
        "réduit la personne à sa consommation, et s'accompagne de jugements plus durs de la part "
        "du personnel",
        "« personne qui consomme des drogues », « personne ayant un problème avec l'alcool », "
        "« en rétablissement »",
    ),
    (
        r"\b(?:immigrés?|étrangers?) (?:illégaux|clandestins)\b|\bclandestins\b|\billégaux\b",
        "qualifie une personne d'illégale ; cela effraie qui craint pour sa situation administrative",
        "« personne migrante » ou « personne sans papiers », et dites ce que le centre transmet ou "
        "non aux autorités",
    ),
    (
        r"\bnon[- ]observant\w*|\binobservan\w*|\bnon[- ]compliant\w*|\bmanipulat(?:eur|rice)s?\b|"
        r"\bcherch\w* à attirer l['’]attention\b",
        "reproche à la personne un plan qui ne lui convenait pas, au lieu de demander ce qui a gêné",
        "« n'a pas encore pu suivre le plan », « nous n'avons pas encore trouvé un plan qui convienne »",
    ),
    (
        r"\bcommis un suicide\b|\bcommettre un suicide\b|\btentative (?:de suicide )?(?:échouée|ratée)\b|"
        r"\bsuicide réussi\b",
        "« commettre » rapproche le suicide d'un crime, « ratée » ou « réussi » d'une performance",
        "« est mort par suicide », « a survécu à une tentative de suicide », « pensées de mettre fin à "
        "ses jours »",
    ),
    (
        r"\bfoyer (?:brisé|désuni)\b|\bfamille (?:brisée|éclatée|désunie)\b",
        "juge la forme d'une famille comme un dommage",
        "« qui vit chez vous », « des changements dans votre famille »",
    ),
    (
        r"\bgens normaux\b|\bfamilles? normales?\b|\bpersonnes? normales?\b",
        "fait d'une façon de vivre la norme, et de toutes les autres l'exception",
        "dites directement ce que vous voulez dire, par exemple « la plupart des personnes que nous "
        "recevons »",
    ),
)

WORDING = FormWording(
    language="fr",
    open_words=r"\b(?:autres?|auto-?désign\w*|vos propres mots|propres mots|non (?:listée?s?|mentionnée?s?)|"
    r"préf[èé]re(?:z|rais)? ne pas|aucune? de (?:ces|ces réponses|celles-ci))\b",
    negation=r"\b(?:jamais|ne|n['’]|pas|sans|aucun besoin|nul besoin|personne)\b",
    gender_label=r"\b(?:sexe|genre|civilité|pronoms?)\b",
    masculine=frozenset({"masculin", "m", "h", "homme", "monsieur", "m.", "il"}),
    feminine=frozenset(
        {"féminin", "feminin", "f", "femme", "madame", "mme", "mme.", "mademoiselle", "mlle", "elle"}
    ),
    gender=(
        "Seules deux réponses sont proposées. Une personne non binaire, intersexe ou qui vit son genre "
        "autrement n'a nulle part où cocher quelque chose de vrai, et apprend dès la première page "
        "qu'elle risque de ne pas être vue ici.",
        "Demandez « Comment décrivez-vous votre genre ? » avec une ligne pour écrire. Si le sexe assigné "
        "à la naissance est utile aux soins, demandez-le à part, dites pourquoi, et proposez intersexe, "
        "« autre » et « je préfère ne pas répondre ».",
    ),
    pronouns=r"\bpronoms?\b",
    no_pronouns=(
        "La fiche ne demande jamais quels pronoms utiliser : l'équipe devinera, et une erreur dans la "
        "salle d'attente est un faux pas précoce, devant tout le monde.",
        "Ajoutez « Les pronoms à utiliser pour vous (par exemple elle, il, iel, ou simplement votre "
        "prénom) : ____ », et laissez la possibilité de ne pas répondre.",
    ),
    chosen_name=r"\bnom (?:d['’]usage|choisi|préféré|que vous (?:utilisez|préférez|aimeriez))\b|"
    r"\bprénom (?:d['’]usage|choisi|utilisé)\b|\b(?:le )?nom que vous aimeriez\b|"
    r"\bcomment (?:souhaitez|voulez|aimeriez)-vous (?:qu['’]on|que nous) vous appel\w*",
    no_chosen_name=(
        "Seul le nom légal ou celui de l'assurance est demandé. Beaucoup de personnes utilisent un autre "
        "nom (personnes trans et non binaires, personnes dont le nom vient d'une autre langue, qui "
        "utilisent un surnom), et être appelé du mauvais nom à chaque visite use la confiance.",
        "Ajoutez « Le nom que vous aimeriez que nous utilisions : ____ » à côté du nom légal, et veillez "
        "à ce que ce soit ce nom que l'équipe appelle et écrit sur les courriers.",
    ),
    race_label=r"\b(?:race|raciale?|origine ethnique|ethnie|ethnicité|groupe ethnique|"
    r"appartenance ethnique)\b",
    race_label_more=r"(?:\s*(?:,|/|\bou\b|\bet\b)\s*(?:race|origine (?:ethnique|culturelle)|ethnie|culture|"
    r"ascendance|origines))+",
    race_single=r"\b(?:cochez|choisissez|sélectionnez|entourez|indiquez)\s+une(?: seule)?\b(?! ou plusieurs)|"
    r"\bune seule (?:case|réponse)\b",
    race_multi=r"\btoutes celles qui (?:s['’]appliquent|conviennent)\b|\bplusieurs\b|\bplus d['’]une\b",
    race_one_choice=(
        "On demande de choisir une seule origine. Beaucoup de personnes ont plus d'un héritage, et les "
        "obliger à choisir revient à leur demander de laisser de côté une partie de leur famille.",
        "Écrivez « Comment décrivez-vous vos origines, votre appartenance ethnique ou culturelle ? Cochez "
        "toutes celles qui conviennent, ou écrivez-le avec vos propres mots : ____ », et laissez la "
        "liste facultative.",
    ),
    race_not_open="Il n'y a pas non plus de moyen de répondre avec ses propres mots.",
    race_closed=(
        "La liste des origines est fermée : qui n'y trouve pas la sienne n'a aucune réponse vraie à donner.",
        "Ajoutez « Avec vos propres mots : ____ » et « Je préfère ne pas répondre », et permettez "
        "plusieurs choix.",
    ),
    mother=r"\bnom de (?:la )?mère\b|\bmère\s*(?:\(|:)|\bmaman\s*:",
    father=r"\bnom du père\b|\bpère\s*(?:\(|:)|\bpapa\s*:",
    parent_pair=r"\bmère\s*/\s*père\b|\bpère\s*/\s*mère\b|\bmari\s*/\s*femme\b|\bfemme\s*/\s*mari\b|"
    r"\bépoux\s*/\s*épouse\b|\bépouse\s*/\s*époux\b",
    parent_words=r"\bmère\b|\bpère\b",
    spouse=r"\b(?:mari|épouse|époux)\s*(?::|\()|\bnom (?:du mari|de l['’]épouse|de l['’]époux)\b",
    marital=r"\bsituation (?:familiale|matrimoniale)\b|\bétat civil\b|\bêtes-vous marié\w*",
    marital_options=frozenset(
        {
            f"{stem}{end}"
            for stem in ("marié", "divorcé", "séparé", "pacsé")
            for end in ("", "e", "(e)", "·e", " e", "es", "s")
        }
        | {"célibataire", "veuf", "veuve", "veuf/veuve", "veuf ve", "oui", "non"}
    ),
    parents=(
        "La fiche suppose que chaque personne a une mère et un père à nommer. Qui a grandi avec deux "
        "mères ou deux pères, avec des grands-parents, des tantes, une famille d'accueil ou choisie, ou "
        "avec un seul parent, trouve une fiche sans place pour sa famille.",
        "Demandez « Qui sont vos parents, tuteurs ou les personnes qui prennent soin de vous ? (noms et "
        "lien avec vous) : ____ », avec de la place pour autant de personnes que nécessaire.",
    ),
    partner=(
        "Les champs de conjoint genrés (mari, femme) laissent de côté les couples de même genre et toute "
        "relation que la fiche n'a pas imaginée.",
        "Écrivez « Partenaire ou conjoint·e, le cas échéant : ____ », ou demandez qui vit dans le foyer.",
    ),
    marital_closed=(
        "La situation de couple se limite à une liste légale comme célibataire ou marié. Qui vit en "
        "couple sans être marié, a plus d'un partenaire, garde sa relation privée ou dont le mariage "
        "n'est pas reconnu n'a pas de réponse vraie.",
        "Demandez « Situation de couple, avec vos propres mots (facultatif) : ____ », ou ajoutez « en "
        "couple », « en concubinage » et « autre : ____ » à la liste.",
    ),
    language_barrier=r"\b(?:uniquement|seulement|exclusivement) en français\b|\bqu['’]en français\b|"
    r"\bdev(?:ez|ezv) (?:parler|lire|comprendre) (?:le )?français\b|"
    r"\b(?:amen(?:ez|er)|venez avec|faites-vous accompagner (?:par|d['’]))\s+(?:de la famille|un membre de "
    r"(?:votre|la) famille|un proche|un parent|un ami|une amie|des amis|vos enfants|votre propre interprète|"
    r"quelqu['’]un)\b[^.]{0,40}?\b(?:interpr|tradu)\w*|\bpas d['’]interprètes?\b|\baucun interprète\b",
    language_offer=r"\binterpr[eéè]t\w*|\btradu\w*|\blangue des signes\b|\bLSF\b|\bLSQ\b|"
    r"\bdans votre (?:propre )?langue\b",
    barrier=(
        "On demande aux personnes de se débrouiller dans une seule langue ou d'amener leur propre "
        "interprète. Les proches, et surtout les enfants, ne devraient pas porter l'histoire intime d'un "
        "parent dans un cabinet ; et qui ne peut pas suivre la fiche risque de ne pas revenir.",
        "Dites « Les interprètes sont offerts, y compris en langue des signes. Dites-nous votre langue "
        "et nous nous en occupons ; vous n'avez jamais besoin d'amener de la famille ou des amis pour "
        "interpréter. »",
    ),
    no_offer=(
        "Rien sur la fiche ne dit qu'on peut avoir un interprète ou recevoir la fiche dans sa langue : "
        "celles et ceux qui en ont le plus besoin ne sauront peut-être pas qu'ils peuvent le demander.",
        "Ajoutez en haut : « Dans quelle langue aimeriez-vous échanger avec nous ? Les interprètes, y "
        "compris en langue des signes, sont offerts. ____ », et dites que la fiche existe en d'autres "
        "langues.",
    ),
    money=r"\b(?:paiement|payer|tarifs?|honoraires|frais|coûts?|factur\w*|règlement)\b",
    hard_line=r"\bpaiement intégral\b|\bintégralité\b|\baucune exception\b|\bsans exception\b|"
    r"\bdoit être (?:payé|réglé)\b|\bser(?:a|ont) exclus?\b",
    fees_help=r"\btarifs? (?:dégressifs?|réduits?|modulés?|solidaires?)\b|\bselon (?:vos|les) revenus\b|"
    r"\bbarème\b|\bexonér\w*|\baide financière\b|\bà faible coût\b|\bce que vous pouvez payer\b",
    hard_terms=(
        "Les conditions de paiement sont écrites comme une règle sans appel. Qui est à court d'argent ce "
        "mois-ci comprend que les soins ne sont pas pour lui, et risque d'arrêter de venir plutôt que de "
        "demander.",
        "Écrivez « Si le tarif est difficile pour vous, dites-le-nous : nos tarifs sont modulés selon les "
        "revenus, et nous n'arrêterons pas de vous recevoir pour une question d'argent sans en parler "
        "d'abord. »",
    ),
    no_fees_help=(
        "La fiche ne mentionne ni tarif modulé ni tarif réduit. Le coût est l'une des raisons les plus "
        "fréquentes de ne jamais commencer ou d'arrêter sans bruit, et beaucoup n'osent pas demander.",
        "Ajoutez « Les tarifs peuvent être adaptés à ce que vous pouvez payer. Demandez-nous, ou cochez "
        "ici et nous en parlerons en privé : ☐ ».",
    ),
    access=r"\baménagement\w*|\bbesoins? d['’]accessibilité\b|\baccessib\w*|\bgros caractères\b|"
    r"\blangue des signes\b|\bbraille\b|\bde plain-pied\b|\blecteur d['’]écran\b|"
    r"\bplus facile\b|\bparticipation plus facile\b",
    no_access=(
        "La fiche ne demande jamais ce qui rendrait le centre plus facile à fréquenter : un accès de "
        "plain-pied, la langue des signes, les gros caractères, une pièce calme, plus de temps, un "
        "lecteur d'écran. Les personnes handicapées doivent le demander elles-mêmes, ou se débrouiller.",
        "Demandez « Y a-t-il quelque chose qui vous rendrait la participation plus facile (par exemple "
        "un accès de plain-pied, la langue des signes, les gros caractères, des pauses, une pièce plus "
        "calme) ? ____ ».",
    ),
    religion_label=r"\b(?:religion|confession|appartenance religieuse|culte)\b(?=\s*(?:[:(|☐○]|$))",
    religion_assumed=r"\béglise que vous fréquentez\b|\bquelle (?:église|paroisse)\b|"
    r"\bnom de (?:votre )?(?:église|paroisse|pasteur|curé|prêtre)\b|\bnom de baptême\b|\bdate de baptême\b",
    assumed=(
        "La question tient une religion pour acquise (une église, un pasteur, un baptême). Les personnes "
        "d'une autre croyance, ou sans religion, comprennent que le centre ne les attendait pas.",
        "Demandez « La foi, la religion ou la spiritualité font-elles partie de votre vie ? Si vous le "
        "souhaitez, parlez-nous-en avec vos propres mots, y compris de toute communauté ou guide qui "
        "vous soutient : ____ ».",
    ),
    religion_closed=(
        "La religion est une courte liste fermée. Qui n'y trouve pas sa foi, n'a pas de religion ou a une "
        "pratique spirituelle à soi n'a pas de réponse honnête.",
        "Laissez-la ouverte : « Foi, religion ou spiritualité, le cas échéant, avec vos propres mots : "
        "____ », en précisant que « aucune » et « je préfère ne pas répondre » sont bienvenues.",
    ),
    stigma=_STIGMA,
    labels=("Pourquoi c'est important", "Essayez plutôt"),
    stigma_message="« {term} » {why}. Une fiche est souvent la première chose qu'une personne lit "
    "de nous, et des mots comme ceux-là lui disent comment elle sera vue.",
    stigma_suggestion="Employez des mots simples qui mettent la personne en premier : {better}.",
)

RULES = register_language(WORDING, TITLES)

"""The audit rules for intake forms written in Spanish: patterns, and findings worded in Spanish.

Our own wording throughout (no sentence is taken from a published guide or instrument).
"""

from __future__ import annotations

from casekit.audit.rules.localized import FormWording, register_language

TITLES = {
    "gender-binary": "Género con solo dos opciones",
    "pronouns-missing": "Ningún lugar para los pronombres",
    "chosen-name-missing": "Ningún lugar para el nombre que la persona usa",
    "race-single-choice": "Raza o etnia como una sola opción cerrada",
    "family-structure": "Familia supuesta: una madre, un padre, un matrimonio",
    "language-access": "Sin oferta de intérprete ni de otros idiomas",
    "fees-access": "Sin tarifas reducidas ni escala móvil",
    "disability-access": "Ninguna pregunta sobre necesidades de accesibilidad",
    "religion-assumed": "Religión supuesta o limitada a unas pocas",
    "stigmatizing-language": "Palabras que estigmatizan o señalan carencias",
}

#: Words for data that "inválido" may follow ("fecha inválida", "código inválido"): not a person.
_NO_ES_PERSONA = (
    "fecha", "fechas", "entrada", "entradas", "formato", "formatos", "número", "números", "código",
    "códigos", "dato", "datos", "valor", "valores", "correo", "respuesta", "respuestas", "opción",
    "contraseña", "campo", "campos", "archivo", "documento", "firma",
)  # fmt: skip
#: "inválido" about a person ("¿es usted inválido?"), not straight after a word for data.
_INVALIDO_PERSONA = "".join(rf"(?<!\b{word} )" for word in _NO_ES_PERSONA) + r"\binválid[oa]s?\b"

_STIGMA: tuple[tuple[str, str, str], ...] = (
    (
        r"\bsufr\w*(?: usted)? de\b|\bpadec\w*(?: usted)? de\b|\bvíctima de\b",
        "describe a la persona por cuánto sufre, y la presenta como indefensa",
        "«vive con», «tiene», «ha pasado por»",
    ),
    (
        r"\bconfinad[oa]s? a una silla de ruedas\b|\bpostrad[oa]s? en una silla de ruedas\b",
        "la silla de ruedas da libertad de movimiento; «confinado» y «postrado» dicen lo contrario",
        "«usa silla de ruedas»",
    ),
    (
        r"\bminusválid[oa]s?\b|\blisiad[oa]s?\b|" + _INVALIDO_PERSONA,
        "es una etiqueta anticuada que a muchas personas con discapacidad les resulta humillante",
        "«persona con discapacidad», como la persona prefiera",
    ),
    (
        r"\benferm[oa]s mentales\b|\blocos?\b|\blocas?\b|\bdementes?\b|\bpsicópatas?\b",
        "reduce a la persona a un diagnóstico, o usa un insulto que aleja a la gente de pedir ayuda",
        "«persona que vive con un problema de salud mental», o nombre lo que vive",
    ),
    (
        r"\bretrasad[oa]s?(?: mental\w*)?\b|\bretraso mental\b|\bsubnormal\w*",
        "es un insulto hacia las personas con discapacidad intelectual",
        "«persona con discapacidad intelectual»",
    ),
    (
        r"\b(?:drog)?adict[oa]s?\b|\balcohólic[oa]s?\b|\byonquis?\b|\bdrogadictos?\b",
        "reduce a la persona a su consumo, y se asocia a juicios más duros del personal",
        "«persona que consume drogas», «persona con un problema con el alcohol», «en recuperación»",
    ),
    (
        r"\b(?:inmigrantes? |extranjeros? )?ilegales\b",
        "llama ilegal a una persona; asusta a quien teme cómo se tratará su situación migratoria",
        "«persona migrante» o «persona sin papeles», y diga qué comparte y qué no la clínica "
        "con las autoridades migratorias",
    ),
    (
        r"\bincumplidor\w*|\bincumplimiento\b|\bmanipulador\w*|\bbusca(?:r|n)? llamar la atención\b",
        "culpa a la persona de un plan que no encajaba con su vida, en vez de preguntar qué lo dificultó",
        "«todavía no ha podido seguir el plan», «aún no hemos encontrado un plan que le sirva»",
    ),
    (
        r"\bcomet\w* suicidio\b|\bintento (?:de suicidio )?fallido\b|\bsuicidio consumado\b",
        "«cometer» asocia el suicidio a un delito, y «fallido» lo presenta como un logro o un fracaso",
        "«murió por suicidio», «sobrevivió a un intento de suicidio», «pensamientos de quitarse la vida»",
    ),
    (
        r"\bhogar (?:roto|desestructurado)\b|\bfamilia desestructurada\b",
        "juzga la forma de una familia como un daño",
        "«quién vive en su casa», «cambios en su familia»",
    ),
    (
        r"\b(?:personas|gente|familias?) normal(?:es)?\b",
        "pone una forma de vivir como la norma y a todas las demás como la excepción",
        "diga directamente lo que quiere decir, por ejemplo «la mayoría de las personas que atendemos»",
    ),
)

WORDING = FormWording(
    language="es",
    open_words=r"\b(?:otr[oa]s?|autodescri\w*|sus propias palabras|propias palabras|no (?:figura|aparece) "
    r"en la lista|prefiero no|prefiere no|ningun[oa] de (?:estas|estos|las anteriores))\b",
    negation=r"\b(?:nunca|jamás|no|sin|ningun[oa] necesidad|nadie)\b",
    gender_label=r"\b(?:sexo|género|genero|tratamiento|pronombres?)\b",
    masculine=frozenset({"masculino", "m", "hombre", "varón", "varon", "sr", "sr.", "señor", "él"}),
    feminine=frozenset(
        {"femenino", "f", "mujer", "sra", "sra.", "srta", "srta.", "señora", "señorita", "ella"}
    ),
    gender=(
        "Aquí solo hay dos respuestas. Una persona no binaria, intersexual o que entiende su género "
        "de otra manera no tiene dónde marcar algo verdadero, y aprende en la primera página que quizá "
        "aquí no la vean.",
        "Pregunte «¿Cómo describe usted su género?» con una línea para escribir. Si el sexo asignado al "
        "nacer hace falta para la atención, pregúntelo aparte, explique por qué e incluya intersexual, "
        "«otro» y «prefiero no decirlo».",
    ),
    pronouns=r"\bpronombres?\b",
    no_pronouns=(
        "El formulario nunca pregunta qué pronombres usar, así que el personal adivinará; y un error "
        "en la sala de espera es un tropiezo temprano y a la vista de todos.",
        "Añada «Pronombres que debemos usar con usted (por ejemplo ella, él, elle, o simplemente su "
        "nombre): ____», y deje que se pueda dejar en blanco.",
    ),
    chosen_name=r"\bnombre (?:que (?:usa|utiliza|prefiere|le gustaría)|preferido|elegido|social)\b|"
    r"\bcómo (?:le gustaría|quiere|prefiere) que (?:le|la|lo) llamemos\b",
    no_chosen_name=(
        "Solo se pide el nombre legal o el del seguro. Mucha gente usa otro nombre (personas trans y no "
        "binarias, personas con nombres de otro idioma, quien usa un apodo), y que le llamen por el "
        "nombre equivocado en cada visita desgasta la confianza.",
        "Añada «El nombre que le gustaría que usemos: ____» junto al nombre legal, y asegúrese de que "
        "sea el nombre que el personal dice en voz alta y escribe en las cartas.",
    ),
    race_label=r"\b(?:raza|racial|etnia|étnic[oa]|origen étnico|grupo étnico)\b",
    race_label_more=r"(?:\s*(?:,|/|\bo\b|\by\b|\bu\b|\be\b)\s*(?:raza|etnia|origen (?:étnico|cultural)|"
    r"cultura|ascendencia|procedencia))+",
    race_single=r"\b(?:marque|elija|seleccione|escoja|señale|circule)\s+(?:solo |sólo |únicamente )?una\b|"
    r"\bsolo una\b|\bsólo una\b|\buna sola\b",
    race_multi=r"\btodas? las que (?:correspondan|apliquen)\b|\bmás de una\b|\bvarias\b",
    race_one_choice=(
        "Se pide elegir una sola raza o etnia. Muchas personas tienen más de una herencia, y obligarlas "
        "a elegir les pide dejar de lado una parte de su familia.",
        "Escriba «¿Cómo describe su raza, etnia u origen cultural? Elija todas las que correspondan, o "
        "escríbalo con sus propias palabras: ____», y deje la lista como opcional.",
    ),
    race_not_open="Tampoco hay forma de responder con sus propias palabras.",
    race_closed=(
        "La lista de razas o etnias está cerrada: quien no encuentra su herencia en ella no tiene una "
        "respuesta verdadera que dar.",
        "Añada «Con sus propias palabras: ____» y «Prefiero no decirlo», y permita marcar más de una.",
    ),
    mother=r"\bnombre de (?:la )?madre\b|\bmadre\s*(?:\(|:)|\bmamá\s*:",
    father=r"\bnombre del? (?:el )?padre\b|\bpadre\s*(?:\(|:)|\bpapá\s*:",
    parent_pair=r"\bmadre\s*/\s*padre\b|\bpadre\s*/\s*madre\b|\besposo\s*/\s*esposa\b|\besposa\s*/\s*esposo\b|"
    r"\bmarido\s*/\s*mujer\b",
    parent_words=r"\bmadre\b|\bpadre\b",
    spouse=r"\b(?:esposo|esposa|marido)\s*(?::|\()|\bnombre del? (?:la )?(?:esposo|esposa|marido)\b",
    marital=r"\bestado civil\b|\bestá usted casad[oa]\b",
    marital_options=frozenset(
        {
            f"{stem}{end}"
            for stem in ("solter", "casad", "divorciad", "viud", "separad")
            for end in ("o", "a", "o/a", "o a", "os")
        }
        | {"sí", "si", "no"}
    ),
    parents=(
        "El formulario da por hecho que toda persona tiene una madre y un padre que nombrar. Quien creció "
        "con dos madres o dos padres, con abuelos, tías, familia de acogida o elegida, o con un solo "
        "progenitor, se encuentra con un formulario sin lugar para su familia.",
        "Pregunte «¿Quiénes son sus padres, tutores o personas que le cuidan? (nombres y qué relación "
        "tienen con usted): ____», con espacio para las que hagan falta.",
    ),
    partner=(
        "Los campos de pareja con género (esposo, esposa) dejan fuera a las parejas del mismo género y a "
        "quien tiene una relación que el formulario no imaginó.",
        "Use «Pareja o cónyuge, si tiene: ____», o pregunte quién vive en su hogar.",
    ),
    marital_closed=(
        "La situación de pareja se limita a una lista legal como soltero o casado. Quien convive con su "
        "pareja, tiene más de una pareja, mantiene su relación en privado o cuyo matrimonio no está "
        "reconocido no tiene una respuesta verdadera.",
        "Pregunte «Situación de pareja, con sus propias palabras (opcional): ____», o añada «con pareja», "
        "«conviviendo» y «otra: ____» a la lista.",
    ),
    language_barrier=r"\b(?:solo|sólo|solamente|únicamente) en español\b|\ben español únicamente\b|"
    r"\bdebe (?:hablar|leer|entender) (?:el )?español\b|"
    r"\btra(?:iga|er|igan) (?:a )?(?:un familiar|familiares|un pariente|un amigo|una amiga|amigos|alguien|"
    r"sus hijos|su propio intérprete|su propio traductor)\b[^.]{0,40}?\b(?:interpret|traduzc|tradu)\w*|"
    r"\bno (?:hay|ofrecemos|se ofrecen|contamos con) intérpretes?\b",
    language_offer=r"\bintérpret\w*|\binterpret\w*|\btraduc\w*|\blengua(?:je)? de señas\b|"
    r"\ben su (?:propio |propia )?(?:idioma|lengua)\b",
    barrier=(
        "Se pide a las personas que se arreglen en un solo idioma o que traigan su propio intérprete. "
        "Los familiares, y sobre todo los niños, no deberían cargar con la historia privada de un "
        "pariente en una consulta; y quien no puede seguir el formulario quizá no vuelva.",
        "Diga «Los intérpretes son gratis, también de lengua de señas. Díganos su idioma y lo "
        "organizamos; nunca necesita traer a familiares ni amigos para que interpreten.»",
    ),
    no_offer=(
        "Nada en el formulario dice que se puede tener intérprete o recibir el formulario en su idioma, "
        "así que quienes más lo necesitan quizá no sepan que pueden pedirlo.",
        "Añada al principio: «¿En qué idioma le gustaría hablar con nosotros? Los intérpretes, también "
        "de lengua de señas, son gratis. ____», y diga que el formulario existe en otros idiomas.",
    ),
    money=r"\b(?:pago|pagos|pagar|tarifas?|honorarios|costo|coste|cargos?|factura\w*|copago)\b",
    hard_line=r"\bpago (?:completo|íntegro|total)\b|\ben su totalidad\b|\bsin excepci(?:ón|ones)\b|"
    r"\bdebe (?:pagar|pagarse|abonarse)\b|\bserá(?:n)? dad[oa]s? de baja\b",
    fees_help=r"\bescala móvil\b|\btarifas? (?:reducidas?|según (?:sus |los )?ingresos)\b|"
    r"\bsegún (?:sus |los )?ingresos\b|\bexim\w*|\bexon\w*|\bcondon\w*|\bayuda económica\b|"
    r"\bbajo costo\b|\bsin costo\b|\blo que pueda pagar\b",
    hard_terms=(
        "Las condiciones de pago están escritas como una línea dura. Quien anda corto de dinero este mes "
        "lee que la atención no es para él, y quizá deje de venir antes que preguntar.",
        "Escriba «Si la tarifa le resulta difícil, díganoslo: tenemos una escala móvil según los "
        "ingresos, y no dejaremos de atenderle por dinero sin hablarlo antes.»",
    ),
    no_fees_help=(
        "El formulario no menciona una escala móvil ni tarifas reducidas. El costo es una de las razones "
        "más comunes para no empezar o dejar de venir en silencio, y mucha gente no pregunta.",
        "Añada «Las tarifas pueden ajustarse a lo que pueda pagar (escala móvil). Pregúntenos, o marque "
        "aquí y lo hablamos en privado: ☐».",
    ),
    access=r"\badaptacion\w*|\bajustes? razonables?\b|\baccesib\w*|\bletra grande\b|"
    r"\blengua(?:je)? de señas\b|\bbraille\b|\bsin escalones\b|\blector de pantalla\b|"
    r"\bmás fácil (?:para usted )?(?:participar|venir|asistir)\b|"
    r"\ble haría más fácil\b",
    no_access=(
        "El formulario nunca pregunta qué haría más fácil venir a la clínica: acceso sin escalones, "
        "lengua de señas, letra grande, una sala tranquila, más tiempo, un lector de pantalla. Las "
        "personas con discapacidad quedan solas para plantearlo, o para arreglárselas.",
        "Pregunte «¿Hay algo que le haría más fácil participar (por ejemplo acceso sin escalones, lengua "
        "de señas, letra grande, pausas, una sala más tranquila)? ____».",
    ),
    religion_label=r"\b(?:religión|religion|afiliación religiosa|confesión religiosa|credo)\b"
    r"(?=\s*(?:[:(|☐○]|$))",
    religion_assumed=r"\biglesia a la que asiste\b|\b(?:qué|cuál|a qué) iglesia\b|"
    r"\bnombre de (?:su )?(?:iglesia|pastor|parroquia|sacerdote)\b|\bfecha de bautismo\b|\bdenominación\b",
    assumed=(
        "La pregunta da por sentada una religión (una iglesia, un pastor, un bautismo). Las personas de "
        "otras creencias, o sin ninguna, leen que la clínica no las esperaba.",
        "Pregunte «¿Forman parte de su vida la fe, la religión o la espiritualidad? Si quiere, "
        "cuéntenos con sus propias palabras, incluida cualquier comunidad o guía que le acompañe: ____».",
    ),
    religion_closed=(
        "La religión es una lista corta y cerrada. Quien no encuentra su fe en ella, o no tiene religión "
        "o tiene una práctica espiritual propia, no tiene una respuesta honesta.",
        "Déjela abierta: «Fe, religión o espiritualidad, si tiene, con sus propias palabras: ____», y "
        "deje claro que «ninguna» y «prefiero no decirlo» son bienvenidas.",
    ),
    stigma=_STIGMA,
    labels=("Por qué importa", "Pruebe en su lugar"),
    stigma_message="«{term}» {why}. Un formulario suele ser lo primero que una persona lee de nosotros, y "
    "palabras así le dicen cómo la van a ver.",
    stigma_suggestion="Use palabras sencillas que pongan primero a la persona: {better}.",
)

RULES = register_language(WORDING, TITLES)

"""Intake forms in Spanish and French: the form's language is read, and its own rules run."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from casekit.audit.examples import example_forms_dir
from casekit.audit.form_audit import audit_document, audit_form
from casekit.audit.language import MIN_HITS, detect_language, distinctive_words, guess_language
from casekit.audit.readers import read_form
from casekit.audit.rules import CATEGORIES, all_rules, report_labels, rule_languages
from casekit.cli import cli

FORMS = example_forms_dir()
TWINS = [
    ("es", "poor-intake.es.txt", "good-intake.es.md"),
    ("fr", "poor-intake.fr.txt", "good-intake.fr.md"),
    ("es", "poor-intake.es.pdf", "good-intake.es.pdf"),
    ("fr", "poor-intake.fr.pdf", "good-intake.fr.pdf"),
]


def _text(name: str) -> str:
    return " ".join(p.text for p in read_form(FORMS / name).passages)


@pytest.mark.parametrize(
    ("name", "language"),
    [
        ("poor-intake.txt", "en"),
        ("good-intake.md", "en"),
        ("poor-intake.docx", "en"),
        ("poor-intake.es.txt", "es"),
        ("good-intake.es.md", "es"),
        ("poor-intake.fr.txt", "fr"),
        ("good-intake.fr.md", "fr"),
    ],
)
def test_each_example_form_is_read_in_its_own_language(name, language):
    """Does the stop-word scorer tell each English, Spanish and French example form apart?"""
    assert detect_language(_text(name)) == language


def test_a_word_common_to_two_languages_counts_for_neither():
    """Are words like 'de', 'la' and 'en' (Spanish and French alike) left out of both lists?"""
    words = distinctive_words()
    for shared in ("de", "la", "en", "que", "un"):
        assert all(shared not in known for known in words.values())
    assert "usted" in words["es"] and "vous" in words["fr"] and "your" in words["en"]


def test_too_little_text_is_read_as_english_and_the_scores_show_why():
    """Is a two-word scrap read as English (too few words to tell), with its scores there to check?"""
    guess = guess_language("Sexo: usted")
    assert guess.language == "en"
    assert guess.scores["es"] == 1 < MIN_HITS


def test_a_mixed_form_goes_to_the_language_that_clearly_leads():
    """Does a Spanish form with an English heading still read as Spanish, and an even mix as English?"""
    spanish = "Welcome. " + _text("good-intake.es.md")
    assert detect_language(spanish) == "es"
    even = "the and of to you your is are " + "usted los las del una por para con"
    assert detect_language(even) == "en"


def test_every_language_has_a_rule_for_every_category():
    """Do Spanish and French each have a rule for all ten categories the English rules have?"""
    assert set(rule_languages()) >= {"en", "es", "fr"}
    for language in ("es", "fr"):
        rules = all_rules(language)
        assert list(rules) == list(CATEGORIES)
        assert all(rule.language == language for rule in rules.values())
        assert all(rule.title and rule.title != all_rules()[c].title for c, rule in rules.items())


@pytest.mark.parametrize(("language", "poor", "good"), TWINS)
def test_each_twin_raises_the_findings_its_english_twin_raises(language, poor, good):
    """Does the Spanish or French twin of the poor form raise the same findings, in the same places,
    as the English form, and its welcoming twin none?"""
    suffix = poor.rsplit(".", 1)[1]
    english = audit_form(FORMS / f"poor-intake.{suffix}")
    twin = audit_form(FORMS / poor)
    assert twin.language == language and english.language == "en"
    assert [(f.category, f.location.label) for f in twin.findings] == [
        (f.category, f.location.label) for f in english.findings
    ]
    assert len(twin.findings) == 18 and twin.categories == set(CATEGORIES)
    assert audit_form(FORMS / good).findings == ()
    assert audit_form(FORMS / good.replace(f".{language}.", ".")).findings == ()


@pytest.mark.parametrize(("language", "poor", "good"), TWINS)
def test_findings_are_worded_in_the_forms_language(language, poor, good):
    """Is every 'why it matters' and 'try instead' of a twin's findings written in the twin's language?"""
    for finding in audit_form(FORMS / poor).findings:
        # One short sentence can have too few little words to tell; a finding's two parts together can.
        assert detect_language(finding.message + " " + finding.suggestion) == language, finding.message


@pytest.mark.parametrize(
    ("language", "turned_away", "welcomed"),
    [
        (
            "es",
            "Si necesita un intérprete, traiga a un familiar para que le interprete.",
            "Nunca necesita traer a familiares ni amigos para que interpreten por usted.",
        ),
        (
            "fr",
            "Si besoin, amenez un membre de votre famille pour interpréter.",
            "Vous n'avez jamais besoin d'amener de la famille pour interpréter.",
        ),
    ],
)
def test_bring_a_family_member_to_interpret_is_found_and_its_denial_is_not(
    text_form, language, turned_away, welcomed
):
    """Is 'bring a family member to interpret' a finding in Spanish and French, and 'you never need
    to bring family to interpret' an offer instead?"""
    bad = audit_document(text_form(turned_away), language=language)
    good = audit_document(text_form(welcomed), language=language)
    assert [f.category for f in bad.findings if f.category == "language-access"] == ["language-access"]
    assert not [f for f in good.findings if f.category == "language-access"]


def test_a_form_in_spanish_audited_as_english_misses_what_spanish_rules_find():
    """Would the English rules alone miss the Spanish form's closed gender field (why languages matter)?"""
    english_rules = audit_form(FORMS / "poor-intake.es.txt", language="en")
    assert "gender-binary" not in english_rules.categories
    assert "gender-binary" in audit_form(FORMS / "poor-intake.es.txt").categories


def test_the_cli_reports_a_french_form_with_french_labels():
    """Does `casekit audit form` introduce a French form's findings in French, with French titles?"""
    result = CliRunner().invoke(cli, ["audit", "form", str(FORMS / "poor-intake.fr.txt")])
    assert result.exit_code == 0, result.output
    why, instead = report_labels("fr")
    assert f"{why}: " in result.output and f"{instead}: " in result.output
    assert "Genre proposé en deux options seulement [gender-binary]" in result.output
    assert "Why it matters" not in result.output


@pytest.mark.parametrize(
    ("name", "findings_word", "areas_word"),
    [("poor-intake.es.txt", "hallazgos", "áreas"), ("poor-intake.fr.txt", "constats", "domaines")],
)
def test_the_cli_summary_line_is_in_the_forms_language(name, findings_word, areas_word):
    """Does `casekit audit form` open a Spanish or French form's report with its count in that language?"""
    audit = audit_form(FORMS / name)
    count, areas = len(audit.findings), len(audit.by_category())
    result = CliRunner().invoke(cli, ["audit", "form", str(FORMS / name)])
    assert result.exit_code == 0, result.output
    first = result.output.splitlines()[0]
    assert (
        first == f"{name}: {count} {findings_word} {'en' if name.endswith('.es.txt') else 'dans'} "
        f"{areas} {areas_word}"
    )
    assert "findings" not in first and " in " not in first


def test_the_summary_follows_each_languages_plural_rule():
    """Is one finding singular in every language, and is zero singular in French but plural in Spanish?"""
    from casekit.audit.summary import findings_summary

    assert findings_summary(1, 1, "en") == "1 finding in 1 area"
    assert findings_summary(1, 1, "es") == "1 hallazgo en 1 área"
    assert findings_summary(0, 0, "fr") == "0 constat dans 0 domaine"
    assert findings_summary(2, 0, "es") == "2 hallazgos en 0 áreas"
    assert findings_summary(3, 2, "xx") == "3 findings in 2 areas"  # no catalogue: English


def test_json_names_the_language_each_form_was_read_in():
    """Does the JSON of an audit say which language the form was read in?"""
    assert audit_form(FORMS / "poor-intake.es.txt").as_dict()["language"] == "es"


def test_the_workbook_shows_a_spanish_forms_findings_under_spanish_headings():
    """Does the audit workbook's Markdown give a Spanish form's areas and labels in Spanish?"""
    from casekit.audit.audit_workbook import form_audit_markdown, own_wording

    text = form_audit_markdown(audit_form(FORMS / "poor-intake.es.txt"))
    why, instead = report_labels("es")
    assert f"{why}: " in text and f"{instead}: " in text
    assert "**Género con solo dos opciones** (`gender-binary`)" in text
    assert "Género con solo dos opciones" in own_wording()


def test_the_cli_can_be_told_the_forms_language():
    """Does --language es read an English form with the Spanish rules (and say so in the JSON)?"""
    result = CliRunner().invoke(
        cli, ["audit", "form", "--language", "es", "--json", str(FORMS / "poor-intake.txt")]
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert {r["category"] for r in rows} >= {"pronouns-missing", "fees-access"}
    assert any(r["message"].startswith("El formulario nunca pregunta") for r in rows)


@pytest.mark.parametrize(
    ("language", "parents", "partner", "parents_advice"),
    [
        ("es", "Madre/Padre: ____", "Nombre del esposo: ____", "una madre y un padre"),
        ("fr", "Mère/Père : ____", "Nom du mari : ____", "une mère et un père"),
    ],
)
def test_a_parent_pair_gets_the_parents_advice_and_a_spouse_the_partners(
    text_form, language, parents, partner, parents_advice
):
    """Is 'Madre/Padre' (or 'Mère/Père') answered with the advice about parents, and a husband's
    name with the advice about partners?"""
    (on_parents,) = audit_document(
        text_form(parents), language=language, categories=["family-structure"]
    ).findings
    (on_partner,) = audit_document(
        text_form(partner), language=language, categories=["family-structure"]
    ).findings
    assert parents_advice in on_parents.message
    assert parents_advice not in on_partner.message


# (language, category, form text that should be flagged, similar text that should not)
TRANSLATED_CASES = [
    (
        "es",
        "gender-binary",
        "Sexo: [ ] Hombre [ ] Mujer",
        "Género: [ ] Mujer [ ] Hombre [ ] No binario [ ] Otro: ____",
    ),
    ("es", "gender-binary", "Sexo (M/F): ____", "¿Cómo describe usted su género? ____"),
    (
        "es",
        "race-single-choice",
        "Etnia (elija una):\n[ ] Blanca\n[ ] Negra",
        "Etnia (marque todas las que correspondan):\n[ ] Blanca\n[ ] Negra\n[ ] Otra: ____",
    ),
    (
        "es",
        "family-structure",
        "Estado civil: [ ] Soltera [ ] Casada",
        "Estado civil: [ ] Soltera [ ] Casada [ ] Otra: ____",
    ),
    (
        "es",
        "religion-assumed",
        "¿A qué iglesia va? ____",
        "¿Forma parte de su vida la fe? Cuéntenos con sus propias palabras: ____",
    ),
    (
        "es",
        "religion-assumed",
        "Religión: [ ] Católica [ ] Evangélica",
        "Religión: [ ] Católica [ ] Evangélica [ ] Otra: ____",
    ),
    ("es", "stigmatizing-language", "¿Es usted alcohólico?", "¿Le preocupa cuánto bebe?"),
    (
        "es",
        "stigmatizing-language",
        "¿Viene de una familia desestructurada?",
        "¿Ha habido cambios en su familia?",
    ),
    (
        "es",
        "fees-access",
        "El pago completo es obligatorio antes de cada sesión.",
        "Si el pago es difícil, tenemos una escala móvil.",
    ),
    (
        "fr",
        "gender-binary",
        "Civilité : [ ] Monsieur [ ] Madame",
        "Civilité : [ ] Monsieur [ ] Madame [ ] Autre : ____",
    ),
    ("fr", "gender-binary", "Sexe (H/F) : ____", "Comment décrivez-vous votre genre ? ____"),
    (
        "fr",
        "race-single-choice",
        "Ethnie (cochez une seule case) :\n[ ] Blanche\n[ ] Noire",
        "Ethnie (cochez toutes celles qui conviennent) :\n[ ] Blanche\n[ ] Noire\n[ ] Autre : ____",
    ),
    (
        "fr",
        "family-structure",
        "Situation familiale : [ ] Célibataire [ ] Mariée",
        "Situation familiale, avec vos propres mots : ____",
    ),
    (
        "fr",
        "religion-assumed",
        "Nom de votre paroisse : ____",
        "La spiritualité fait-elle partie de votre vie ? ____",
    ),
    (
        "fr",
        "religion-assumed",
        "Religion : [ ] Catholique [ ] Protestante",
        "Religion : [ ] Catholique [ ] Protestante [ ] Autre : ____",
    ),
    (
        "fr",
        "stigmatizing-language",
        "Êtes-vous alcoolique ?",
        "Votre consommation d'alcool vous inquiète-t-elle ?",
    ),
    (
        "fr",
        "stigmatizing-language",
        "Les malades mentaux sont reçus le mardi.",
        "Nous recevons toute personne le mardi.",
    ),
    (
        "fr",
        "fees-access",
        "Le paiement intégral est dû avant chaque séance.",
        "Nos tarifs sont modulés selon vos revenus.",
    ),
    (
        "fr",
        "language-access",
        "Les consultations ont lieu uniquement en français.",
        "Un interprète est offert dans votre langue.",
    ),
]


@pytest.mark.parametrize(("language", "category", "flagged", "fine"), TRANSLATED_CASES)
def test_each_translated_rule_tells_a_flagged_form_from_a_similar_fine_one(
    text_form, language, category, flagged, fine
):
    """Does the rule in that language flag the closed or stigmatising wording and leave the open one?"""
    found = audit_document(text_form(flagged), language=language, categories=[category]).findings
    passage_level = [f for f in found if not f.whole_form]
    assert passage_level, f"nothing found in {flagged!r}"
    kept = audit_document(text_form(fine), language=language, categories=[category]).findings
    assert not [f for f in kept if not f.whole_form], f"flagged {fine!r}"


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("good-intake.es.md", "good-intake.es.md: sin hallazgos. Nada de este formulario llamó la atención"),
        (
            "good-intake.fr.md",
            "good-intake.fr.md : aucun constat. Rien sur ce formulaire n'a attiré l'attention",
        ),
    ],
)
def test_the_no_findings_line_is_in_the_forms_language(name, says):
    """Does `casekit audit form` say a welcoming Spanish or French form has no findings in that language?"""
    result = CliRunner().invoke(cli, ["audit", "form", str(FORMS / name)])
    assert result.exit_code == 0, result.output
    first = result.output.splitlines()[0]
    assert first.startswith(says) and "no findings" not in first


def test_the_workbooks_no_findings_line_comes_from_the_catalogue_in_the_forms_language():
    """Does the workbook's report of a form with no findings say so in the form's language (and in
    English for a language casekit has no catalogue for)?"""
    from casekit.audit.audit_workbook import form_audit_markdown
    from casekit.audit.summary import no_findings

    spanish = audit_form(FORMS / "good-intake.es.md")
    assert spanish.language == "es" and not spanish.findings
    assert form_audit_markdown(spanish).endswith(
        "\n\nSin hallazgos: nada de este formulario llamó la atención."
    )
    assert no_findings("fr") == "Aucun constat : rien sur ce formulaire n'a attiré l'attention."
    assert no_findings("xx") == "No findings: nothing on this form stood out."

"""Every piece of guidance prose the formulation form shows, in one place for review.

Written in our own words from the clinical framework (``DOMAIN.md``). The prompts are questions to
reflect on, not scores or checklists. Identity is part of every client's story, so nothing here is
framed as being for "minority clients" only; the same questions are asked of the clinician.

Nothing here is licensed instrument wording (no Cultural Formulation Interview questions, no
Cultural Humility Scale items, no ORS/SRS text).

Pure data: no imports from ipywidgets, no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass

from casekit.model import Domain


@dataclass(frozen=True)
class SectionGuidance:
    """What the form shows beside one section: a title, a sentence on its purpose, and prompts."""

    title: str
    purpose: str
    questions: tuple[str, ...]
    addressing: bool = False


SECTIONS: dict[str, SectionGuidance] = {
    "question": SectionGuidance(
        title="Consultation question",
        purpose=(
            "Say first what you would like from the group today, so that everything else is "
            "understood in its light."
        ),
        questions=(
            "If the consultation goes well, what will you be able to do next week that you cannot now?",
            "Is your question about understanding the client, about yourself, or about the systems "
            "around the work?",
            "What kind of help do you want: ideas, a different lens, or support with something hard?",
        ),
    ),
    "identity": SectionGuidance(
        title="Client identity",
        purpose=(
            "Every client has a cultural story. Record who the client says they are, in their own "
            "words, and what matters most to them. The client is the expert on their life."
        ),
        questions=(
            "Which identities did the client name as important, and how do they fit together for them?",
            "How does the client wish to be addressed, and what does their name mean to them?",
            "What do culture, healing, well-being and help mean to this client?",
            "How does the client explain what is wrong, and what do they think would help?",
            "Who and what supports them — family, community, faith, traditions?",
            "Where have they looked for help before (including healers or faith leaders), and what got "
            "in the way?",
            "Have they worried that someone from a different background would misunderstand them?",
        ),
        addressing=True,
    ),
    "positionality": SectionGuidance(
        title="Clinician positionality",
        purpose=(
            "Your own identities shape what you notice, what you miss, and how the client may see "
            "you. Naming them is part of the work, whatever your background or the client's."
        ),
        questions=(
            "Which of your own identities are closest to the surface in this work?",
            "Where do you hold privilege that the client may not, and where might it be the reverse?",
            "How might your identities shape what you notice, ask about, or leave out?",
            "How might the client see you, and what might they hold back because of it?",
            "What assumptions about this client would you like to test rather than trust?",
            "What feelings come up for you around difference or sameness with this client?",
        ),
        addressing=True,
    ),
    "compare": SectionGuidance(
        title="Side by side",
        purpose=(
            "The identities the client names beside your own, by area. This is a prompt to reflect on "
            "power and privilege between you, not a score or a match."
        ),
        questions=(
            "Where do you and the client stand differently in relation to power?",
            "Where a difference is large, what might the client need from you to feel safe saying so?",
            "Where you seem alike, what could similarity lead you to assume?",
        ),
    ),
    "power": SectionGuidance(
        title="Power dynamics",
        purpose=(
            "Power works in the room (your role, fees, language, diagnosis, who decides) and in the "
            "systems around the client (racism, immigration, poverty, access, institutions, history)."
        ),
        questions=(
            "Who decides what happens in sessions, and how could the client share more of that?",
            "Which systems press on the client's life right now, and how do they show up in the work?",
            "Is there harm in the client's or their family's history that shapes trust in helpers?",
            "For each dynamic: what is its effect, and what are you doing about it?",
        ),
    ),
    "goals": SectionGuidance(
        title="Co-created goals",
        purpose=(
            "Goals written together: the client's words first, your framing beside them, and the "
            "wording you agreed on. Progress is rated by the client."
        ),
        questions=(
            "Would the client recognise this goal as their own if they read it?",
            "What values does the goal serve for the client and the people who matter to them?",
            "How will the client notice progress in daily life, in their own terms?",
            "Where does your framing differ from the client's words, and who decided?",
        ),
    ),
    "adaptations": SectionGuidance(
        title="Adaptations",
        purpose="How you fitted your methods to the client's context, and how the client responded.",
        questions=(
            "What did you change — timing, language, who takes part, the method itself?",
            "Was the adaptation the client's idea, yours, or worked out together?",
            "How did the client respond, in their words?",
        ),
    ),
    "missteps": SectionGuidance(
        title="Missteps and repair",
        purpose=(
            "Cultural missteps happen in every relationship. Named and repaired, a rupture can "
            "strengthen the alliance. Record what happened and where the repair stands."
        ),
        questions=(
            "What happened, and how did the client describe its impact?",
            "How did you acknowledge it, and did you apologise?",
            "What changed afterwards, and how will you follow up?",
            "Is there a misstep you have not yet raised with the client?",
        ),
    ),
    "feedback": SectionGuidance(
        title="Client feedback",
        purpose=(
            "How understood and respected the client feels, session by session, in their own ratings "
            "and words. A clinic's licensed instruments can be recorded as totals."
        ),
        questions=(
            "Did the client feel understood today? How do you know?",
            "Did anything in the session feel disrespectful to them, even slightly?",
            "What would the client like to be different next time?",
        ),
    ),
    "identifiers": SectionGuidance(
        title="Private identifiers",
        purpose=(
            "Names, contacts, dates of birth, places, employers and schools. They stay in this "
            "workspace, encrypted, and are never exported or shown to the group. casekit uses them "
            "to find and remove identifying details from anything you share."
        ),
        questions=(
            "Include nicknames, earlier names and names written in other scripts, so they are caught too.",
            "Add family members' names and the places, employers and schools that could point to the client.",
        ),
    ),
}

#: Breadth reminders for Hays' ADDRESSING areas (plus language): a question per area, offered to
#: widen attention, never as boxes to tick.
ADDRESSING_TITLE = "Areas to keep in mind (ADDRESSING) — a reminder for breadth, not a checklist"
ADDRESSING_INTRO = (
    "Use these to notice what has not come up yet. Only the client can say which matter and how; "
    "the same areas apply to you."
)
ADDRESSING: dict[Domain, str] = {
    Domain.AGE_GENERATION: "How do age and generation shape expectations of help and of you?",
    Domain.DEVELOPMENTAL_DISABILITY: "Is there a developmental disability in the client's life or family?",
    Domain.ACQUIRED_DISABILITY: "Has illness, injury or disability later in life changed how they live?",
    Domain.RELIGION_SPIRITUALITY: "What place do faith, spirituality or meaning have for them?",
    Domain.ETHNIC_RACIAL_IDENTITY: "How do they describe their ethnic and racial identity, and its weight?",
    Domain.SOCIOECONOMIC_STATUS: "How do money, work and class shape their choices and yours?",
    Domain.SEXUAL_ORIENTATION: "What would they want you to know about who they love?",
    Domain.INDIGENOUS_HERITAGE: "Is Indigenous heritage part of their story or their family's?",
    Domain.NATIONAL_ORIGIN: "Where are they and their family from, and what did moving (or not) mean?",
    Domain.GENDER: "How do they describe their gender, and how does it shape their days?",
    Domain.LANGUAGE: "Which languages carry which parts of their life?",
}

#: Short labels for fields (visible labels of inputs). Kept here so wording is reviewed in one place.
FIELD_LABELS: dict[str, str] = {
    "identity.self_description": "How the client describes themselves",
    "identity.naming": "How they wish to be addressed, and what their name means to them",
    "identity.pronouns": "Pronouns",
    "identity.intersections": "How their identities meet and shape each other",
    "identity.meaning_of_culture": "What culture means to them",
    "identity.meaning_of_healing": "What healing means to them",
    "identity.meaning_of_wellbeing": "What well-being means to them",
    "identity.meaning_of_help": "What help means to them",
    "identity.explanation_of_problem": "Their own explanation of the problem",
    "identity.supports": "Supports, community and spiritual life",
    "identity.past_help_seeking": "Help they have sought before",
    "identity.barriers_to_help": "What has got in the way of help",
    "identity.languages": "Languages",
    "identity.identities": "Identities the client names",
    "positionality.identities": "Your own identities",
    "positionality.shaping_perception": "How your identities shape what you notice",
    "positionality.how_client_may_see_me": "How the client may see you",
    "positionality.assumptions_to_check": "Assumptions to check",
    "positionality.countertransference": "Feelings around difference (countertransference)",
    "question": "What I would like from the group",
}

#: Placeholders: a hint inside an empty box. Never the only label.
PLACEHOLDERS: dict[str, str] = {
    "identity.self_description": "In the client's own words, as far as you can",
    "identity.explanation_of_problem": "What the client says is wrong and why",
    "question": "One or two sentences: what you want help with today",
}

VOICE_HELP = (
    "Whose words these are: the client's own, yours, a consultant's, or a hypothesis still to check "
    "with the client. For the client, say how you have their words: exactly as they said or wrote "
    "them, in your own paraphrase, or through an interpreter."
)

IDENTIFIERS_NOTICE = (
    "Private — stays in this workspace, encrypted. Never exported, never shown to the group, never "
    "saved in the notebook."
)
IDENTIFIERS_LOCKED = (
    "The private identifiers are locked: this workspace has no key for them here. They are kept as "
    "they are; ask the workspace owner for the key or passphrase to edit them."
)

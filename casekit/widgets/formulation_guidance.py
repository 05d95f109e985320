"""Every piece of guidance prose the formulation form shows, in one place for review.

Written in our own words from the clinical framework (``DOMAIN.md``). The prompts are questions to
reflect on, not scores or checklists. Identity is part of every client's story, so nothing here is
framed as being for "minority clients" only; the same questions are asked of the clinician.

Nothing here is licensed instrument wording (no Cultural Formulation Interview questions, no
Cultural Humility Scale items, no ORS/SRS text).

Pure data: no imports from ipywidgets, no I/O. Every string is marked with ``N_`` for the message
catalogues; the form looks each one up when it shows it.
"""

from __future__ import annotations

from dataclasses import dataclass

from casekit.i18n import N_
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
        title=N_("Consultation question"),
        purpose=(
            N_(
                "Say first what you would like from the group today, so that everything else is "
                "understood in its light."
            )
        ),
        questions=(
            N_("If the consultation goes well, what will you be able to do next week that you cannot now?"),
            N_(
                "Is your question about understanding the client, about yourself, or about the systems "
                "around the work?"
            ),
            N_("What kind of help do you want: ideas, a different lens, or support with something hard?"),
        ),
    ),
    "identity": SectionGuidance(
        title=N_("Client identity"),
        purpose=(
            N_(
                "Every client has a cultural story. Record who the client says they are, in their own "
                "words, and what matters most to them. The client is the expert on their life."
            )
        ),
        questions=(
            N_("Which identities did the client name as important, and how do they fit together for them?"),
            N_("How does the client wish to be addressed, and what does their name mean to them?"),
            N_("What do culture, healing, well-being and help mean to this client?"),
            N_("How does the client explain what is wrong, and what do they think would help?"),
            N_("Who and what supports them — family, community, faith, traditions?"),
            N_(
                "Where have they looked for help before (including healers or faith leaders), and what got "
                "in the way?"
            ),
            N_("Have they worried that someone from a different background would misunderstand them?"),
        ),
        addressing=True,
    ),
    "positionality": SectionGuidance(
        title=N_("Clinician positionality"),
        purpose=(
            N_(
                "Your own identities shape what you notice, what you miss, and how the client may see "
                "you. Naming them is part of the work, whatever your background or the client's."
            )
        ),
        questions=(
            N_("Which of your own identities are closest to the surface in this work?"),
            N_("Where do you hold privilege that the client may not, and where might it be the reverse?"),
            N_("How might your identities shape what you notice, ask about, or leave out?"),
            N_("How might the client see you, and what might they hold back because of it?"),
            N_("What assumptions about this client would you like to test rather than trust?"),
            N_("What feelings come up for you around difference or sameness with this client?"),
        ),
        addressing=True,
    ),
    "compare": SectionGuidance(
        title=N_("Side by side"),
        purpose=(
            N_(
                "The identities the client names beside your own, by area. This is a prompt to reflect on "
                "power and privilege between you, not a score or a match."
            )
        ),
        questions=(
            N_("Where do you and the client stand differently in relation to power?"),
            N_("Where a difference is large, what might the client need from you to feel safe saying so?"),
            N_("Where you seem alike, what could similarity lead you to assume?"),
        ),
    ),
    "power": SectionGuidance(
        title=N_("Power dynamics"),
        purpose=(
            N_(
                "Power works in the room (your role, fees, language, diagnosis, who decides) and in the "
                "systems around the client (racism, immigration, poverty, access, institutions, history)."
            )
        ),
        questions=(
            N_("Who decides what happens in sessions, and how could the client share more of that?"),
            N_("Which systems press on the client's life right now, and how do they show up in the work?"),
            N_("Is there harm in the client's or their family's history that shapes trust in helpers?"),
            N_("For each dynamic: what is its effect, and what are you doing about it?"),
        ),
    ),
    "goals": SectionGuidance(
        title=N_("Co-created goals"),
        purpose=(
            N_(
                "Goals written together: the client's words first, your framing beside them, and the "
                "wording you agreed on. Progress is rated by the client."
            )
        ),
        questions=(
            N_("Would the client recognise this goal as their own if they read it?"),
            N_("What values does the goal serve for the client and the people who matter to them?"),
            N_("How will the client notice progress in daily life, in their own terms?"),
            N_("Where does your framing differ from the client's words, and who decided?"),
        ),
    ),
    "adaptations": SectionGuidance(
        title=N_("Adaptations"),
        purpose=N_("How you fitted your methods to the client's context, and how the client responded."),
        questions=(
            N_("What did you change — timing, language, who takes part, the method itself?"),
            N_("Was the adaptation the client's idea, yours, or worked out together?"),
            N_("How did the client respond, in their words?"),
        ),
    ),
    "missteps": SectionGuidance(
        title=N_("Missteps and repair"),
        purpose=(
            N_(
                "Cultural missteps happen in every relationship. Named and repaired, a rupture can "
                "strengthen the alliance. Record what happened and where the repair stands."
            )
        ),
        questions=(
            N_("What happened, and how did the client describe its impact?"),
            N_("How did you acknowledge it, and did you apologise?"),
            N_("What changed afterwards, and how will you follow up?"),
            N_("Is there a misstep you have not yet raised with the client?"),
        ),
    ),
    "feedback": SectionGuidance(
        title=N_("Client feedback"),
        purpose=(
            N_(
                "How understood and respected the client feels, session by session, in their own ratings "
                "and words. A clinic's licensed instruments can be recorded as totals."
            )
        ),
        questions=(
            N_("Did the client feel understood today? How do you know?"),
            N_("Did anything in the session feel disrespectful to them, even slightly?"),
            N_("What would the client like to be different next time?"),
        ),
    ),
    "identifiers": SectionGuidance(
        title=N_("Private identifiers"),
        purpose=(
            N_(
                "Names, contacts, dates of birth, places, employers and schools. They stay in this "
                "workspace, encrypted, and are never exported or shown to the group. casekit uses them "
                "to find and remove identifying details from anything you share."
            )
        ),
        questions=(
            N_(
                "Include nicknames, earlier names and names written in other scripts, so they are caught too."
            ),
            N_(
                "Add family members' names and the places, employers and schools that could point to "
                "the client."
            ),
        ),
    ),
}

#: Breadth reminders for Hays' ADDRESSING areas (plus language): a question per area, offered to
#: widen attention, never as boxes to tick.
ADDRESSING_TITLE = N_("Areas to keep in mind (ADDRESSING) — a reminder for breadth, not a checklist")
ADDRESSING_INTRO = N_(
    "Use these to notice what has not come up yet. Only the client can say which matter and how; "
    "the same areas apply to you."
)
ADDRESSING: dict[Domain, str] = {
    Domain.AGE_GENERATION: N_("How do age and generation shape expectations of help and of you?"),
    Domain.DEVELOPMENTAL_DISABILITY: N_(
        "Is there a developmental disability in the client's life or family?"
    ),
    Domain.ACQUIRED_DISABILITY: N_("Has illness, injury or disability later in life changed how they live?"),
    Domain.RELIGION_SPIRITUALITY: N_("What place do faith, spirituality or meaning have for them?"),
    Domain.ETHNIC_RACIAL_IDENTITY: N_(
        "How do they describe their ethnic and racial identity, and its weight?"
    ),
    Domain.SOCIOECONOMIC_STATUS: N_("How do money, work and class shape their choices and yours?"),
    Domain.SEXUAL_ORIENTATION: N_("What would they want you to know about who they love?"),
    Domain.INDIGENOUS_HERITAGE: N_("Is Indigenous heritage part of their story or their family's?"),
    Domain.NATIONAL_ORIGIN: N_("Where are they and their family from, and what did moving (or not) mean?"),
    Domain.GENDER: N_("How do they describe their gender, and how does it shape their days?"),
    Domain.LANGUAGE: N_("Which languages carry which parts of their life?"),
}

#: Short labels for fields (visible labels of inputs). Kept here so wording is reviewed in one place.
FIELD_LABELS: dict[str, str] = {
    "identity.self_description": N_("How the client describes themselves"),
    "identity.naming": N_("How they wish to be addressed, and what their name means to them"),
    "identity.pronouns": N_("Pronouns"),
    "identity.intersections": N_("How their identities meet and shape each other"),
    "identity.meaning_of_culture": N_("What culture means to them"),
    "identity.meaning_of_healing": N_("What healing means to them"),
    "identity.meaning_of_wellbeing": N_("What well-being means to them"),
    "identity.meaning_of_help": N_("What help means to them"),
    "identity.explanation_of_problem": N_("Their own explanation of the problem"),
    "identity.supports": N_("Supports, community and spiritual life"),
    "identity.past_help_seeking": N_("Help they have sought before"),
    "identity.barriers_to_help": N_("What has got in the way of help"),
    "identity.languages": N_("Languages"),
    "identity.identities": N_("Identities the client names"),
    "positionality.identities": N_("Your own identities"),
    "positionality.shaping_perception": N_("How your identities shape what you notice"),
    "positionality.how_client_may_see_me": N_("How the client may see you"),
    "positionality.assumptions_to_check": N_("Assumptions to check"),
    "positionality.countertransference": N_("Feelings around difference (countertransference)"),
    "question": N_("What I would like from the group"),
}

#: Placeholders: a hint inside an empty box. Never the only label.
PLACEHOLDERS: dict[str, str] = {
    "identity.self_description": N_("In the client's own words, as far as you can"),
    "identity.explanation_of_problem": N_("What the client says is wrong and why"),
    "question": N_("One or two sentences: what you want help with today"),
}

VOICE_HELP = N_(
    "Whose words these are: the client's own, yours, a consultant's, or a hypothesis still to check "
    "with the client. For the client, say how you have their words: exactly as they said or wrote "
    "them, in your own paraphrase, or through an interpreter."
)

IDENTIFIERS_NOTICE = N_(
    "Private — stays in this workspace, encrypted. Never exported, never shown to the group, never "
    "saved in the notebook."
)
IDENTIFIERS_LOCKED = N_(
    "The private identifiers are locked: this workspace has no key for them here. They are kept as "
    "they are; ask the workspace owner for the key or passphrase to edit them."
)

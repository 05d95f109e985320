"""What the self-assessment form says beside each theme and area, in casekit's own words.

Written from the clinical framework (``DOMAIN.md``): an organisation practises cultural humility too,
in its spaces, its open doors, its partnerships and in how it learns, hires, leads and shares power.
The text invites an honest look; it is not a score, and nothing here is copied from the National CLAS
Standards or from any licensed instrument.

Pure data: no ipywidgets, no I/O. Each text is marked with ``N_`` and looked up where it is shown.
"""

from __future__ import annotations

from casekit.audit.assessment import Area, Rating, Theme
from casekit.i18n import N_

#: Shown above the form.
FORM_INTRO = N_(
    "Work through the three themes with the people who know each part of the clinic: the front desk, "
    "clinicians, managers, and if you can, people who use the service. For each item pick how far "
    "along you are, note what you saw, name one next step, and name who will take it by their role. "
    "Honest ratings help more than flattering ones: the point is to see what to do next."
)

#: Help beside the owner box.
OWNER_HELP = N_(
    "Write a role, such as 'Intake coordinator' or 'Clinical director', never a person's name. Roles "
    "outlast staff changes, and the audit stays free of names when it is shared."
)

#: Help beside the notes box.
NOTES_HELP = N_(
    "What you saw, or what people told you, in plain words. Leave out names, phone numbers and "
    "emails of staff or clients; describe roles and patterns instead."
)

#: What each rating means, shown as the buttons' tooltips.
RATING_HELP: dict[Rating, str] = {
    Rating.NOT_STARTED: N_("Nothing is in place yet, or we have not looked."),
    Rating.BEGINNING: N_("We have talked about it or made a first step; it depends on one or two people."),
    Rating.DEVELOPING: N_("It happens in parts of the clinic or some of the time; we are building it up."),
    Rating.ESTABLISHED: N_("It is part of how we work, it has an owner, and we check it regularly."),
}

#: A sentence opening each theme's panel.
THEME_INTRO: dict[Theme, str] = {
    Theme.GOVERNANCE: N_(
        "Who leads, who decides and who gets hired shape everything else. Look at where power sits, "
        "whether the people you serve have a voice in it, and whether learning about culture and "
        "bias is part of everyone's work rather than a single training day."
    ),
    Theme.COMMUNICATION: N_(
        "Can people get in the door, and understand and be understood once they are here? Think of "
        "languages and interpreters, fees, physical and online access, what the waiting room says, "
        "and whether the forms let people describe themselves."
    ),
    Theme.ENGAGEMENT: N_(
        "Relationships with communities, and the habit of asking how people experience the clinic "
        "and acting on the answer. Partnerships are built over time and on the community's terms."
    ),
}

#: Questions beside each area, to help the team look honestly.
AREA_PROMPTS: dict[Area, str] = {
    Area.LEADERSHIP: N_("Does equity work have time and money, or only goodwill?"),
    Area.POWER: N_("Who is in the room when fees, waiting lists and discharge rules are set?"),
    Area.HIRING: N_("Who applies, who is hired, and who stays a second year?"),
    Area.TRAINING: N_("When did supervision last make room for a misstep across difference?"),
    Area.ACCESS: N_("What happens, step by step, when someone calls who does not speak English?"),
    Area.SPACE: N_("Walk in (and log in) as a first-time visitor: who would feel expected here?"),
    Area.FORMS: N_("Could someone describe their name, gender and family in their own words?"),
    Area.PARTNERSHIPS: N_("Which community groups would say they know us, and what did they ask of us?"),
    Area.ACCOUNTABILITY: N_("What changed in the last year because a client told us something?"),
    Area.OUTREACH: N_("Where would people in our communities have met us this year, outside the clinic?"),
    Area.ADVOCACY: N_(
        "Which rule outside our walls keeps people from care, and who are we working with on it?"
    ),
}

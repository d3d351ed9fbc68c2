"""Self-care tips for facial spasms, written as plain data the UI can lay out.

Why this lives in ``app.core``: the words matter as much as the code. Keeping them in one
pure-Python module (no Qt) lets tests check the health rules (docs/content-rules.md) -
never promise a cure, send people to a doctor or pharmacist before supplements, and name
the warning signs that need medical help - without starting a GUI. The content follows
the source article (docs/sources.md), with its "swift healing" promises left out on
purpose.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core.seek_help import INJECTION_ADVICE, STROKE_ADVICE

__all__ = ["DISCLAIMER", "SEEK_HELP", "TIPS", "TipSection", "all_sections"]


@dataclass(frozen=True)
class TipSection:
    """One short section of the tips page: a title, a few paragraphs, optional bullets."""

    title: str
    paragraphs: tuple[str, ...]
    bullets: tuple[str, ...] = ()

    def text(self) -> str:
        """Everything the section says, as one string (for search and for tests)."""
        return "\n".join((self.title, *self.paragraphs, *self.bullets))


DISCLAIMER: str = (
    "Facewell is a companion for everyday self-care, not medical advice. "
    "Your doctor knows your situation best, so please check with them about anything "
    "that worries you."
)

TIPS: tuple[TipSection, ...] = (
    TipSection(
        title="Understanding facial spasms",
        paragraphs=(
            "Facial spasms are sudden muscle movements in the face that you don't choose. "
            "They can be mild or strong, and they can come and go.",
            "Blepharospasm makes the eyelids twitch or close. Hemifacial spasm makes one side "
            "of the face twitch. You may also notice discomfort, or more tearing and eye "
            "irritation when the eyelids are involved.",
            "Some things can make spasms more likely. Knowing yours can help you plan kinder days.",
        ),
        bullets=(
            "Stress, both emotional and physical.",
            "Fatigue: tired muscles twitch more easily.",
            "Nerve irritation or a nerve condition, such as multiple sclerosis.",
            "Some medicines that act on the nervous system.",
        ),
    ),
    TipSection(
        title="Rest and relaxation",
        paragraphs=(
            "Rest and relaxation help your muscles and ease stress. Deep breathing and "
            "meditation can help your face soften.",
            "A few quiet minutes every day is plenty. The routines in Facewell are here "
            "for exactly that.",
        ),
    ),
    TipSection(
        title="Gentle facial exercises",
        paragraphs=(
            "Gentle facial exercises can help your face move more freely and with better "
            "coordination. Keep them small and slow, at about 2 out of 10 effort, and rest "
            "between repetitions.",
            "Never squeeze your eyes tightly. If anything hurts or a spasm gets stronger, "
            "stop and rest.",
            "A physical therapist can make an exercise plan that fits you. That often works "
            "better than a general plan.",
        ),
    ),
    TipSection(
        title="Food and water",
        paragraphs=(
            "Eating well supports your nerves and muscles. There is no special diet to "
            "follow; these are simple foods to include when you can.",
        ),
        bullets=(
            "Omega-3 fats, for example from fatty fish such as salmon or sardines.",
            "Foods rich in antioxidants, such as colourful fruit and vegetables.",
            "Leafy greens such as spinach and kale.",
            "Nuts and seeds.",
            "Water through the day: staying hydrated helps your whole body work well.",
        ),
    ),
    TipSection(
        title="Cold and warm compresses",
        paragraphs=(
            "A cold compress can numb the area and ease pain and swelling. A warm compress "
            "brings blood flow and helps tense muscles relax.",
            "Check your skin during breaks. Stop if it feels too cold, too hot or sore.",
        ),
        bullets=(
            "Cold: wrap ice or a frozen gel pack in a cloth, never straight on the skin. "
            "Use it for about 10 to 15 minutes, with short breaks for your skin.",
            "Warm: a cloth soaked in warm (not hot) water, or a heating pad on low. Use it "
            "for 15 to 20 minutes.",
        ),
    ),
    TipSection(
        title="Chamomile",
        paragraphs=(
            "Chamomile is known for its calming effect. A cup of chamomile tea may help you "
            "unwind and ease stress and muscle tension.",
            "Chamomile can interact with some medicines, such as blood thinners. Ask your "
            "doctor or pharmacist first if you take any regular medicine.",
        ),
    ),
    TipSection(
        title="Magnesium",
        paragraphs=(
            "Magnesium helps muscles relax and may ease cramping. Magnesium citrate is a "
            "form many people take.",
            "Supplements can interact with medicines and don't suit everyone, for example "
            "people with kidney problems. Please ask your doctor or pharmacist before you "
            "take magnesium.",
        ),
    ),
    TipSection(
        title="Valerian root",
        paragraphs=(
            "Valerian root is a herb that promotes relaxation and may help ease muscle "
            "spasms. People take it as a tea or as a supplement.",
            "It can make you drowsy and can interact with medicines, including sleep aids. "
            "Please ask your doctor or pharmacist before you take it.",
        ),
    ),
)

SEEK_HELP: TipSection = TipSection(
    title="When to seek professional help",
    paragraphs=(
        # Urgent first (app.core.seek_help has the words, the journal's notice uses them).
        STROKE_ADVICE,
        INJECTION_ADVICE,
        "See a doctor soon if your spasms keep coming back or get worse: self-care may not "
        "be enough when a problem doesn't go away, and talking to a doctor isn't giving up. "
        "See one soon, too, if you notice any of these:",
    ),
    bullets=(
        "Weakness or drooping of the face or eyelid that comes on slowly. If it comes on "
        "suddenly, call your emergency number.",
        "Double vision or loss of vision while your eyes are open. Lids that clamp shut are "
        "what blepharospasm does; this is about what you see when they are open.",
        "Twitching that spreads to other parts of your face.",
        "Hearing loss or ringing in the ear on the side of the spasms.",
        "An eyelid twitch that lasts more than two weeks.",
        "A red or painful eye, or an eye that won't close. Get it checked today if it hurts "
        "or your sight changes.",
        "A medicine you take may be the cause. Don't stop a prescribed medicine without "
        "advice; ask your doctor or pharmacist.",
        "Balance problems, numbness or vision changes that came on slowly.",
    ),
)


def all_sections() -> tuple[TipSection, ...]:
    """The tips in reading order, ending with when to seek professional help."""
    return (*TIPS, SEEK_HELP)

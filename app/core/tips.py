"""Self-care tips for facial spasms, written as plain data the UI can lay out.

Why this lives in ``app.core``: the words matter as much as the code. Keeping them in one
pure-Python module (no Qt) lets tests check the health rules (docs/content-rules.md) -
never promise a cure, send people to a doctor or pharmacist before supplements, and name
the warning signs that need medical help - without starting a GUI. The content follows
the source article where public clinical guidance agrees with it, and that guidance
where it says more (docs/sources.md); the article's "swift healing" promises are left
out on purpose.
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
            "Blepharospasm makes both eyelids blink or close more than you want; it is a "
            "form of dystonia. Hemifacial spasm makes one side of the face twitch, often "
            "starting around the eye. An eyelid twitch on its own is common, usually "
            "harmless, and often settles with rest and less caffeine.",
            "Some things can make spasms more likely. Knowing yours can help you plan kinder days.",
        ),
        bullets=(
            "Stress, both emotional and physical.",
            "Fatigue and poor sleep: tired muscles twitch more easily.",
            "Caffeine, bright light and long stretches at a screen.",
            "Nerve irritation or a nerve condition, such as multiple sclerosis.",
            "Some medicines that act on the nervous system. Don't stop a prescribed "
            "medicine without talking to your doctor.",
        ),
    ),
    TipSection(
        title="Treatment from your doctor",
        paragraphs=(
            "Botulinum toxin injections are the usual first treatment for blepharospasm "
            "and hemifacial spasm. They ease spasms for a few months, so they are repeated, "
            "often about every three months. Facewell's journal can keep the dates and how "
            "each cycle felt, to take to your appointments.",
            "Hemifacial spasm is often caused by a blood vessel pressing on the facial "
            "nerve, so your doctor may suggest a scan. For some people an operation to move "
            "the vessel away is an option.",
            "Self-care in Facewell goes alongside treatment; it does not replace it.",
        ),
    ),
    TipSection(
        title="Your eyes: dryness and light",
        paragraphs=(
            "Dry, gritty eyes and sensitivity to light are common with blepharospasm, and "
            "they can set off more blinking.",
        ),
        bullets=(
            "Lubricating eye drops can help; a pharmacist can suggest some.",
            "Tinted lenses (a rose tint called FL-41 helps many people), sunglasses or a "
            "brimmed hat outdoors.",
            "Short breaks from screens: look away, blink softly, rest your eyes.",
            "A red or painful eye, or one that won't close, needs a doctor.",
        ),
    ),
    TipSection(
        title="Rest and relaxation",
        paragraphs=(
            "Rest and relaxation ease stress, and stress can make spasms worse. Slow "
            "breathing and quiet attention can help your face soften.",
            "A few quiet minutes every day is plenty. The routines in Facewell are here "
            "for exactly that.",
        ),
    ),
    TipSection(
        title="Gentle facial movements",
        paragraphs=(
            "Gentle facial movements may help you feel relaxed and more at ease in your "
            "face. They don't treat blepharospasm or hemifacial spasm.",
            "Keep them small and slow, at about 2 out of 10 effort, the same on both sides, "
            "and rest between repetitions. Never squeeze your eyes shut. Skip any movement "
            "that sets off a spasm, and stop if anything hurts.",
            "A physiotherapist who knows facial conditions can make a plan that fits you.",
        ),
    ),
    TipSection(
        title="Food and water",
        paragraphs=(
            "There is no special diet for facial spasms. Eating well and drinking enough "
            "water support your whole body; these are simple foods to include when you can.",
        ),
        bullets=(
            "Omega-3 fats, for example from fatty fish such as salmon or sardines.",
            "Colourful fruit and vegetables, rich in antioxidants.",
            "Leafy greens such as spinach and kale.",
            "Nuts and seeds.",
            "Water through the day. Less caffeine may help a twitching eyelid.",
        ),
    ),
    TipSection(
        title="Cold and warm compresses",
        paragraphs=(
            "A cold compress can numb the area and ease soreness. A warm compress can help "
            "tense muscles relax.",
            "Check your skin at every break and at the end. A little pink and cool, or pink "
            "and warm, is normal. If your skin looks white, grey or blotchy, blisters, "
            "stings, or still feels numb, leave the compress off for today.",
        ),
        bullets=(
            "Cold: wrap ice or a frozen gel pack in a thin cloth, never straight on the "
            "skin, for about 10 to 15 minutes in all, with breaks for your skin.",
            "Don't use cold if you have poor circulation, numb skin in that area, or have "
            "reacted badly to cold before.",
            "Warm: a cloth soaked in warm (not hot) water, or a heating pad on low, for "
            "about 15 to 20 minutes in all. Test it on your wrist first.",
            "Never fall asleep with a heating pad on, and don't put one over your eyes.",
            "After botulinum toxin injections, ask the person who injected you before you "
            "put heat or cold on the injection sites.",
        ),
    ),
    TipSection(
        title="Chamomile",
        paragraphs=(
            "Some people find a cup of chamomile tea calming at the end of the day. Drink "
            "it; don't put tea bags on your eyes.",
            "Chamomile is in the daisy family: skip it if you're allergic to ragweed, "
            "daisies or chrysanthemums. It can make you drowsy, more so with sleep "
            "medicines or other sedatives, and it may interact with blood thinners. Ask "
            "your doctor or pharmacist first if you take any regular medicine.",
        ),
    ),
    TipSection(
        title="Magnesium",
        paragraphs=(
            "Magnesium is needed for muscles and nerves to work, and some people take it "
            "hoping it may ease cramps and twitches. The evidence for facial spasms is "
            "weak.",
            "Supplements can upset the stomach (loose stools are common), interact with "
            "some medicines such as certain antibiotics, and don't suit everyone, for "
            "example people with kidney problems. Please ask your doctor or pharmacist "
            "before you take magnesium.",
        ),
    ),
    TipSection(
        title="Valerian root",
        paragraphs=(
            "Valerian is a herb some people use to relax or to sleep; studies disagree on "
            "whether it helps.",
            "It can make you drowsy: don't take it with alcohol, sleep medicines or other "
            "sedatives, and take care with driving until you know how it affects you. It "
            "can interact with other medicines too: please ask your doctor or pharmacist "
            "before you take it.",
        ),
    ),
    TipSection(
        title="You're not alone",
        paragraphs=(
            "Patient groups share information, local meetings and support from people who "
            "live with the same condition.",
        ),
        bullets=(
            "BEBRF, the Benign Essential Blepharospasm Research Foundation (blepharospasm, "
            "hemifacial spasm).",
            "DMRF, the Dystonia Medical Research Foundation.",
            "Dystonia UK, in the United Kingdom.",
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

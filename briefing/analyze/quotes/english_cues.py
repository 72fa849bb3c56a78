"""Word lists for English quotes: verbs of saying and the words around them. Chosen
from how English news reports speech (grammar and usage), not from any evaluation set."""

from __future__ import annotations

# Verbs of saying, in the past, the present and the base form ('said', 'warns', 'deny').
CUES = frozenset(
    """
acknowledge acknowledged acknowledges add added adds admits admitted agreed allege alleged
alleges announce announced announces answered argue argued argues asked asks boasted boasts
cautioned claim claimed clarified complained conceded concedes confirm confirmed confirms
contend contended continued continues declared denied denies deny disclosed elaborated emailed
emphasise emphasised emphasize emphasized exclaimed explain explained explains grumbled insist
insisted insists interjected joked lamented maintained maintains mused muses note noted notes
observed pleaded pleads posted predict predicted predicts promised quipped reasoned recalled
recalls recounted remarked replied reported reports responded retorted revealed reveals said say
says scoffed shouted sighed stated states stress stressed suggested suggests tell tells
testified texted told tweeted tweets warn warned warns whispered wondered writes wrote yelled
claims stresses emphasizes emphasises contends asserts asserted assert affirmed affirms
reaffirmed responds replies answers declares observes remarks recounts testifies complains
jokes laments posts countered read reads vowed vows pledged concluded cried chanted snapped
fumed screamed
""".split()
)

# Verbs of judging, urging or promising: they put quoted words in the subject's mouth
# ('called the move "reckless"'), but take no reported clause of their own here.
ACTS = frozenset(
    """
accused accuses blasted branded called calls characterised characterized cited condemned
criticised criticized decried defended denounced described describes dismissed dismisses dubbed
hailed labeled labelled lauded likened mocked praised praises questioned referred rejected
slammed termed thanked urged urges welcomed
""".split()
)

# Verbs that report a finding, a view or a promise: a statement only with "that" right after.
THAT_ONLY = frozenset(
    """
accepted assumed assured believe believed believes cautions charged concluded concludes
decided demanded determined estimated estimates expected expects feared fears feels
felt finds forecast found highlighted hinted hoped hopes indicated indicates informed pledged
projected promises reiterated reiterates reminded ruled showed shows signaled signalled
speculated think thinks thought underlined underscored urged vowed vows
commented comments mentioned mentions confessed confesses guaranteed implied proclaimed
proposed recommended requested stipulated specified submitted swore threatened protested
objected confided divulged certified recognized recognised advised assures briefed convinced informs
notified persuaded reminds
""".split()
)

# Participles that go on with the same speaker's words ("..., adding that ...").
PARTICIPLES = frozenset(
    """
adding arguing asserting claiming declaring emphasising emphasizing explaining insisting noting
saying stressing warning writing
""".split()
)

# Cues that may take a clause without "that".
BARE = frozenset(
    """
added adds said say says
""".split()
)

# Cues with a listener after them.
TOLD = frozenset(
    """
tells told
""".split()
)

# Verbs that, after "and"/"but", end a reported clause ("..., but added that").
NEXT_VERBS = frozenset(
    """
acknowledge acknowledged acknowledges add added adds admits admitted agreed allege alleged
alleges announce announced announces answered argue argued argues asked asks boasted boasts
called cautioned claim claimed clarified complained conceded concedes confirm confirmed confirms
contend contended continued continues criticised criticized declared denied denies deny
disclosed elaborated emailed emphasise emphasised emphasize emphasized exclaimed explain
explained explains grumbled insist insisted insists interjected joked lamented maintained
maintains mused muses note noted notes observed pleaded pleads pledged posted predict predicted
predicts promised quipped reasoned recalled recalls recounted rejected remarked replied reported
reports responded retorted revealed reveals said say says scoffed shouted sighed stated states
stress stressed suggested suggests tell tells testified texted told tweeted tweets urged vowed
warn warned warns welcomed whispered wondered writes wrote yelled
""".split()
)

# Time words and adverbs between a cue and its "that".
WHEN = frozenset(
    """
also friday monday previously privately publicly recently repeatedly saturday sunday thursday
today tonight tuesday wednesday yesterday
""".split()
)

# Words that open a clause (a reported statement without "that").
CLAUSE_OPENERS = frozenset(
    """
a all an he her his i it its more most no our she some that the their there these they this
those we
""".split()
)

# Words that join a clause to the one before: no reported speech of their own.
JOINERS = frozenset(
    """
adding after although and as because before but citing even noting saying since so though
warning when which while who
""".split()
)

# Adverbs and auxiliaries between a subject and its verb of saying.
BEFORE_CUE = frozenset(
    """
again already also always earlier finally first further had has have herself himself initially
just later never often once only previously privately publicly recently repeatedly reportedly
separately subsequently then will would long frequently consistently openly immediately quickly
flatly strongly firmly still now ultimately itself themselves
""".split()
)

# Pronouns that open a clause.
SUBJECT_PRONOUNS = frozenset(
    """
he i it she there they we
""".split()
)

# Auxiliaries and finite verbs that show a clause.
_FINITE = """
are can could couldn't did didn't do does doesn't had hadn't has have is isn't may might must
should was wasn't were weren't will won't would wouldn't
""".split()
# ... with a curly apostrophe ("isn’t"), and the contracted auxiliary alone, as a text with
# its apostrophes written as entities splits it ("they &apos;re" -> "they", "ʼre"; see
# `extract._plain`). Not "ʼs", which is as often the possessive.
FINITE = frozenset(_FINITE + [w.replace("'", "’") for w in _FINITE] + ["\u02bc" + w for w in "t re ll ve m d".split()])

# Irregular past tenses of common verbs: a clause after a verb of saying without "that"
# ("claims the company hid the risks").
PAST = frozenset(
    """
began brought built bought came chose did drove fell felt fought found gave got grew held hid
kept knew led left lost made meant met paid ran rose sat saw sent set shot sold spent spoke
stood stole struck took taught thought threw told understood went won wrote
""".split()
)

# Verbs of saying with a listener before their "that" ("warned lawmakers that").
LISTENER_VERBS = frozenset(
    """
warned warns assured assures reminded reminds informed informs promised promises advised
notified briefed cautioned convinced persuaded
""".split()
)

# One-word listeners after "told".
LISTENERS = frozenset(
    """
congress her him journalists lawmakers me parliament reporters them us
""".split()
)

CLOSE = frozenset({'"', "”", "’", "'", "»"})
OPEN = frozenset({'"', "“", "‘", "'", "«"})

# Phrases of saying that end in a word other than the verb ("pointed out that"): the last
# word and the verbs it follows.
PHRASAL = {
    "out": frozenset(["point", "pointed", "points"]),
    "clear": frozenset(["made", "make", "makes"]),
    "hope": frozenset(["expressed", "voiced"]),
    "concern": frozenset(["expressed", "raised", "voiced"]),
    "concerns": frozenset(["expressed", "raised", "voiced"]),
    "confidence": frozenset(["expressed"]),
    "fears": frozenset(["expressed", "raised", "voiced"]),
    "doubts": frozenset(["expressed", "raised", "voiced"]),
    **dict.fromkeys(
        "worried concerned confident optimistic convinced adamant sure certain hopeful".split(),
        frozenset(["is", "was", "are", "were", "remains", "remained"]),
    ),
}

"""Key actors of an article: mentions merged into people, states, organisations, bodies, groups."""

from __future__ import annotations

import bisect
import dataclasses
import itertools
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc

from diplobrief import lexicon
from diplobrief.actors import backdrop, gazetteer
from diplobrief.actors.clauses import Place, Slot, place_of
from diplobrief.actors.gazetteer import Entry, Gazetteer
from diplobrief.actors.groups import find_groups
from diplobrief.actors.mentions import Mention, MentionFinder, MentionKind, is_subject
from diplobrief.actors.parts import find_parts
from diplobrief.actors.people import people_from_unknown, person_names, recover_people
from diplobrief.actors.roles import Role, RoleFinder
from diplobrief.layout import layout
from diplobrief.models import Actor, ActorType

log = logging.getLogger(__name__)

MAX_KEY = 6
MIN_KEY_SALIENCE = 0.2
# An actor outside headline and lede is key when it acts or is acted upon KEY_ACTS times and
# scores KEY_SALIENCE of the top one.
KEY_SALIENCE = 0.4
KEY_ACTS = 1
MAX_ACTORS = 30
LEDE_SENTENCES = 2
# Salience: each mention counts its weight by its slot in the clause (clauses.py), more in the
# summary; the headline and an early first mention add a bonus. Scores are scaled so the top
# actor has 1.0.
SLOT_WEIGHTS = {
    Slot.SUBJECT: 2.0,  # acts or speaks: "Russia offered to mediate", "Straw said"
    Slot.OBJECT: 1.5,  # is acted upon: "sanctioned Iran", "Iran was sanctioned"
    Slot.OBLIQUE: 1.0,  # "met with Abbas", "talks with Iran"
    Slot.POSSESSOR: 1.0,  # "Russia's foreign minister"
    Slot.OTHER: 0.7,
    Slot.MODIFIER: 0.5,  # "a British company"
    Slot.LOCATION: 0.3,  # "in Moscow"
}
SUMMARY_BONUS = 0.5
HEADLINE_BONUS = 2.0
POSITION_BONUS = 1.5


@dataclass
class Cluster:
    """The mentions of one actor, with what is known about it."""

    key: str
    mentions: list[Mention] = field(default_factory=list)
    role: Role | None = None
    hint: str | None = None  # a title found inside a person's entity span


def find_actors(
    doc: Doc,
    *,
    title: str | None = None,
    authors: Sequence[str] = (),
    summary_sents: Sequence[int] = (),
) -> tuple[Actor, ...]:
    """Return the article's actors, most salient first; the top ones are marked key.

    The passes, in order. A mention is a value: each pass returns new mentions and rewrites
    none in place, and each needs what the passes before it settled.

    1. `MentionFinder.run`: the mentions. People and unknown names from the tagger's
       entities, known names (kind KNOWN, or a body every state has: QUALIFIED by a state
       before it, else GENERIC) from the tables; an unknown name the tagger calls a person
       more often than anything else becomes a person.
    2. `recover_people`: people named where the tagger missed them, by the forms 1 found.
    3. `_roles`: each person's role, keyed by the mention's tokens. Read with every person
       known (a name ends a title's run), and for them only: a name made a person in 5 takes
       the role of the cluster it joins.
    4. `_drop_title_parts`: unknown names that belong to a role's title ("State" in
       "Secretary of State") go.
    5. `people_from_unknown`: unknown names that are a known person's ("Trump" tagged as an
       organisation) become people; their key stays the unknown one until 9, so 7 can still
       fold an acronym into them. The full name of each form of a person's name is settled
       now, over every person (`person_names`).
    6. `_attach_generic`: a GENERIC body takes the state of the last one QUALIFIED before it
       ("the Foreign Ministry" after "the Russian Foreign Ministry"), so 8 sees its full name.
    7. `_merge_bracketed`: an unknown name in brackets after another name is its short name
       ("the National Mining Council (Conamin)"). `_merge_acronyms`: an unknown acronym takes
       the key of the unknown name it abbreviates ("IRGC"), before 8, which may fold that name
       further.
    8. `_merge_short_names`: an unknown short name takes the key of the one full name it
       stands for ("SoftBank" for "SoftBank Group Corp").
    9. `find_groups`: unnamed groups that act ("Palestinian militants", "G7 finance
       ministers"). `_cluster`: people take their full name (5) as key; the mentions of one
       key are one actor, with the first role that names an affiliation, else the first role.
       A one-word "person" with a company noun beside it ("gas monopoly Gazprom") is a
       company (`_companies`); then one actor named two ways is made one (`_merge_clusters`:
       "EC" and "European Commission", "the Commission", "Baikal" and "Baikal Finance Group").
    10. Clusters that are the tagger's slips go: names only a heading gives, lone words,
        common nouns.
    11. `_drop_backdrop`: what is no actor of the story goes: news outlets cited as sources,
        regions, states named only as places (`backdrop`), and an employer named only in the
        role of someone quoted for comment (`_drop_commentators_employers`).
    12. `_rank`: salience, the key actors, and the `Actor` values; each key actor's part in
        the story (`parts`: the verbs that tie it to the others).
    """
    gaz = gazetteer.load()
    finder = MentionFinder(doc, gaz, layout(doc, gaz, title), authors)
    mentions = finder.run()
    mentions += recover_people(doc, finder, mentions)
    roles = _roles(doc, gaz, finder, mentions)
    mentions = _drop_title_parts(doc, gaz, mentions, roles)
    mentions = people_from_unknown(doc, mentions)
    canon = person_names([m for m in mentions if m.type == ActorType.PERSON])
    mentions = _attach_generic(mentions)
    mentions = _merge_bracketed(doc, mentions)
    mentions = _merge_acronyms(mentions)
    mentions = _merge_short_names(doc, mentions, gaz)
    mentions += find_groups(doc, mentions)
    clusters = _cluster(mentions, canon, roles)
    clusters = _companies(doc, gaz, clusters)
    clusters = _merge_clusters(doc, clusters)
    # A name only a title-case heading gives ("Russia Offers") is a fragment unless the tables
    # know it; names from the prose are trusted.
    clusters = [c for c in clusters if not (_guessed(c) and all(m.heading for m in c.mentions))]
    # A "person" named once by one bare word ("Inn", "Cmdr", "Woking") is a tagging slip.
    clusters = [
        c for c in clusters if not (len(c.mentions) == 1 and _lone_word(doc, gaz, c, title))
    ]
    # A "person" only ever named by one word the article also writes in lower case ("Meth. We're
    # on it." beside "the meth crisis", "Marijuana for recreational use") is a common noun.
    lower_words = {t.text for t in doc if t.is_lower}
    clusters = [c for c in clusters if not _common_noun(c, lower_words, doc)]
    clusters = [c for c in clusters if not _stray_word(doc, c, lower_words, title)]
    clusters = _drop_backdrop(doc, gaz, clusters, title)
    clusters = _drop_commentators_employers(clusters, roles)
    return _rank(doc, gaz, clusters, title, summary_sents)


COMMENTATOR_TITLES = lexicon.words("en", "commentator_titles")


def _bystander(doc: Doc, cluster: Cluster) -> bool:
    """Whether an actor is named once and takes no part in the story: it neither acts, speaks
    nor is acted upon there ("companies such as Exxon Mobil", "a front for a rival"), and a
    person has no role to place them. The labelling guide lists such names as non-actors."""
    if len(cluster.mentions) != 1 or cluster.role is not None:
        return False
    m = cluster.mentions[0]
    place = place_of(doc, m.start, m.end, place_like=m.type == ActorType.STATE)
    if place.slot is Slot.LOCATION and place.prep == "from" and place.head is not None:
        place = Place(Slot.OBLIQUE, place.head, "from")  # "officials from the Institute said"
    return not place.active


def _drop_commentators_employers(clusters: list[Cluster], roles: Roles) -> list[Cluster]:
    """Leave out an organisation named only in the role of someone quoted for comment ("Ronald
    Smith, an analyst at Renaissance Capital"): the person's affiliation, not a party to the
    story."""
    spans = [
        (r.start, r.end)
        for r in roles.values()
        if any(w.casefold() in COMMENTATOR_TITLES for w in r.text.split())
    ]
    return [
        c
        for c in clusters
        if c.mentions[0].type in {ActorType.PERSON, ActorType.STATE}
        or not all(any(s <= m.start and m.end <= e for s, e in spans) for m in c.mentions)
    ]


def _drop_backdrop(
    doc: Doc, gaz: Gazetteer, clusters: list[Cluster], title: str | None
) -> list[Cluster]:
    """Leave out what is no actor of the story (backdrop.py): news outlets cited as sources,
    regions, and states named only as where something happens or comes from."""
    in_title, title_words = gaz.mentions_in(title) if title else set(), headline_words(title)
    # A state is in the headline by its name, as what the headline is about: "Japanese mogul
    # arrested" is about the mogul, "UK firm faces land row" about the firm.
    by_name = gaz.subjects_in(title) if title else set()
    kept = []
    for c in clusters:
        headline = _in_title(c, in_title, title_words)
        if c.mentions[0].type == ActorType.STATE:
            headline = c.key in by_name
        if backdrop.outlet_as_source(doc, c.mentions, headline):
            continue
        guessed = c.mentions[0].kind in {MentionKind.UNKNOWN, MentionKind.PERSON}
        if guessed and not c.role and backdrop.backdrop_name(doc, gaz, c.mentions):
            continue
        if backdrop.backdrop_state(doc, gaz, c.mentions, headline):
            continue
        if not headline and _bystander(doc, c):
            continue
        kept.append(c)
    return kept


Roles = dict[tuple[int, int], Role]  # a person mention's tokens (`Mention.span`): its role


def _roles(doc: Doc, gaz: Gazetteer, finder: MentionFinder, mentions: list[Mention]) -> Roles:
    """Read each person's role; a plural title is shared down the list it heads."""
    people = [m for m in mentions if m.type == ActorType.PERSON]
    people_at = {i: m for m in people for i in range(m.start, m.end)}
    reader = RoleFinder(doc, gaz, finder.hit_at, people_at, finder.qualifiers, finder.suppressed)
    found = {m.span: r for m in people if (r := reader.find(m)) is not None}
    _share_plural_roles(doc, mentions, found)
    return found


def _drop_title_parts(
    doc: Doc, gaz: Gazetteer, mentions: list[Mention], roles: Roles
) -> list[Mention]:
    """Leave out unknown names inside a title ("State" in "Secretary of State") or leading it
    ("PG&E's senior director", "Interior Minister"): they are part of the title. An employer
    further on in a long apposition ("a market analyst with the research firm Oanda") is still
    an actor."""
    in_roles = {i for r in roles.values() for i in range(r.start, r.end)}
    role_starts = {r.start for r in roles.values()}
    return [
        m
        for m in mentions
        if not (
            m.kind is MentionKind.UNKNOWN
            and m.start in in_roles
            and (m.start in role_starts or _title_part(doc, gaz, m))
        )
    ]


def _title_part(doc: Doc, gaz: Gazetteer, m: Mention) -> bool:
    """Whether a name inside a role belongs to its title: a title follows it ("Treasury
    Secretary") or covers it ("Secretary of State")."""
    if gaz.title_at(doc, m.end, min(len(doc), m.end + gaz.title_max + 2)):
        return True
    for p in range(max(0, m.start - 3), m.start + 1):
        size = gaz.title_at(doc, p, m.end)
        if size and p + size > m.start:  # "State" of "Secretary of State for Foreign ..."
            return True
    return False


def headline_words(title: str | None) -> tuple[str, ...]:
    """The headline's words, case-folded, in order (a name of several words is in the headline
    only as those words in a row)."""
    return tuple(w.strip(".,:;!?\"'’“”").casefold() for w in (title or "").split())


def _lone_word(doc: Doc, gaz: Gazetteer, cluster: Cluster, title: str | None) -> bool:
    """Return whether a "person" is only ever one bare word: no first name, role, title or
    honorific anywhere, never the subject of a clause and not in the headline. News names a
    person in full, or at least has them act or speak ("Erdogan said"), so such a name is
    mostly the tagger's slip (a company, a team, a place: "Gannett", "Spurs", "Woking")."""
    if not _bare_person(cluster):
        return False
    headline = headline_words(title)
    return all(
        len(m.words) == 1
        and not m.title_hint
        and not (m.start > 0 and doc[m.start - 1].lower_ in gaz.honorifics)
        and not is_subject(doc, m.start, m.end)
        and m.words[0].casefold() not in headline
        for m in cluster.mentions
    )


def _bare_person(cluster: Cluster) -> bool:
    """Whether a "person" comes with no role and no title hint to vouch for them."""
    return (
        cluster.mentions[0].type == ActorType.PERSON and cluster.role is None and not cluster.hint
    )


def _common_noun(cluster: Cluster, lower_words: set[str], doc: Doc) -> bool:
    """Whether a one-word "person" with no role is a word the text also uses in lower case."""
    if not _bare_person(cluster):
        return False
    if any(is_subject(doc, m.start, m.end) for m in cluster.mentions):
        return False  # "Hunt said ..." beside "the hunt for supplies": a person who acts
    return all(len(m.words) == 1 and m.words[0].lower() in lower_words for m in cluster.mentions)


def _stray_word(doc: Doc, cluster: Cluster, lower_words: set[str], title: str | None) -> bool:
    """Whether an "organisation" the tables do not know is one capitalised word, named once,
    that opens a sentence or that the article also writes in lower case ("Malaria kills...",
    "Patriots by definition wanted ...", "Telecoms"), or an acronym ("GSM"), and that neither
    acts nor is acted upon: a common noun or a thing, not a body."""
    if len(cluster.mentions) != 1:
        return False
    m = cluster.mentions[0]
    if m.kind is not MentionKind.UNKNOWN or len(m.surface.split()) != 1:
        return False
    if m.surface.casefold() in headline_words(title):
        return False
    if place_of(doc, m.start, m.end).active:
        return False  # "Apple, the iPhone maker, declined": a company that acts
    return m.surface.isupper() or doc[m.start].is_sent_start or m.surface.lower() in lower_words


def _guessed(cluster: Cluster) -> bool:
    """Return whether an actor comes from the tagger's guess rather than the tables."""
    first = cluster.mentions[0]
    return first.type == ActorType.PERSON or first.kind is MentionKind.UNKNOWN


def _share_plural_roles(doc: Doc, mentions: list[Mention], found: Roles) -> None:
    """Give "Ri" the role of "officials Kim and Ri": people listed after a plural title (added
    to `found`, down the list: "officials Kim, Ri and Pak")."""
    people = sorted((m for m in mentions if m.type == ActorType.PERSON), key=lambda m: m.start)
    for previous, current in itertools.pairwise(people):
        role = found.get(previous.span)
        if role is None or not role.plural or current.span in found:
            continue
        between = [t.text for t in doc[previous.end : current.start] if not t.is_space]
        if between in (["and"], [","], [",", "and"]):
            found[current.span] = role


def _cluster(
    mentions: list[Mention], canon: dict[tuple[str, ...], tuple[str, ...]], roles: Roles
) -> list[Cluster]:
    """Group mentions by actor: people by their full name, the rest by key."""
    clusters: dict[str, Cluster] = {}
    for m in sorted(mentions, key=lambda m: m.start):
        if m.type == ActorType.PERSON:
            m = dataclasses.replace(m, key=" ".join(canon[m.words]), kind=MentionKind.PERSON)
        cluster = clusters.setdefault(m.key, Cluster(m.key))
        cluster.mentions.append(m)
        role = roles.get(m.span)
        # The first role that names an affiliation wins; else the first role at all.
        if role is not None and (
            cluster.role is None
            or (cluster.role.affiliation is None and role.affiliation is not None)
        ):
            cluster.role = role
        if m.title_hint and cluster.hint is None:
            cluster.hint = m.title_hint
    return list(clusters.values())


COMPANY_NOUNS = lexicon.words("en", "company_nouns")


def _companies(doc: Doc, gaz: Gazetteer, clusters: list[Cluster]) -> list[Cluster]:
    """Make a company of a "person" only ever named by one word, with no role, title or
    honorific, that a company noun stands beside ("gas monopoly Gazprom", "its Agroflora
    subsidiary", "Yuganskneftegas - the oil firm")."""
    out = []
    for c in clusters:
        bare = _bare_person(c) and all(
            len(m.words) == 1 and not (m.start > 0 and doc[m.start - 1].lower_ in gaz.honorifics)
            for m in c.mentions
        )
        if bare and _company_noun_beside(doc, c.mentions[0].surface):
            c = Cluster(
                f"unknown:{c.mentions[0].surface.casefold()}",
                [
                    dataclasses.replace(
                        m, type=ActorType.ORGANISATION, kind=MentionKind.UNKNOWN, words=()
                    )
                    for m in c.mentions
                ],
            )
        out.append(c)
    return out


def _company_noun_beside(doc: Doc, word: str) -> bool:
    """Whether a company noun stands beside a word anywhere in the text: just before it ("oil
    firm Yukos"), just after it ("Agroflora subsidiary") or in an apposition after it
    ("Yuganskneftegas - the oil firm")."""
    for t in doc:
        if t.text != word:
            continue
        after = doc[t.i + 1 : t.i + 2]
        if after and after[0].text in {",", "-", "–", "—", "("}:
            after = doc[t.i + 1 : t.i + 5]
        if any(x.lower_ in COMPANY_NOUNS for x in (*doc[max(0, t.i - 2) : t.i], *after)):
            return True
    return False


def _merge_clusters(doc: Doc, clusters: list[Cluster]) -> list[Cluster]:
    """Make one actor of two that name the same organisation or body: the tail of the other's
    name ("Armed Forces" of "U.S. Armed Forces"), an acronym of it ("EC" for "European
    Commission"), its last or first word after "the" ("the Commission", "the Bank" for "Bank of
    England"), or the first word of a company's name ("Baikal" for "Baikal Finance Group"), when
    exactly one other actor fits."""
    bodies = [
        i
        for i, c in enumerate(clusters)
        if c.mentions[0].type not in {ActorType.PERSON, ActorType.STATE}
    ]
    # A bare one-word "person" may be a company's short name ("that Baikal was a front").
    loose = [
        i
        for i, c in enumerate(clusters)
        if _bare_person(c) and all(len(m.words) == 1 for m in c.mentions)
    ]
    into: dict[int, int] = {}  # index of a folded cluster -> index of the one it joins
    for i in bodies + loose:
        c = clusters[i]
        name = c.mentions[0].surface if i in loose else c.mentions[0].name
        words = name.split()
        longer = [
            j for j in bodies if j != i and len(clusters[j].mentions[0].name.split()) > len(words)
        ]
        names = {j: clusters[j].mentions[0].name for j in longer}
        if i not in loose and c.mentions[0].kind in {MentionKind.UNKNOWN, MentionKind.GENERIC}:
            # "Armed Forces" of "U.S. Armed Forces", "Boerse" of "Deutsche Boerse": the tail of
            # one longer name, of no other name in another place, and with no "of" of its own
            # ("Communist Party" beside "Communist Party of Vietnam" stays as it is). A name the
            # tables know is never folded ("Labour Party" is not the "Scottish Labour Party").
            tails = [j for j in longer if names[j].split()[-len(words) :] == words]
            others = [j for j in longer if j not in tails and _contains(names[j].split(), words)]
            owned = any(m.end < len(doc) and doc[m.end].lower_ == "of" for m in c.mentions)
            if len(tails) == 1 and not others and not owned and tails[0] not in into:
                into[i] = tails[0]
                continue
        if len(words) != 1:
            continue
        if i not in loose and name.isupper() and 2 <= len(name) <= 6:
            fits = [j for j in longer if _initials(names[j]) == name]
        elif i not in loose and all(
            m.start > 0 and doc[m.start - 1].lower_ == "the" for m in c.mentions
        ):  # "the Commission" of "European Commission", "the Bank" of "Bank of England"
            fits = [j for j in longer if name in (names[j].split()[-1], names[j].split()[0])]
        else:
            fits = [j for j in longer if _prefix_of_company(name, names[j])]
        if len(fits) == 1 and fits[0] not in into:
            into[i] = fits[0]
    out = []
    for i, c in enumerate(clusters):
        if i not in into:
            out.append(c)
            continue
        target = clusters[into[i]]
        first = target.mentions[0]
        target.mentions.extend(
            dataclasses.replace(
                m, key=target.key, name=first.name, type=first.type, kind=first.kind
            )
            for m in c.mentions
        )
        target.mentions.sort(key=lambda m: m.start)
    return out


def _prefix_of_company(short: str, full: str) -> bool:
    """Whether a word opens a company's name that ends in a company suffix or noun ("Baikal" of
    "Baikal Finance Group", "Daiwa" of "Daiwa Securities"); "Apple" of "Apple Records" may be
    another company."""
    words = full.split()
    last = words[-1].casefold()
    return words[0] == short and (last in CORPORATE_SUFFIXES or last in COMPANY_NOUNS)


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper())


def _attach_generic(mentions: list[Mention]) -> list[Mention]:
    """Give a bare "Foreign Ministry" the state of the last qualified one before it."""
    out = list(mentions)
    last: dict[str, Mention] = {}
    for i in sorted(range(len(out)), key=lambda i: out[i].start):
        m = out[i]
        if m.generic_body is None:
            continue
        if m.kind is MentionKind.QUALIFIED:
            last[m.generic_body] = m
        elif m.kind is MentionKind.GENERIC and (q := last.get(m.generic_body)) is not None:
            out[i] = dataclasses.replace(
                m, key=q.key, name=q.name, code=q.code, kind=MentionKind.QUALIFIED
            )
    return out


def _merge_bracketed(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Fold an unknown name written in brackets right after another name into it, wherever it
    is used: "the National Mining Council (Conamin)" introduces "Conamin" as its short
    name, whether or not it spells the initials. Not after a person ("Mr Smith (Labour)" names
    his party) nor a state ("Burma (Myanmar)" is the same state, the tables know it)."""
    by_end = {m.end: m for m in mentions if m.type not in {ActorType.PERSON, ActorType.STATE}}
    into: dict[str, Mention] = {}
    for m in mentions:
        if m.kind is not MentionKind.UNKNOWN or m.start < 2 or m.end >= len(doc):
            continue
        if doc[m.start - 1].text != "(" or doc[m.end].text != ")":
            continue
        full = by_end.get(m.start - 1)
        if full is not None and full.key != m.key and m.key not in into:
            into[m.key] = full
    if not into:
        return mentions
    return [
        dataclasses.replace(
            m,
            key=full.key,
            name=full.name,
            type=full.type,
            code=full.code,
            kind=full.kind,
            generic_body=full.generic_body,
        )
        if (full := into.get(m.key)) is not None
        else m
        for m in mentions
    ]


def _merge_acronyms(mentions: list[Mention]) -> list[Mention]:
    """Fold an unknown acronym into the name it abbreviates ("IRGC" -> "... Guard Corps")."""
    out = list(mentions)
    names = {m.key: j for j, m in enumerate(mentions) if m.kind is MentionKind.UNKNOWN}
    for i, m in enumerate(mentions):
        word = m.surface
        if not (m.kind is MentionKind.UNKNOWN and word.isupper() and 2 <= len(word) <= 6):
            continue
        for j in names.values():
            other = out[j]  # as folded so far
            initials = "".join(w[0] for w in other.surface.split() if w[:1].isupper())
            if j != i and len(other.surface.split()) > 1 and initials == word:
                out[i] = dataclasses.replace(
                    m, key=other.key, name=other.name, type=other.type, kind=other.kind
                )
                break
    return out


CORPORATE_SUFFIXES = lexicon.words("en", "corporate_suffixes")


def _merge_short_names(doc: Doc, mentions: list[Mention], gaz: Gazetteer) -> list[Mention]:
    """Fold an organisation's short name into its full one when the rest is only a company
    suffix ("SoftBank" into "SoftBank Group Corp") or the state it belongs to ("Communist Party"
    into "Chinese Communist Party"), so one organisation is one actor; but only when one full
    name can take it ("Communist Party" beside the Chinese one and the Communist Party of
    Vietnam stays as it is), and never a short name with its own state ("Germany's Greens")."""
    out = list(mentions)
    names = {
        m.key: j
        for j, m in enumerate(mentions)
        if m.type not in {ActorType.PERSON, ActorType.STATE}
    }
    state_at = {i for m in mentions if m.type == ActorType.STATE for i in range(m.start, m.end)}
    # "the Communist Party of Vietnam", tagged as "Communist Party" + "Vietnam": that short
    # name belongs to a state of its own somewhere, so it is not folded anywhere.
    owned = {
        m.key
        for m in mentions
        if m.end + 1 < len(doc) and doc[m.end].lower_ == "of" and m.end + 1 in state_at
    }
    for i, m in enumerate(mentions):
        if m.kind is not MentionKind.UNKNOWN or m.type == ActorType.PERSON or m.code is not None:
            continue
        if m.key in owned:
            continue
        words = m.name.casefold().split()
        fuller: list[Mention | None] = []  # None: a name that shares the words but is no fit
        for j in names.values():
            other = out[j]  # as folded so far
            longer = other.name.casefold().split()
            if len(longer) <= len(words) or not _contains(longer, words):
                continue
            fits = False
            if longer[: len(words)] == words:
                fits = all(w.strip(",") in CORPORATE_SUFFIXES for w in longer[len(words) :])
            elif longer[-len(words) :] == words:
                found = gaz.lookup_text(" ".join(other.name.split()[: len(longer) - len(words)]))
                fits = found is not None and found[0].type == ActorType.STATE
            fuller.append(other if fits else None)
        if len(fuller) == 1 and (full := fuller[0]) is not None:
            out[i] = dataclasses.replace(
                m,
                key=full.key,
                name=full.name,
                type=full.type,
                code=full.code,
                kind=full.kind,
                generic_body=full.generic_body,
            )
    return out


def _contains(longer: list[str], words: list[str]) -> bool:
    n = len(words)
    return any(longer[i : i + n] == words for i in range(len(longer) - n + 1))


def _rank(
    doc: Doc,
    gaz: Gazetteer,
    clusters: list[Cluster],
    title: str | None,
    summary_sents: Sequence[int],
) -> tuple[Actor, ...]:
    """Score each actor by what its mentions do in their clauses, and mark the key ones.

    A mention counts by its slot (`SLOT_WEIGHTS`: acting or speaking most, being acted upon
    next, a place or a qualifier least), more in the summary. Key actors are those in the
    headline, or acting or acted upon in the lede, and those whose score is close to the top
    one's (`KEY_SALIENCE`) and who act, but for a person given no role or title: not the names
    mentioned most."""
    # Without a parser there are no sentences: the summary bonus then has nothing to match.
    sent_starts = [s.start for s in doc.sents] if doc.has_annotation("SENT_START") else [0]
    summary = set(summary_sents)
    in_title = gaz.mentions_in(title) if title else set()
    title_words = headline_words(title)
    lede_end = sent_starts[LEDE_SENTENCES] if len(sent_starts) > LEDE_SENTENCES else len(doc)
    size = max(len(doc), 1)
    scored: list[tuple[float, Cluster, bool, int]] = []
    for cluster in clusters:
        score, prominent, acts = 0.0, False, 0
        for m in cluster.mentions:
            sent = bisect.bisect_right(sent_starts, m.start) - 1
            place = place_of(doc, m.start, m.end, place_like=m.type == ActorType.STATE)
            weight = SLOT_WEIGHTS[place.slot] if place.active or not _acting_slot(place) else 1.0
            if place.slot is Slot.POSSESSOR and not place.active:
                weight = SLOT_WEIGHTS[Slot.OTHER]
            bonus = SUMMARY_BONUS if sent in summary else 0.0
            score += m.weight * weight * (1.0 + bonus)
            if place.active:
                acts += 1
            if m.start < lede_end and not m.heading and place.active:
                prominent = True
        first = min(m.start for m in cluster.mentions)
        score += POSITION_BONUS * (1.0 - first / size)
        if _in_title(cluster, in_title, title_words):
            score += HEADLINE_BONUS
            prominent = True
        scored.append((score, cluster, prominent, acts))
    scored.sort(key=lambda row: (-row[0], min(m.start for m in row[1].mentions)))
    top = scored[0][0] if scored else 1.0
    actors = []
    keys = 0
    for score, cluster, prominent, acts in scored[:MAX_ACTORS]:
        salience = round(score / top, 3)
        # Outside the headline and lede, the story centres on an actor the text places: a
        # person it gives no role or title ("Mr Hale said ... Hale added") is a voice in it.
        centre = not _bare_person(cluster)
        # Key actors are what an analyst would write down: not a name the tagger is unsure of.
        key = (
            keys < MAX_KEY
            and salience >= MIN_KEY_SALIENCE
            and (prominent or (salience >= KEY_SALIENCE and acts >= KEY_ACTS and centre))
            and not _lone_word(doc, gaz, cluster, title)
        )
        keys += key
        actors.append(_actor(gaz, cluster, salience, key))
    actors = _with_parts(doc, actors, [c for _, c, _, _ in scored[:MAX_ACTORS]])
    # The key actors first, each part by salience (a stable sort keeps the score order).
    return tuple(sorted(actors, key=lambda a: not a.key))


def _with_parts(doc: Doc, actors: list[Actor], clusters: list[Cluster]) -> list[Actor]:
    """Give each key actor its part in the story: the verbs that tie it to the others."""
    spans = {m.span: a.name for a, c in zip(actors, clusters, strict=True) for m in c.mentions}
    return [
        dataclasses.replace(a, parts=find_parts(doc, [m.span for m in c.mentions], spans))
        if a.key
        else a
        for a, c in zip(actors, clusters, strict=True)
    ]


def _acting_slot(place: Place) -> bool:
    return place.slot in {Slot.SUBJECT, Slot.OBJECT, Slot.OBLIQUE}


def _in_title(cluster: Cluster, in_title: set[str], title_words: tuple[str, ...]) -> bool:
    if cluster.key in in_title:
        return True
    first = cluster.mentions[0]
    if first.type == ActorType.PERSON:
        return any(
            w.casefold() in title_words for m in cluster.mentions for w in m.words if len(w) > 2
        )
    return first.kind is MentionKind.UNKNOWN and f" {first.name.casefold()} " in (
        f" {' '.join(title_words)} "
    )


def _actor(gaz: Gazetteer, cluster: Cluster, salience: float, key: bool) -> Actor:
    first = cluster.mentions[0]
    name = first.name
    if first.type == ActorType.PERSON:  # the full name as the text spells it ("Cheuk Hau-yip")
        full = max((m.words for m in cluster.mentions), key=len)
        name = next(" ".join(m.surface.split()) for m in cluster.mentions if m.words == full)
    aliases: list[str] = []
    for m in cluster.mentions:
        surface = " ".join(m.surface.split())
        if surface != name and surface not in aliases:
            aliases.append(surface)
    role_text = cluster.role.text if cluster.role else cluster.hint
    if first.type == ActorType.STATE and role_text is None and first.code is not None:
        role_text = gaz.territory_kinds.get(first.code)  # Hong Kong is no state of its own
    affiliation: Entry | None = cluster.role.affiliation if cluster.role else None
    code = first.code
    if first.type == ActorType.PERSON:
        code = affiliation.code if affiliation else None
    elif first.type != ActorType.STATE and code is not None:
        affiliation = gaz.states.get(code)
    return Actor(
        name=name,
        type=first.type,
        mentions=len(cluster.mentions),
        key=key,
        aliases=tuple(aliases),
        role=role_text,
        affiliation=affiliation.name if affiliation else None,
        country_code=code,
        salience=salience,
    )

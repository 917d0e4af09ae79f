"""Questions about an article itself: who wrote it, when it was published.

Sentence evidence cannot answer these. The byline and date are metadata that ingestion read off
the article's own lines ("About Shihoko Goto", "Asia-Pacific Research, March 28, 2024"). So
when a question names an article (most of its title's words appear in the question) and asks
for its author or date, the answer comes from the Document and cites the line it was read from.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from .spans import month_label
from .types import Answer, Citation, Claim, Document, Line, answer_text

AUTHOR = re.compile(r"\b(who (wrote|authored|is the author of)|author of|written by|byline)\b",
                    re.I)
PUBLISHED = re.compile(r"\bwhen (was|were|did)\b.*\b(publish\w*|written|write|posted|"
                       r"come out|came out|appear\w*|run)\b", re.I)
WORD = re.compile(r"[a-z0-9]+(?:['’-][a-z0-9]+)*")
MIN_TITLE_SHARE = 0.75  # of the title's content words that the question must contain
STOP = frozenset("a an and as at by for from in into of on or the to with its it is are was "
                 "were be this that".split())


# A question about a piece of writing ("who wrote the article about ...") asks for the byline of
# the article that answers it even when it does not quote the title. The piece must be what is
# asked about: "when was the first reader comment on the ... article posted?" asks about a
# comment.
PIECE = re.compile(r"\b(?:who (?:wrote|authored)|author of|when (?:was|were))\s+(?:the|this|that|"
                   r"a|an)\s+(?P<qual>(?:[\w'’-]+\s+){0,2}?)(?P<piece>article|piece|column|op-?ed|"
                   r"story|report|essay|editorial|commentary|analysis)\b", re.I)


def _words(text: str) -> set[str]:
    return {w for w in WORD.findall(text.lower()) if w not in STOP and len(w) > 1}


def named_article(question: str, documents: Sequence[Document]) -> Document | None:
    """The one article whose title the question names, or None (none, or ambiguous)."""
    asked = _words(question)
    scored = []
    for doc in documents:
        title = _words(doc.title)
        if len(title) >= 3:
            scored.append((len(title & asked) / len(title), doc))
    good = sorted((s for s in scored if s[0] >= MIN_TITLE_SHARE), key=lambda s: -s[0])
    if not good or (len(good) > 1 and good[1][0] == good[0][0]):
        return None
    return good[0][1]


def _line_with(doc: Document, needle: str) -> Line | None:
    return next((ln for ln in doc.lines if needle and needle in ln.text), None)


def _cite(doc: Document, line: Line, label: str) -> Citation:
    return Citation(file=doc.file, lines=(line.number, line.number), title=doc.title, date=label,
                    quote=line.text.strip())


# Another thing asked: "The author of the piece ... works at which institution?" asks about the
# author, not for the byline ("what is the name of the author" still asks for it).
OTHER_ASK = re.compile(r"\b(?:which|what|where|how)\b(?!\s+(?:is|was)\s+(?:the\s+)?"
                       r"(?:name|byline)\b)", re.I)


def asks_author(question: str) -> bool:
    """Does the question ask who wrote an article?

    >>> asks_author("Who wrote the article about Seoul and Beijing?")
    True
    >>> asks_author("The author of the piece on ties works at which institution?")
    False
    """
    return bool(AUTHOR.search(question)) and not OTHER_ASK.search(question)


# "The author of the opinion piece calling ties a 'misguided romance' works where?": asks about
# the person who wrote a piece; opinion pieces end with a line on their author.
AUTHOR_OF = re.compile(r"\b(?:author|writer)\s+of\s+(?:the|this|that|an?)\s+", re.I)


# What an author's line says: where they work and as what.
_AFFILIATION = re.compile(r"\b(?:work\w*|employ\w*|institution|organi[sz]ation|affiliat\w*|"
                          r"position|job|title|role|based|think[- ]tank|university|cent(?:er|re)|"
                          r"institute|profession|occupation)\b", re.I)


def asks_of_author(question: str) -> bool:
    """Does the question ask where an article's author works or as what (not who it is, nor
    what the piece argues)?

    >>> asks_of_author("Where does the author of the Misguided Romance piece work?")
    True
    >>> asks_of_author("Who is the author of the Misguided Romance piece?")
    False
    >>> asks_of_author("What does the author of the Misguided Romance piece argue?")
    False
    """
    return bool(AUTHOR_OF.search(question) and _AFFILIATION.search(question)) \
        and not asks_author(question)


def author_line(doc: Document) -> Line | None:
    """The line that says who the byline's first author is ("Shihoko Goto is the senior
    associate ... at the Woodrow Wilson Center"): the last that opens with their name."""
    if not doc.byline:
        return None
    name = doc.byline.split(" and ")[0].split(",")[0].strip()
    opens = re.compile(rf"^\W*{re.escape(name)}\s+(?:is|was|has|,)", re.I)
    return next((ln for ln in reversed(doc.lines) if opens.match(ln.text)), None)


def asks_about_article(question: str) -> bool:
    """Does the question ask for an author, about an author, or for a publication date?"""
    return asks_author(question) or asks_of_author(question) or bool(PUBLISHED.search(question))


def describes_a_piece(question: str) -> bool:
    """Does the question ask about an article it describes rather than names ("who wrote the
    article about Seoul and Beijing getting closer?")?"""
    return asks_about_article(question) and bool(PIECE.search(question))


def reports_on(question: str, doc: Document) -> bool:
    """Is the piece the question describes one the article itself reports on ("who wrote the
    Global Times column ...?" of an article that cites "a Global Times column")? Its writer
    is then in the text, not in the article's byline.

    >>> from rag.types import Line
    >>> doc = Document("a.txt", 0, "Trade trends", "", (Line(3, 0, "Zhan Debin wrote in a "
    ...                "Global Times column that Seoul must prove its sincerity."),), ())
    >>> reports_on("who wrote the global times column on sincerity", doc)
    True
    >>> reports_on("who wrote the article on sincerity", doc)
    False
    """
    m = PIECE.search(question)
    qual = m.group("qual").strip() if m else ""
    if not m or not qual:
        return False
    said = re.compile(rf"\b{re.escape(qual)}\s+{re.escape(m.group('piece'))}", re.I)
    return not said.search(doc.title) and any(said.search(ln.text) for ln in doc.lines)


def answer_about(question: str, headers: Sequence[Document],
                 labels: dict[tuple[str, int], str],
                 load: Callable[[str, int], Document],
                 best: tuple[str, int] | None = None) -> Answer | None:
    """An Answer from article metadata, or None when the question is not of that kind.

    `headers` are the articles without texts (Index.headers); `load(file, article)` reads the
    one named, for the line to cite. `best` is the article retrieval ranks first: it is the one
    meant when the question describes a piece without naming its title.
    """
    wants_author = asks_author(question)
    of_author = asks_of_author(question)
    if not (wants_author or of_author or PUBLISHED.search(question)):
        return None
    named = named_article(question, headers)
    described = named is None and best is not None and describes_a_piece(question)
    if described:
        named = next((h for h in headers if (h.file, h.article) == best), None)
    if named is None:
        return None
    doc = load(named.file, named.article)
    if described and reports_on(question, doc):
        return None  # the piece asked about is one the article reports on: its text answers
    if not doc.lines:
        return None
    label = labels.get((doc.file, doc.article), doc.date or "undated")
    title_line = doc.lines[0]
    if of_author:
        found = author_line(doc)
        if found is None:
            return None  # no line on the author: let the evidence path say what it can
        short, line = None, found
        note = (f"what “{doc.title}” says of its author"
                + (", the article that best matches the question." if described else "."))
    elif wants_author:
        if not doc.byline:
            return None  # the article prints no byline: let the evidence path say so
        first = doc.byline.split(" and ")[0].split(",")[0].strip()
        line = _line_with(doc, doc.byline) or _line_with(doc, first) or title_line
        short = doc.byline
        note = f"byline of “{doc.title}”" + (
            ", the article that best matches the question." if described else ".")
    else:
        if not doc.date:
            return None  # undated: the evidence path shows what the text itself says
        day = month_label(doc.date)
        if doc.date_basis == "comments":  # no printed date: the first reader comment bounds it
            short, line = f"on or before {day}", _comment_line(doc) or title_line
        else:
            short, line = day, _date_line(doc) or title_line
        basis = {"printed": "", "dateline": " (from its dateline)",
                 "comments": " (it prints none; its first reader comment is dated so)"}
        note = (f"publication date of “{doc.title}”{basis.get(doc.date_basis, '')}"
                + (", the article that best matches the question." if described else "."))
    claims = (Claim(line.text.strip(), (1,)),)
    return Answer(question=question, answer=answer_text(short, claims, (note,)),
                  short_answer=short, abstained=False, citations=(_cite(doc, line, label),),
                  notes=(note,), claims=claims)


def _date_line(doc: Document) -> Line | None:
    """The line the date was read from: in the header, the first naming its day or year."""
    assert doc.date is not None
    y, month = doc.date[:4], month_label(doc.date[:7]).split()[0]
    day = str(int(doc.date[8:10])) if len(doc.date) == 10 else None
    for ln in doc.lines[:15]:
        if y in ln.text or (day and month[:3] in ln.text and re.search(rf"\b0?{day}\b", ln.text)):
            return ln
    return None


def _comment_line(doc: Document) -> Line | None:
    from .ingest import comment_heads

    heads = comment_heads(doc.lines)
    return next((ln for ln in doc.lines if heads and ln.number == heads[0].line), None)

"""The default (no-LLM) answerer on the real seeds, and the small rules it is built from."""

from __future__ import annotations

import pytest

from rag.cite import quote_in_file
from rag.text import stems, term_present

XI_2014 = "004_917c166e15c6cbe0.txt"  # Xi's July 2014 state visit to Seoul
LEE_2026 = "003_0e1adef3b88bf17b.txt"  # Lee in Beijing; recalls hosting Xi at APEC 2025 in Gyeongju


@pytest.mark.slow
def test_when_did_xi_last_visit_seoul(pipeline, seeds_index):
    answer = pipeline.ask("when did Xi last visit Seoul?")
    assert not answer.abstained
    assert answer.short_answer == "July 2014"
    files = [c.file for c in answer.citations]
    assert XI_2014 in files and LEE_2026 in files
    # The 2025 meeting is not taken for the answer: it is named as elsewhere, with its source.
    note = next(n for n in answer.notes if n.startswith("Not Seoul"))
    assert "Gyeongju" in note and "2025" in note and LEE_2026 in note
    corpus = seeds_index[0].corpus_dir
    assert all(quote_in_file(c, corpus) for c in answer.citations)


@pytest.mark.slow
def test_a_question_not_about_visiting_a_city_gets_no_place_note(pipeline):
    answer = pipeline.ask("How big was South Korea's trade deficit with China in 2023?")
    assert not any(n.startswith("Not ") for n in answer.notes)


@pytest.mark.slow
def test_a_sentence_without_a_year_takes_the_year_before_it(pipeline):
    # 001 (published 2024) reports the 2023 deficit in a sentence that names no year; asked
    # about 2024, that sentence must not count as a 2024 fact.
    answer = pipeline.ask("How big was South Korea's trade deficit with China in 2023?")
    assert not answer.abstained and "18 billion" in answer.answer
    ranked = pipeline.ask("What was South Korea's trade deficit with China in 2024?").evidence
    deficit = next(e for e in ranked if "18 billion trade deficit" in e.text)
    assert deficit.features["year_wrong"] == 1.0


@pytest.mark.parametrize(
    ("term", "text", "found"),
    [
        ("fta", "hopes for a free trade agreement soon", True),
        ("fta", "a free-trade agreement", True),
        ("pm", "the prime minister said", True),
        ("us", "the United States became", True),
        ("fta", "from the agreement", False),
        ("visit", "Xi visited Seoul", True),  # same stem
        ("xi", "Lee met Kim", False),
    ],
)
def test_term_present(term, text, found):
    assert term_present(term, text.lower(), stems(text)) is found


@pytest.mark.slow
@pytest.mark.xfail(strict=True, reason="known regression (issue 12): the evidence model fitted on "
                   "seeds + the quiz dev set ranks Vincent Lee's comment that names qiuwei above "
                   "qiuwei's own; a rule preferring the named author's comments broke 'who "
                   "replied to X'")
def test_a_reader_comment_is_attributed_to_its_author(pipeline, seeds_index):
    answer = pipeline.ask("What does commenter qiuwei say about China's territorial dispute "
                          "with South Korea?")
    assert not answer.abstained
    assert 'qiuwei (reader comment, September 16, 2014): "' in answer.answer
    assert "China does not actually have territorial dispute with South Korea" in answer.answer
    assert answer.short_answer != "qiuwei"  # the question already names the author
    by_qiuwei = [e for e in answer.evidence if e.author == "qiuwei"]
    assert by_qiuwei and all(e.chunk.section == "comments" for e in by_qiuwei)
    corpus = seeds_index[0].corpus_dir
    assert all(quote_in_file(c, corpus) for c in answer.citations)  # the quote stays verbatim


@pytest.mark.slow
def test_which_commenter_is_answered_with_the_author(pipeline):
    answer = pipeline.ask("who replied to George Bruce's big fish comment")
    assert answer.short_answer == "mickytrain"


def test_comment_heads_read_author_and_date():
    from rag.ingest import comment_heads
    from rag.types import Line

    lines = [Line(1, 0, "Archived Comments."),
             Line(3, 20, "  5. On September 12, 2014 at 8:44 pm qiuwei responded with... #"),
             Line(5, 90, "this article is written without an understanding")]
    (head,) = comment_heads(lines)
    assert (head.line, head.author, head.posted) == (3, "qiuwei", "2014-09-12")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "short", "line"),
    [
        ("Who wrote the article China-South Korea: Misguided Romance in East Asia?",
         "Shihoko Goto", 85),
        ("When was the Pacific Forum article on South Korean trade trending away from China "
         "published?", "March 28, 2024", 9),
        # No printed date: the first reader comment bounds it, and the answer says so.
        ("When was China-South Korea: Misguided Romance in East Asia? published",
         "on or before September 11, 2014", 93),
        # An article described, not named: the one retrieval ranks first, and the note says so.
        ("who wrote the 'misguided romance' article about seoul and beijing getting closer?",
         "Shihoko Goto", 85),
    ],
)
def test_questions_about_an_article_are_answered_from_its_metadata(pipeline, seeds_index,
                                                                  question, short, line):
    answer = pipeline.ask(question)
    assert answer.short_answer == short and not answer.abstained
    assert ("best matches the question" in answer.answer) == ("'" in question)
    (citation,) = answer.citations
    assert citation.lines == (line, line)
    assert quote_in_file(citation, seeds_index[0].corpus_dir)


def test_an_article_is_named_only_by_most_of_its_title():
    from rag.articles import named_article
    from rag.types import Document

    docs = [Document("a.txt", 0, "South Korean Trade, Diplomacy Trending Away from China", "",
                     (), ()),
            Document("b.txt", 0, "China flashpoint emerges in Korea-U.S. ties", "", (), ())]
    assert named_article("who wrote the piece on south korean trade trending away from china",
                         docs) is docs[0]
    assert named_article("who wrote about China and Korea?", docs) is None
    from rag.articles import describes_a_piece

    # a piece described is the best-matching article's; "who wrote the letter" is no article
    assert describes_a_piece("who wrote the article about seoul and beijing getting closer?")
    assert not describes_a_piece("Who wrote the letter to Xi?")
    assert not describes_a_piece("When was the first reader comment on the article posted?")


def test_hyphenated_given_names_weigh_like_phrasing_words():
    from rag.query import analyze

    q = analyze("What did North Korea call Lee Jae-myung?")
    assert q.given_names == ("jae", "myung")
    assert q.soft("jae") and q.soft("myung") and not q.soft("lee") and not q.soft("north")
    assert analyze("When did Xi visit Seoul?").given_names == ()


@pytest.mark.parametrize(
    ("sentence", "figure"),
    [
        ("Lee took office on June 4 after a snap election with 49.4 percent.", "49.4 percent"),
        ("On 4 June, 12 ministers were sworn in.", "12"),
        ("Tourists fell from 8 million in 2016 to 4.17 million in 2017.", "4.17 million"),
    ],
)
def test_a_day_of_the_month_is_not_a_figure(sentence, figure):
    from rag.query import analyze
    from rag.spans import short_answer
    from rag.types import Chunk, Evidence

    chunk = Chunk(0, "a.txt", 0, "t", None, "body", 0, len(sentence), 1, 1, sentence)
    best = Evidence(chunk=chunk, text=sentence, start=0, end=len(sentence), line=1, score=1.0)
    q = analyze("How many tourists came in 2017?" if "Tourists" in sentence
                else "How many ministers or what percent?")
    assert short_answer(q, best) == figure


def test_a_year_after_before_bounds_the_answer_and_is_not_asked_for():
    from rag.query import analyze

    q = analyze("When did Xi visit Seoul before his 2025 APEC trip?")
    assert q.before == 2025 and q.years == () and "2025" not in q.terms
    q = analyze("How many tourists came in 2023?")
    assert q.years == (2023,) and q.before is None and q.after is None


@pytest.mark.slow
def test_before_a_dated_event_finds_the_earlier_visit(pipeline):
    answer = pipeline.ask("When did Xi visit Seoul before his 2025 APEC trip?")
    assert answer.short_answer == "July 2014"
    answer = pipeline.ask("Before the Gyeongju APEC trip, when had Xi last visited South Korea?")
    assert answer.short_answer == "July 2014", answer.answer


@pytest.mark.slow
def test_the_article_title_is_context_for_its_sentences(pipeline):
    # "Romance" is only in the title of the article the comments are under.
    answer = pipeline.ask("When was the first reader comment on the Misguided Romance article "
                          "posted?")
    assert not answer.abstained
    assert "(reader comment, September 11, 2014)" in answer.answer


@pytest.mark.slow
def test_a_sentence_starting_with_a_pronoun_is_quoted_with_the_one_before(pipeline, seeds_index):
    answer = pipeline.ask("Which Japanese prime minister said a Chinese attack on Taiwan could be "
                          "an existential crisis for Japan?")
    assert answer.short_answer == "Sanae Takaichi"
    quote = answer.citations[0].quote
    assert quote.startswith("The issue has become more sensitive") and "She warned" in quote
    assert quote_in_file(answer.citations[0], seeds_index[0].corpus_dir)


@pytest.mark.parametrize(
    ("name", "asked", "person"),
    [
        ("Japanese Prime Minister Sanae Takaichi", {"japanese", "prime", "minister"},
         "Sanae Takaichi"),
        ("President Lee Jae-myung", {"lee", "jae", "myung"}, None),  # the question names him
        ("Chinese President Xi Jinping", {"lee"}, "Xi Jinping"),
    ],
)
def test_person_drops_the_title_the_question_supplies(name, asked, person):
    from rag.spans import _person

    assert _person(name, asked) == person


def test_comparison_sides_are_the_terms_only_one_side_has():
    from rag.query import comparison_sides

    assert comparison_sides("Which fell more in 2023, Korean exports to China or imports from "
                            "China?") == (("korean", "exports"), ("imports",))
    assert comparison_sides("When did Xi visit Seoul?") == ()


@pytest.mark.slow
def test_a_comparison_quotes_a_figure_for_each_side(pipeline):
    answer = pipeline.ask("Which drop in Chinese tourists to Korea was bigger: 2016 to 2017, or "
                          "prepandemic to 2024?")
    assert "4.17 million" in answer.answer and "4.6 mill" in answer.answer


@pytest.mark.slow
def test_the_second_part_of_a_question_resolves_its_pronoun_from_the_first(pipeline):
    answer = pipeline.ask("Yoon was expected to stay in office until when, and what actually "
                          "happened to him?")
    assert "what actually happened to Yoon?" in answer.answer


@pytest.mark.parametrize(
    ("question", "figure"),
    [
        ("How much were imports from China worth in 2023?", "$142.8 billion"),
        ("How much did exports to China drop in 2023?", "20%"),
        ("By how much did imports from China fall in 2023?", "8%"),
    ],
)
def test_a_figure_comes_from_the_clause_the_question_is_about(question, figure):
    from rag.query import analyze
    from rag.spans import short_answer
    from rag.types import Chunk, Evidence

    text = ("South Korean exports to China in 2023 dropped 20% year-on-year, to $124.8 billion, "
            "while imports from China dipped 8% year-on-year, to $142.8 billion.")
    chunk = Chunk(0, "a.txt", 0, "t", None, "body", 0, len(text), 1, 1, text)
    best = Evidence(chunk=chunk, text=text, start=0, end=len(text), line=1, score=1.0)
    assert short_answer(analyze(question), best) == figure


def test_a_hyphenated_korean_given_name_stays_part_of_the_name():
    from rag.text import NAME

    found = [m.group(0) for m in NAME.finditer("Prime Minister Han Duck-soo met Wi Sung-lac "
                                                "in a Seoul-based office.")]
    assert found == ["Prime Minister Han Duck-soo", "Wi Sung-lac"]

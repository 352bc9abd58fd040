import pytest

from reader.text.collapse import CollapsedParagraph, collapse_repeated_paragraphs

A = "The council voted nine to four to end the agreement with federal immigration authorities on Tuesday."
B = "Supporters said the vote would rebuild trust. Opponents warned it would shield people who commit crimes."
C = "The mayor has ten days to sign or veto the measure, and a veto can be overridden by seven votes."


def test_exact_repeat_after_normalisation_keeps_first_in_body() -> None:
    shown, hidden = collapse_repeated_paragraphs([A, B, C, B.upper().replace(".", "!")])
    assert shown == [A, B, C]
    assert hidden == [CollapsedParagraph(B.upper().replace(".", "!"), 1)]


def test_teaser_folds_into_the_longer_paragraph_in_its_place() -> None:
    teaser = "Opponents warned it would shield people who commit crimes."
    shown, hidden = collapse_repeated_paragraphs([teaser, A, B, C])
    assert shown == [A, B, C]
    assert hidden == [CollapsedParagraph(teaser, 1)]


def test_near_copies_with_typos_or_punctuation_collapse() -> None:
    typo = A.replace("authorities", "authorites").replace("Tuesday.", "Tuesday!")
    shown, hidden = collapse_repeated_paragraphs([B, A, typo, C])
    assert shown == [B, A, C] and hidden == [CollapsedParagraph(typo, 1)]


def test_copies_with_new_content_are_never_hidden() -> None:
    changed_number = A.replace("nine to four", "ten to three")
    extra_word = A.replace("on Tuesday", "late on Tuesday")
    shown, hidden = collapse_repeated_paragraphs([A, changed_number, extra_word])
    assert changed_number in shown
    # The longer copy carries every word of A, so A is the one hidden, in favour of the longer one.
    assert extra_word in shown and hidden == [CollapsedParagraph(A, 1)]


D = "Officials in three other counties said they were watching the vote and could follow within months."
CAPTION = "Council members listen to public comment at City Hall on Tuesday night."


def test_teaser_block_hides_the_lead_copies() -> None:
    # Two paragraphs pulled to the top, then the article's own paragraphs, then the copies in context.
    shown, hidden = collapse_repeated_paragraphs([B, C, A, D, B, C])
    assert shown == [A, D, B, C]
    assert hidden == [CollapsedParagraph(B, 2), CollapsedParagraph(C, 3)]


def test_repeated_lead_stays_first() -> None:
    # Issue 13: a site repeating its first paragraph is no teaser block; the lead must stay the lead.
    shown, hidden = collapse_repeated_paragraphs([B, A, C, B])
    assert shown == [B, A, C]
    assert hidden == [CollapsedParagraph(B, 0)]


def test_repeated_lead_after_a_missed_caption_stays_first() -> None:
    shown, hidden = collapse_repeated_paragraphs([A, CAPTION, A, B, C])
    assert shown == [A, CAPTION, B, C]
    assert hidden == [CollapsedParagraph(A, 0)]


def test_lead_of_two_paragraphs_repeated_after_a_caption_stays_first() -> None:
    shown, hidden = collapse_repeated_paragraphs([A, B, CAPTION, A, B, C])
    assert shown == [A, B, CAPTION, C]
    assert hidden == [CollapsedParagraph(A, 0), CollapsedParagraph(B, 1)]


def test_short_lines_and_empty_input() -> None:
    assert collapse_repeated_paragraphs([]) == ([], [])
    shown, hidden = collapse_repeated_paragraphs(["Intro.", "Yes.", "No.", "Yes."])
    assert shown == ["Intro.", "Yes.", "No."] and hidden == [CollapsedParagraph("Yes.", 1)]


def _old_prefer_copies_in_the_body(items: list, keeper: dict[int, int]) -> None:  # type: ignore[type-arg]
    """The swap as it was before it kept a running count and an index of who covers whom (quadratic)."""
    from reader.text.collapse import TEASER_BLOCK_MIN

    involved = set(keeper) | set(keeper.values())
    first_unique = next((p.index for p in items if p.index not in involved), len(items))
    if first_unique < TEASER_BLOCK_MIN:
        return
    hidden_at_first = set(keeper)
    for hidden, kept in list(keeper.items()):
        equal = len(items[hidden].words) == len(items[kept].words)
        between = sum(i not in hidden_at_first for i in range(first_unique, hidden))
        if equal and kept < first_unique <= hidden and kept not in keeper and between >= TEASER_BLOCK_MIN:
            del keeper[hidden]
            keeper[kept] = hidden
            for other, target in keeper.items():
                if target == kept:
                    keeper[other] = hidden


def test_the_teaser_swap_is_unchanged_by_its_linear_bookkeeping(monkeypatch: pytest.MonkeyPatch) -> None:
    """Random articles of repeated, teaser and unique paragraphs: the same result as the quadratic original."""
    import random

    from reader.text import collapse

    pool = [A, B, C, "Opponents warned it would shield people who commit crimes.", "Short.",
            A.replace("authorities", "authorites"), "The vote comes after months of debate in the council chamber."]
    rng = random.Random(7)
    articles = [[rng.choice(pool) for _ in range(rng.randrange(1, 14))] for _ in range(3000)]
    new = [collapse.collapse_repeated_paragraphs(a) for a in articles]
    monkeypatch.setattr(collapse, "_prefer_copies_in_the_body", _old_prefer_copies_in_the_body)
    assert new == [collapse.collapse_repeated_paragraphs(a) for a in articles]
    assert sum(bool(hidden) for _, hidden in new) > 1000  # the swap had copies to work on


def test_a_hostile_article_of_many_alike_paragraphs_compares_a_bounded_number_of_pairs(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """20,000 paragraphs from one small vocabulary (each pair partly alike) once took hours; exact repeats past
    the budget still collapse, and no paragraph is lost."""
    import random

    from reader.text import collapse

    calls = 0
    covers = collapse._covers

    def counted(big: object, small: object) -> bool:
        nonlocal calls
        calls += 1
        return covers(big, small)  # type: ignore[arg-type]

    monkeypatch.setattr(collapse, "_covers", counted)
    rng = random.Random(1)
    words = [f"word{i}" for i in range(30)]
    paragraphs = [" ".join(rng.choice(words) for _ in range(12)) + "." for _ in range(20_000)]
    last = paragraphs[-1]
    paragraphs += [last, A, A]  # exact repeats after the budget is spent
    shown, hidden = collapse.collapse_repeated_paragraphs(paragraphs)
    assert calls <= collapse.PAIR_BUDGET
    assert [h.text for h in hidden][-2:] == [last, A]
    assert len(shown) + len(hidden) == len(paragraphs)


def test_near_copies_of_very_long_paragraphs_are_not_compared_word_by_word() -> None:
    """Two 50,000-word paragraphs of the same words in another order: no quadratic near check; both stay."""
    words = [f"w{i % 5000}" for i in range(50_000)]
    first = " ".join(words)
    second = " ".join(reversed(words))
    shown, hidden = collapse_repeated_paragraphs([first, second])
    assert shown == [first, second] and hidden == []


def test_a_cleaned_article_groups_identical_hidden_copies_with_their_count() -> None:
    """9,000 copies of one paragraph are one group of 8,999 hidden (try11 find 5); furniture lines likewise."""
    from reader.text.clean import clean_article

    para = "The council renewed the agreement on Tuesday after a long night of public testimony."
    other = "Advocates said the renewal ignored months of testimony from the county's residents."
    html = "".join(f"<p>{p}</p>" for p in [para, other] * 3 + [para] * 20) + "<p>Advertisement</p>" * 4
    cleaned = clean_article(html, kind="html")
    assert len(cleaned.collapsed) == 24 and len(cleaned.furniture) == 4
    assert cleaned.collapsed_grouped == ((CollapsedParagraph(para, 0), 20 + 2), (CollapsedParagraph(other, 1), 2))
    assert cleaned.furniture_grouped == (("Advertisement", 4),)


def test_wordless_separators_are_section_breaks_not_repeats() -> None:
    """try11 F2: "* * *" and "---" were hidden as repeats of the first paragraph, with which they share no word."""
    body = [A, "* * *", B, "---", C, "* * *"]
    shown, hidden = collapse_repeated_paragraphs(body)
    assert shown == body and hidden == []

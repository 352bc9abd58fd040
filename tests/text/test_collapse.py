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

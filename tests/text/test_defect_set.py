"""Articles of our own with known defects, each with what cleaning must make of it."""

from reader.text.clean import clean_article


def test_plain_text_with_other_header_shapes() -> None:
    text = ("County Ends Jail Agreement\nMetro Ledger\nSept. 16, 2011\nBY ROSA DELGADO AND TOM AVERY\n\n"
            "By the end of the year, the county will stop holding people for ICE.\n\n"
            "The vote was 9-4.")
    a = clean_article(text)
    assert (a.title, a.source, a.published, a.byline) == (
        "County Ends Jail Agreement", "Metro Ledger", "2011-09-16", "ROSA DELGADO AND TOM AVERY")
    assert a.paragraphs[0].startswith("By the end of the year")


def test_feed_fragment_with_teaser_mojibake_byline_and_share_line() -> None:
    html = ("<p>The chiefâ€™s warning came early.</p><p>By Rosa Delgado, Staff Writer</p>"
            "<p>The chiefâ€™s warning came early. Officers said tips had dropped by a third since March.</p>"
            "<p>â€œWe all lose when people are afraid,â€ Chief Lawrence Mulvey told the Ledger.</p>"
            "<p>Share this story on Facebook</p>")
    a = clean_article(html, title="Chief warns")
    assert a.byline == "Rosa Delgado"
    assert a.paragraphs == (
        "The chief’s warning came early. Officers said tips had dropped by a third since March.",
        "“We all lose when people are afraid,” Chief Lawrence Mulvey told the Ledger.",
    )
    assert [c.kept for c in a.collapsed] == [0]
    assert a.quotes[0].speaker == "Chief Lawrence Mulvey"
    assert not any("â" in p for p in a.paragraphs)


def test_copy_with_mojibake_collapses_into_the_clean_copy() -> None:
    clean = "The agency’s review of the program will finish in the spring, officials said on Monday."
    a = clean_article(f"<p>Lead paragraph that is unique.</p><p>{clean}</p><p>{clean.replace('’', 'â€™')}</p>",
                      title="T")
    assert a.paragraphs == ("Lead paragraph that is unique.", clean)
    assert len(a.collapsed) == 1


def test_multi_paragraph_quotation_is_not_closed_early() -> None:
    a = clean_article("<p>He said: “The first part goes on</p><p>“and ends here.”</p>", title="T")
    assert a.paragraphs == ("He said: “The first part goes on", "“and ends here.”")


def test_nothing_the_publisher_sent_is_lost() -> None:
    paragraphs = [f"Paragraph {i} carries fact number {i * 7} about the policy." for i in range(12)]
    a = clean_article("".join(f"<p>{p}</p>" for p in paragraphs), title="T")
    assert list(a.paragraphs) == paragraphs and a.collapsed == ()


def test_repeated_lead_stays_first_ahead_of_a_caption() -> None:
    # Issue 13: a site repeats its first paragraph after a photo caption the cleaner cannot tell from text.
    lead = "The county board voted on Tuesday to end its agreement with federal immigration authorities."
    caption = "Board members listen to public comment before the vote in Santa Rosa on Tuesday night."
    rest = ["The vote was 9-4.", "The sheriff said he would comply with the decision."]
    a = clean_article("".join(f"<p>{p}</p>" for p in [lead, caption, lead, *rest]), title="Board ends deal")
    assert a.paragraphs == (lead, caption, *rest)
    assert [(c.text, c.kept) for c in a.collapsed] == [(lead, 0)]

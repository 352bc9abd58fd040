"""Page furniture: each kind is set apart whole, kept viewable and counted; story sentences that mention it stay."""

import pytest

from reader.text.clean import clean_article
from reader.text.furniture import furniture_kind

FURNITURE = [
    ("advertisement", "Story continues below advertisement"),
    ("advertisement", "ADVERTISEMENT"),
    ("advertisement", "Continue reading the main story"),
    ("advertisement", "Advertisement - Scroll to continue"),
    ("cross-link", "RELATED: Judge halts program in three counties"),
    ("cross-link", "Read more: What Secure Communities means for New York"),
    ("cross-link", "[Related: The task force report, explained]"),
    ("cross-link", "More from Metro Ledger: Fare hike hearings set"),
    ("cross-link", "Related Stories"),
    ("cross-link", "Read more about the ban"),
    ("cross-link", "Read more about immigration in our coverage here."),
    ("cross-link", "Read the full report here"),
    ("cross-link", "Click here to read the full report on the vote and all the amendments from Tuesday night"),
    ("share bar", "Share this story"),
    ("share bar", "Facebook | Twitter | Email"),
    ("share bar", "Share Tweet Email Print"),
    ("prompt", "Sign up for our Politics newsletter."),
    ("prompt", "Subscribe to The Takeaway on Apple Podcasts or wherever you get your podcasts."),
    ("prompt", "Follow us on Twitter and Facebook."),
    ("prompt", "Follow Mirela Iverac on Twitter: @miverac"),
    ("prompt", "Get the day's biggest stories delivered to your inbox every morning."),
    ("reprint notice", "To order presentation-ready copies for distribution to your colleagues, clients or customers "
                       "visit http://www.djreprints.com."),
    ("reprint notice", "For reprint and licensing requests for this article, click here."),
    ("reprint notice", "This article was originally published by ProPublica."),
    ("copyright", "Copyright 2018 The Associated Press. All rights reserved. This material may not be published, "
                  "broadcast, rewritten or redistributed."),
    ("copyright", "© 2011 Civic Wire"),
    ("update notice", "Check back for updates to this developing story."),
    ("image control", "Enlarge this image"),
    ("advertisement", "Advertisement Continue reading the main story"),
    ("cross-link", "MORE NEWS: County ends jail deal"),
    ("cross-link", "WATCH"),
    ("prompt", "Subscribe to our YouTube channel"),
    ("prompt", "Contact Jane Doe at jdoe@example.com."),
    ("reprint notice", "Order Reprints | Today's Paper | Subscribe"),
    ("reprint notice", "Order a reprint of this article"),
    ("copyright", "Copyright Agence France-Presse, 2002-2018"),
    ("share bar", "Save for later"),
    ("image control", "Listen to this article"),
    ("image control", "5 min read"),
    ("update notice", "Updated 3:45 PM ET, Tue March 6, 2018"),
]

STORY = [
    "The campaign bought advertisements on three radio stations in the final week.",
    "Advertising revenue at the paper fell 12 percent, its owner said.",
    "Share prices of private prison operators rose after the announcement.",
    "Subscribers to the county's newsletter were told of the change on Monday.",
    "Copyright lawyers for the network said the clip was not fair use.",
    "Related lawsuits are pending in Illinois and Massachusetts.",
    "Follow-up inspections found the same problems at two jails.",
    "Like many residents on Facebook, she posted the warning to her neighbors.",
    "Read more than 400 pages of the report and the same complaint recurs, the mayor said.",
    "All rights reserved to the tribe under the 1868 treaty were upheld.",
    "First published in 1851, the paper was sold to a hedge fund last year.",
    "“Listen: we are not going anywhere,” she told the crowd.",
    "More — much more — is needed, advocates said.",
    "Sign-ups for the program rose by a third after the mailing.",
    "The podcast, hosted by two former prosecutors, was downloaded a million times.",
    "Click here, the instructions said, and nothing happened.",
    "Sign up for health coverage today, officials urged residents.",
    "More: the county will hire 20 new deputies.",
    "Copyright © symbols appeared on the leaked documents, investigators said.",
    "Watch parties were held in 30 cities.",
    "Reprints of the memo circulated among staff.",
    "Sponsored by Sen. Jane Doe, the bill passed 52-48.",
    "Contact the clerk's office at clerk@county.gov to request a ballot.",
    "The council met | Tuesday night in a long session",
    "Updated figures released in 2018 showed a decline.",
    "Save for the vote in May, the council did little this year.",
    # try11 F45: a link label's opening words begin a reporter's sentence too.
    "Read more about the ban in the council's published minutes, which run to 40 pages and include every amendment.",
    "Read the full ruling, which runs to 90 pages, before the hearing on Monday.",
    "See the full report here and you will find the same complaint on every page of it, every year.",
]


@pytest.mark.parametrize(("kind", "line"), FURNITURE)
def test_each_kind_of_furniture_is_recognised(kind: str, line: str) -> None:
    assert furniture_kind(line) == kind


@pytest.mark.parametrize("sentence", STORY)
def test_a_story_sentence_that_mentions_furniture_stays(sentence: str) -> None:
    assert furniture_kind(sentence) is None
    article = clean_article(f"<p>The council voted on Tuesday.</p><p>{sentence}</p>", title="T")
    assert article.paragraphs == ("The council voted on Tuesday.", sentence) and article.furniture == ()


def test_furniture_is_set_apart_counted_and_kept_in_order() -> None:
    story = ["The council voted nine to four on Tuesday.", "The mayor has ten days to sign it."]
    lines = ["Story continues below advertisement", "RELATED: What the vote means", "Share this article"]
    html = f"<p>{story[0]}</p><p>{lines[0]}</p><p>{lines[1]}</p><p>{story[1]}</p><p>{lines[2]}</p>"
    article = clean_article(html, title="T")
    assert article.paragraphs == tuple(story)
    assert article.furniture == tuple(lines)
    assert "removed 3 lines of page furniture" in article.repairs
    assert article.to_json()["furniture"] == lines


def test_furniture_in_plain_text_and_idempotent() -> None:
    text = "A lead paragraph of the story.\n\nRead more: Another story\n\nThe second paragraph."
    once = clean_article(text, title="T", kind="text")
    assert once.paragraphs == ("A lead paragraph of the story.", "The second paragraph.")
    assert once.repairs == ("removed 1 line of page furniture",)
    again = clean_article("\n\n".join(once.paragraphs), title="T", kind="text")
    assert again.paragraphs == once.paragraphs and again.furniture == ()


def test_long_lines_are_never_furniture() -> None:
    line = "Read more: " + " ".join(["word"] * 60)
    assert furniture_kind(line) is None


def test_a_furniture_line_inside_a_plain_text_block_is_set_apart() -> None:
    text = ("The council voted on Tuesday\nto end the agreement.\nStory continues below advertisement\n"
            "The mayor has ten days to sign it.")
    article = clean_article(text, title="T", kind="text")
    assert article.paragraphs == ("The council voted on Tuesday to end the agreement.",
                                  "The mayor has ten days to sign it.")
    assert article.furniture == ("Story continues below advertisement",)

"""The digest's summaries clean articles the same way, so furniture and credits never reach a summary sentence."""

import json

from reader.commands.summarize import parse_cluster, summarize_cluster
from reader.digest.summarise import SummaryBudget

FURNITURE = ["RELATED: Immigration arrests rise in three states",
             "Sign up for our free immigration newsletter.",
             "Story continues below advertisement",
             "Copyright 2018 The Associated Press. All rights reserved."]
CREDIT = "(Christopher Chung/The Press Democrat)"
STORY = ["Immigration arrests in the interior of the country rose by forty percent last year, federal data showed.",
         "Immigration officials said the increase reflected new priorities set in January.",
         "Advocates for immigrants said the arrests were tearing families apart in Sonoma County."]


def test_summary_sentences_carry_no_furniture_or_credit() -> None:
    html = (f"<p>{STORY[0]}</p><p>{FURNITURE[0]}</p><p>{FURNITURE[1]}</p><p>{CREDIT} {STORY[1]}</p>"
            f"<p>{FURNITURE[2]}</p><p>{STORY[2]}</p><p>{FURNITURE[3]}</p>")
    line = json.dumps({"id": "c1", "topic": {"name": "Immigration", "match": ["immigration"]},
                       "articles": [{"title": "Arrests rise", "html": html, "source": "Ledger"}]})
    result = summarize_cluster(parse_cluster(line), SummaryBudget(sentences=5))
    texts = [s["text"] for s in result["sentences"]]
    assert texts and set(texts) <= set(STORY)
    # The paragraph the credit ran into is whole again, so its sentence can be chosen.
    assert STORY[1] in texts
    assert not any("Press Democrat" in t or "newsletter" in t or "RELATED" in t for t in texts)

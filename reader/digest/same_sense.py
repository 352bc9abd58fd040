"""Words policy coverage uses for one another, which New today reads as one word (reader/digest/novelty.py).

A reworded repeat ("ICE deported 40 immigrants held in the county jail" after "40 migrants detained at the
county jail were removed") is not news; a sentence saying something new keeps its other words, so reading a
few interchangeable words as one rarely hides news. Each group is read as its first word; the "" group is read
as nothing, as the stop words "let" and "say" already are. Groups list the inflections the crude stemmer
(reader.text.words.stem) does not join ("scrapped" is not "scrap"), British spellings, and Spanish words
bilingual outlets use (unaccented ones only: the tokenizer splits a word at an accent). A stem is in one
group only (tests/digest/test_same_sense.py checks).
Only comparison reads these (stored signatures keep every word), so changing them needs no stored-key bump.
"""

from __future__ import annotations

SAME_SENSE: tuple[tuple[str, ...], ...] = (
    ("", "allow", "allowed", "allowing", "permit", "permitted", "throughout", "across", "reportedly",
     "officially"),
    ("saying", "arguing", "argued", "contending", "contended", "asserting", "asserted", "insisting", "insisted"),
    ("bill", "measure", "legislation", "ordinance", "proyecto"),
    # Ending a program or an agreement.
    ("end", "ended", "ending", "scrap", "scrapped", "scrapping", "terminate", "terminated", "termination",
     "abolish", "abolished", "abolition", "cancel", "canceled", "cancelled", "cancellation", "discontinue",
     "discontinued", "halt", "halted", "rescind", "rescinded", "eliminar"),
    # Approving one.
    ("approve", "approved", "approval", "adopt", "adopted", "adoption", "enact", "enacted", "ratify",
     "ratified", "aprobar"),
    ("reject", "rejected", "rejection", "defeat", "defeated", "rechazar"),
    ("agreement", "deal", "pact", "accord", "memorandum", "contract", "acuerdo"),
    ("program", "programme", "programs", "programmes", "scheme", "initiative", "programa"),
    ("plan", "proposal", "propose", "proposed", "propuesta"),
    ("require", "required", "requirement", "mandate", "mandated", "mandatory", "compel", "compelled",
     "obligatorio"),
    # Holding people, and removing them from the country.
    ("detain", "detained", "detention", "detainee", "hold", "held", "jail", "jailed", "incarcerate",
     "incarcerated", "imprison", "imprisoned", "lock", "locked", "custody", "detener", "detenido", "detenidos"),
    ("deport", "deported", "deportation", "remove", "removed", "removal", "expel", "expelled", "expulsion",
     "deportar", "deportado", "deportados"),
    ("immigrant", "immigrants", "migrant", "migrants", "alien", "aliens", "noncitizen", "noncitizens",
     "non-citizen", "foreigner", "foreigners", "inmigrante", "inmigrantes", "migrante", "migrantes"),
    ("undocumented", "illegal", "illegally", "unauthorized", "unauthorised", "unlawful", "unlawfully",
     "indocumentado", "indocumentados"),
    ("police", "deputy", "deputies", "cop", "cops"),
    ("lawmaker", "legislator", "legislators", "legislador", "legisladores"),
    ("criticize", "criticise", "criticized", "criticised", "criticism", "condemn", "condemned", "denounce",
     "denounced", "criticar"),
    ("sue", "sued", "lawsuit"),
)

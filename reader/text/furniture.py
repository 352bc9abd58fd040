"""Recognises page furniture: lines a site puts between paragraphs that are not the story.

Ad markers, cross-links ("RELATED: …", "Read more: …"), share bars, newsletter, podcast and
social-media prompts, reprint notices and wire copyright lines. A line is furniture only when the
whole of it reads as one of these, never because it mentions advertising, a newsletter or
copyright: losing a sentence of the story is worse than leaving a "Read more" line in. So every
pattern is anchored at both ends, starts with words a story sentence does not start with, and a
line carrying a quotation with its attribution ("Listen: I'm staying," she said.) is never furniture.
"""

from __future__ import annotations

import re

FURNITURE_MAX_CHARS = 320
HEADLINE_MAX_WORDS = 32
NAV_ITEM_MAX_WORDS = 4

_SHARE_WORDS = frozenset(
    [
        "share", "shares", "shared", "sharing", "tweet", "retweet", "email", "e-mail", "mail", "print",
        "printer-friendly", "facebook", "twitter", "x", "linkedin", "reddit", "whatsapp", "pinterest", "flipboard",
        "tumblr", "messenger", "sms", "telegram", "threads", "bluesky", "mastodon", "pocket", "copy", "link", "url",
        "save", "saved", "comment", "comments", "bookmark", "gift", "article", "story", "page", "post", "this", "on",
        "via", "to", "with", "a", "friend", "friends", "send", "opens", "in", "new", "window", "clipboard", "icon",
        "button", "options", "more", "pin", "it", "font", "resize", "size", "view", "add", "leave", "your", "for",
        "later"
    ]
)
_SHARE_ALONE = frozenset({"share", "tweet", "email", "e-mail", "print", "comments", "comment", "save"})
_SHARE_STRONG = _SHARE_ALONE | frozenset(
    [
        "shares", "shared", "sharing", "retweet", "facebook", "twitter", "linkedin", "reddit", "whatsapp",
        "pinterest", "flipboard", "tumblr", "messenger", "sms", "telegram", "bluesky", "mastodon", "clipboard",
        "printer-friendly", "bookmark", "gift"
    ]
)
_SHARE_SPLIT = re.compile(r"[\s|·•,/:()\[\]]+")

_END = r"[\s.!:|)\]—–-]*$"
_AD = (
    r"[\s\[(—–-]*(?:advertisement|advertising|advert|ads?|sponsored(?: content| post| story)?|paid (?:content|post)"
    r"|promoted(?: content| stories)?|partner content|skip (?:advertisement|ad)|ad feedback|advertise with us"
    r"|supported by|sponsored links?|loading video|media playback is unsupported on your device"
    r"|this video (?:can ?not|cannot) be played"
    r"|report (?:this )?ad|close ad)"
    r"(?:[\s:|.—–-]+(?:scroll (?:down )?to continue(?: reading| with content)?"
    r"|continue reading (?:below|the main story)|(?:the )?(?:story|article|content) continues below))?" + _END +
    r"|(?:(?:the |this )?(?:story|article|text|content|report|post|page|feature|reading) continues|"
    r"continue reading) (?:below|after|under)(?: (?:(?:the|this|these) )?(?:advertisements?|ads?|adverts?|video|"
    r"message|sponsor|sponsored message|promotion))?" + _END +
    r"|continue reading the (?:main )?story" + _END +
    r"|scroll (?:down )?to continue(?: reading| with content)?" + _END
)
_LINK_LABEL = (
    r"(?:related|related (?:stories|story|articles?|coverage|content|links?|reading|videos?|news|topics?)|"
    r"read more|read also|also read|read next|read|more|more news|more stories|latest news|top news|"
    r"more from [\w .'’&-]{1,40}|more on (?:this|that) "
    r"(?:story|topic)|more coverage|see also|also see|see|also on [\w .'’&-]{1,40}|don['’]t miss|recommended|"
    r"recommended (?:for you|reading|stories)|you (?:may|might) also like|further reading|top stories|"
    r"trending(?: now)?|popular|most (?:read|popular|viewed|shared)|watch|watch (?:now|video|live)|video|"
    r"listen|listen now|photos|gallery|photo gallery|in pictures|live updates?|icymi|in case you missed it|"
    r"check out|click here|continue reading|next story|previous story|up next)"
)
_CROSS_LINK = (
    rf"[\[(]?\s*{_LINK_LABEL}\s*(?::|\||›|»|>>?)\s*(?-i:[^\sa-z]).*"
    r"|[\[(]?\s*(?:related(?: [a-z]+)?|read more|see also|also read|more from [\w .'’&-]{1,40})\s*[–—-]+\s*\S.*"
    r"|[\[(]?\s*(?:related|more|recommended|trending|latest|read more|see also|also read|top stories|video|videos|"
    r"photos|gallery|audio|latest news|more news|more stories|trending now|watch|watch (?:live|now)|listen(?: live)?)"
    r"(?: (?:stories|articles|coverage|content|links|reading|videos?|news|on this (?:story|topic)|"
    r"from [\w .'’&-]{1,40}|for you|like this))?" + _END +
    r"|(?:you (?:may|might) also (?:like|be interested in|enjoy)|more (?:stories|coverage|news) "
    r"(?:like this|on this (?:story|topic))|most (?:read|popular|viewed|shared)(?: (?:stories|articles))?"
    r"|further reading|related (?:stories|articles|coverage|links|content))" + _END +
    r"|(?:»|›|>>|→|▶|►)\s*\S.*"
    r"|(?:click|tap) here\b(?!,).*|(?:click|tap) (?:to|for) (?:read|see|view|watch|listen|learn|subscribe|more)\b.*"
)
# A link label written as an imperative with no mark after it ("Read more about the ban", "Watch the video
# above"): prose is written so too, so such a line is furniture only while it is as short as a label.
_CROSS_LINK_PROSE = (
    r"(?:watch|see|listen to) (?:the |our )?(?:full |latest |complete )?(?:video|interview|clip|report|segment|"
    r"episode|conversation)s? (?:above|below|here)\b.*"
    r"|read (?:the )?latest (?:on|from|about)\b.*"
    r"|read (?:the )?(?:full|complete|entire|original|whole) (?:story|article|report|text|statement|interview|"
    r"transcript|letter|memo|ruling|decision|document|list|piece)\b.*"
    r"|(?:read more|continue reading)(?:\s*(?:[:.!…»›>|]|(?:about|on|at|from|in|here|stories|news|articles?|"
    r"coverage)\b).*)?"
    r"|(?:see|view|watch) (?:more|all|the full|the) (?:photos|images|pictures|videos?|gallery|galleries|"
    r"coverage|stories)\b.*"
)
_MEDIA = (r"(?:newsletters?|e-?mails?|(?:e-?mail |news |breaking news )?alerts?|briefings?|digest|inbox|"
          r"podcasts?|apps?|text messages|push notifications)")
_SIGN_UP_OBJECT = rf"(?:{_MEDIA}|channel|here|today|now|for free|free|(?:for )?(?:our|the) (?:latest )?updates)"
_SOCIAL = (r"(?:facebook|twitter|x|instagram|tiktok|youtube|linkedin|threads|bluesky|mastodon|snapchat|"
           r"whatsapp|telegram|flipboard|google news|apple news|apple podcasts|spotify|stitcher|social media)")
_PROMPT = (
    r"(?:(?:want|like|love|enjoy(?:ed)?|get|never miss|don['’]t miss|interested in)\b[^.?!]{0,90}[.?!:]\s*)?"
    rf"(?:sign up|subscribe|opt in)\b[^.!?]{{0,160}}?\b{_SIGN_UP_OBJECT}\b.*"
    rf"|(?:(?:follow|join|connect with) (?:us|me|@\w+|[\w.'’-]+(?: [\w.'’-]+){{0,4}})|(?:like|find|friend) us) "
    rf"(?:on|at|via) {_SOCIAL}\b[^.!?]{{0,80}}(?:[.!]\s*@?[\w.]{{0,30}})?"
    r"|follow @\w+.*"
    rf"|{_SOCIAL}\s*:\s*@\w+.*"
    r"|(?:listen|tune in|subscribe|download)\b.{0,200}\b(?:podcasts?|apple podcasts|spotify|stitcher|"
    r"wherever you (?:get|listen to|find) (?:your )?podcasts)\b.*"
    r"|(?:download|get|install) (?:our|the(?: free)?(?: [\w'’&-]+){0,4}) (?:free )?(?:apps?|newsletters?)\b.*"
    r"|get our\b[^.!?]{0,80}\b(?:e-?mails?|newsletters?|apps?|podcasts?|alerts)\b.*"
    r"|(?:get|have|receive)\b.{0,100}\b(?:delivered (?:to|straight to|directly to|right to) your inbox|"
    r"in your inbox)\b.*"
    r"|(?:thanks? (?:you )?for (?:signing up|subscribing)|you['’]re (?:all )?(?:signed up|subscribed)|"
    r"check your inbox|enter your e-?mail(?: address)?|invalid e-?mail(?: address)?|"
    r"by (?:signing up|subscribing|clicking (?:subscribe|sign up))|already (?:a subscriber|subscribed))\b.*"
    r"|this (?:article|story|piece|item) (?:first |originally )?appeared in (?:our|the)\b.{0,80}"
    r"\b(?:newsletter|briefing|digest)\b.*"
    r"|(?:never miss|don['’]t miss) (?:a|an|another|the latest|out on)\b.*"
    rf"|stay (?:up to date|informed|in the know|connected|updated|on top of)\b.{{0,160}}"
    rf"\b(?:{_MEDIA}|follow us|{_SOCIAL})\b.*"
    r"|get (?:the )?(?:latest|best|top|most important|day['’]s)\b.{0,120}\b(?:newsletter|inbox|e-?mail|app|"
    r"alerts|podcast)s?\b.*"
    r"|(?:have|got) a (?:news |story )?tip\s*\?.*|send us (?:a |your )?(?:news )?tips?\b.*"
    r"|(?:subscribe|subscribe now|sign up|sign up now|sign in|log in|register|join now|donate|donate now)" + _END +
    rf"|like (?-i:[A-Z][\w.'’&-]*(?: [A-Z][\w.'’&-]*){{0,3}}) on {_SOCIAL}[.!]?"
    r"|get (?:breaking |the latest )?(?:news|e-?mail|text) alerts\b.*"
    r"|join (?:our|the) [\w '’-]{0,40}(?:facebook group|community|mailing list|newsletter)\b.*"
    r"|(?:contact|email|e-mail|reach) (?:the (?:reporter|author|writer)|[\w.'’-]+(?: [\w.'’-]+){0,3}) at "
    r"[\w.+-]+@[\w-]+\.[\w.-]+\S*(?: or .{0,60})?"
)
_REPRINT = (
    r"to order presentation-ready copies\b.*"
    r"|(?:for |view |get |request |order |buy )?(?:an? )?reprints?(?: (?:and|&) (?:permissions|licensing)| options|"
    r" information| permissions| rights)?(?: (?:of|for) this (?:article|story))?[\s.:|]*(?:click here[\s.]*)?"
    r"|for (?:reprints?|licensing|permissions?)(?: (?:and|&) (?:licensing|permissions?|reprints?))? "
    r"(?:requests?|information|inquiries|purposes)\b.*"
    r"|this (?:article|story|piece|post|content|column|essay|interview|item) (?:was |is |has been )?"
    r"(?:first |originally |initially )?(?:re)?(?:published|appeared|posted|produced|printed|reprinted) "
    r"(?:by|in|on|at|with|here|under|from|as part of|in partnership|in collaboration|through)\b.*"
    r"|(?:originally|first) (?:published|appeared|posted) (?:on|in|at|by)\b[^,;]{0,100}"
    r"|a version of this (?:article|story|piece) (?:appears|appeared|was published|ran) in print\b.*"
    r"|republish (?:this|our) (?:article|story|content)\b.*"
    r"|our standards\s*:.*"
    r"|(?:re)?(?:published|printed) (?:here )?with (?:the )?permission\b.*"
)
_COPYRIGHT = (
    r"(?:copyright\s*(?:©|\(c\))?\s*\d{4}|copyright\s*(?:©|\(c\))|©|\(c\)\s*(?:\d{4}|copyright)).*"
    r"|all rights reserved[.!]?(?:\s+this (?:material|article|content)\b.*)?"
    r"|copyright (?-i:[A-Z][\w.&'’-]*)(?: (?-i:[A-Z][\w.&'’-]*|&|of|and)){0,6},? (?:19|20)\d\d"
    r"(?:\s*[-–]\s*(?:19|20)\d\d)?\.?(?:\s*all rights reserved\.?)?"
    r"|this (?:material|article|content|story) may not be (?:published|reproduced|copied|broadcast|rewritten|"
    r"redistributed|republished)\b.*"
    r"|[^.]{2,120}\b(?:19|20)\d\d\b[^.]{0,40}\.\s*all rights reserved\b.*"
)
_UPDATES = (
    r"check back (?:later )?for (?:updates|more)\b.*"
    r"|this (?:story|article) (?:has been|was|will be) updated\b.*"
    r"|(?:this is a )?developing story\b[^.]{0,80}\.?"
    r"|(?:updated|published|posted|last updated)\s*:?\s+\d{1,2}[:.]?\d{2}\s*(?:am|pm|a\.m\.|p\.m\.|gmt|et|edt|"
    r"est|bst|utc)?\b[^.]{0,60}(?:19|20)\d\d\.?"
    r"|comments?|\d+ comments?|view comments|leave a comment|join the (?:conversation|discussion)" + _END
)
_IMAGE_CONTROL = (
    r"(?:enlarge this image|hide caption|toggle caption|show caption|view (?:larger|full(?:-size)?) image|"
    r"(?:photo|image|slide|picture) \d+ of \d+|open (?:the )?gallery(?: \d+ (?:photos|images))?|"
    r"\d+ (?:photos|images)|(?:view|see) (?:the )?(?:photo )?gallery|play video|watch video|"
    r"listen to this (?:article|story)(?: \d+ min(?:utes?)?)?|\d+[- ]min(?:ute)? read|"
    r"(?:estimated )?reading time:? \d+ min(?:ute)?s?|skip to (?:main )?content|skip navigation|back to top|"
    r"jump to (?:comments|navigation))" + _END
)

_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(rf"^(?:{pattern})$", re.I | re.S))
    for kind, pattern in (("advertisement", _AD), ("cross-link", _CROSS_LINK), ("link label", _CROSS_LINK_PROSE),
                          ("prompt", _PROMPT),
                          ("reprint notice", _REPRINT), ("copyright", _COPYRIGHT), ("update notice", _UPDATES),
                          ("image control", _IMAGE_CONTROL))
)
_ATTRIBUTED_QUOTE = re.compile(r"[,!?…][\"”’]\s+\S")
# Who said something: a story's sentences report it in the past ("said"), headlines in the present ("says").
_ATTRIBUTION = re.compile(
    r"\b(?:said|says|say|told|tells|according to|added|urged|urges|warned|announced|testified)\b", re.I)
_HEADLINE_TENSE = frozenset({"says", "say", "tells", "urges"})


def _attributes(text: str, headline_tense: bool) -> bool:
    """Whether the text says who said something: in the past tense only, or in a headline's present too."""
    return any(headline_tense or m.group(0).lower() not in _HEADLINE_TENSE for m in _ATTRIBUTION.finditer(text))


def _is_share_bar(text: str) -> bool:
    """"Share this article", "Facebook Twitter Email", "Share | Tweet | Print": nothing but share words."""
    words = [w for w in _SHARE_SPLIT.split(text.casefold().strip(" .!")) if w and not w.isdigit()]
    if not words or len(words) > 16 or not all(w in _SHARE_WORDS for w in words):
        return False
    if len(words) == 1:
        return words[0] in _SHARE_STRONG
    return any(w in _SHARE_STRONG for w in words) or ("copy" in words and "link" in words)


LINK_LABEL_MAX_WORDS = 12
_CLAUSE = re.compile(r"[,;]\s+(?:which|who|whom|where|when|that|and|but|while|because|although|as|so)\b|[;]", re.I)


def _label_length(text: str) -> bool:
    """Whether an imperative link label ("Read more about the ban here") is short enough to be one: a dozen words
    or fewer and no clause joined on, which a reporter's sentence has and a link's text does not."""
    return len(text.split()) <= LINK_LABEL_MAX_WORDS and not _CLAUSE.search(text)


def furniture_kind(text: str) -> str | None:
    """Which kind of page furniture the whole line is ("advertisement", "cross-link", …), or None."""
    text = text.strip()
    if not text or len(text) > FURNITURE_MAX_CHARS:
        return None
    if _is_share_bar(text):
        return "share bar"
    if (_ATTRIBUTED_QUOTE.search(text) or _attributes(text, headline_tense=False)
            or len(text.split()) > HEADLINE_MAX_WORDS + 6):
        return None  # a quotation with its speaker, or reported speech: a story's sentence (a cross-link's
        # headline may say "says": "RELATED: Mayor says ..." is still furniture)
    for kind, pattern in _KINDS:
        if pattern.match(text):
            # "Sign up for coverage today, officials urged." reports a prompt; it is not one.
            if kind == "prompt" and _attributes(text, headline_tense=True):
                return None
            if kind == "link label":  # "Read more about the ban in the minutes, which run to 40 pages ...": prose
                return "cross-link" if _label_length(text) else None
            return kind
    if "|" in text:  # "Order Reprints | Today's Paper | Subscribe": a bar of short links, some furniture
        parts = [p.strip() for p in text.split("|") if p.strip()]
        if len(parts) > 1 and all(len(p.split()) <= NAV_ITEM_MAX_WORDS for p in parts):
            kinds = [furniture_kind(p) for p in parts]
            if sum(k is not None for k in kinds) * 2 >= len(parts):
                return next(k for k in kinds if k is not None)
    return None


def is_furniture(text: str) -> bool:
    return furniture_kind(text) is not None

"""The plain-English companion for the defendant, as blocks (one to two pages).

What the officer is proposing and why, what each requirement means day to day, whether they
have agreed to treatment, what happens if they do not take part, and who to contact. The
words are in ``docx_templates/companion.j2`` and ``companion.yaml``; the officer's own words
are not copied in (they are written for the court: the plan's presenting issues name risks to
other people and clinical terms), only names, dates and amounts. What the plan can help with
comes from the requirements proposed, in the companion's own plain words.
"""

from __future__ import annotations

from typing import Any

from psr_assist.domain.case import COMMUNITY_SENTENCES
from psr_assist.domain.wording import upper_first
from psr_assist.render.blocks import Bullets, DocumentSpec, Heading, Para, Title
from psr_assist.render.prose import Prose, words


def companion_spec(ctx: dict[str, Any]) -> DocumentSpec:
    w = words()
    data = words("companion.yaml")
    headings = w["companion_headings"]
    p = Prose("companion.j2")
    c = ctx
    proposal = c["proposal"]
    title = w["titles"]["companion"]
    spec = DocumentSpec(
        title=title,
        subject="A plain-English guide to the pre-sentence report, for the person it is about",
        author=c["case"]["author"] or "",
        marking=c["marking"],
        draft=c["draft"],
        category=w["titles"]["report"],
    )

    def prose(macro: str, *args: Any) -> None:
        for text in p.paras(macro, c, *args):
            spec.add(Para(text))

    spec.add(Title(title))
    if c["draft"]:
        spec.add(Para("DRAFT: your officer has not finished this yet.", style="draft"))
    prose("intro")

    spec.add(Heading(1, headings["report"]))
    prose("about_report")

    spec.add(Heading(1, headings["suggestion"]))
    sentence = proposal["sentence"]
    sentences = data["sentences"]
    prose("suggestion", sentences[sentence] if sentence in sentences else None)

    adjourned = proposal["adjournment"]["requested"]
    requirements = [] if adjourned else [r for r in proposal["requirements"] if r["kind"]]
    if not adjourned:
        helps = [data["requirements"][r["kind"]].get("helps_with") for r in requirements]
        helps = list(dict.fromkeys(h for h in helps if h))
        spec.add(Heading(1, headings["why"]))
        prose("why", helps)
        if helps:
            spec.add(Bullets(tuple(upper_first(h) for h in helps)))
        prose("willing")

    if requirements or (not adjourned and sentence in COMMUNITY_SENTENCES):
        spec.add(Heading(1, headings["parts"]))
        if not requirements:
            prose("no_parts")
        explained = data["requirements"]
        for req in requirements:
            plain = explained[req["kind"]]
            spec.add(Heading(2, plain["title"]))
            prose("part", req, plain)

    if not adjourned:
        treatments = [
            {"req": r, "plain": data["requirements"][r["kind"]]} for r in proposal["treatment_requirements"]
        ]
        if treatments:
            spec.add(Heading(1, headings["agreement"]))
            prose("agreement", treatments)

    spec.add(Heading(1, headings["if_not"]))
    prose("if_not")

    spec.add(Heading(1, headings["contact"]))
    prose("contact")
    return spec

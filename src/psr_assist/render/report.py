"""The pre-sentence report (FDR / SDR) and the record of an oral report, as blocks.

Order follows the product brief and issue 5: front sheet; sources; offence analysis;
assessment; risk; proposal (or the adjournment request); instrument notices; then the draft's
appendix of open findings, or the final's sign-off. Words come from ``docx_templates/``
(``wording.yaml`` for headings and labels, ``report.j2`` for sentences); this module decides
only the structure. It never decides what is complete: the findings it lists come from
``domain.check``.
"""

from __future__ import annotations

from typing import Any

from psr_assist.domain.risk_levels import ROSH_GROUPS
from psr_assist.domain.wording import join_words, lower_first, upper_first
from psr_assist.render.blocks import Bullets, DocumentSpec, Heading, Para, Table, Title
from psr_assist.render.prose import Prose, paragraphs, words


class _Writer:
    """Shared helpers: the context, the wording, the macros and the spec being filled."""

    def __init__(self, ctx: dict[str, Any], *, oral: bool) -> None:
        self.c = ctx
        self.w = words()
        self.p = Prose("report.j2")
        self.nr = self.w["labels"]["not_recorded"]
        k = ctx["case"]
        title = self.w["titles"]["oral" if oral else "report"]
        self.spec = DocumentSpec(
            title=f"{title} – CRN {k['crn']}" if k["crn"] else title,
            subject=_subject(k),
            author=k["author"] or "",
            marking=ctx["marking"],
            draft=ctx["draft"],
            category=self.w["titles"]["report"],
        )
        self.title = title

    # ---- small builders

    def h(self, level: int, key: str) -> None:
        self.spec.add(Heading(level, self.w["headings"][key]))

    def prose(self, macro: str, *args: Any, style: str = "body") -> None:
        for text in self.p.paras(macro, self.c, *args):
            self.spec.add(Para(text, style=style))

    def narrative(self, text: str | None, *, label: str | None = None, style: str = "body") -> bool:
        """The officer's own text, one block per paragraph; a label leads the first one."""
        if not text:
            return False
        for index, para in enumerate(paragraphs(text)):
            self.spec.add(Para(para, style=style, label=label if index == 0 else None))
        return True

    def table(self, key: str, rows: list[tuple[str, ...]], widths: tuple[float, ...] = ()) -> None:
        spec = self.w["tables"][key]
        self.spec.add(
            Table(
                caption=spec["caption"],
                columns=tuple(spec["columns"]),
                rows=tuple(tuple(cell or self.nr for cell in row) for row in rows),
                widths=widths,
                description=spec.get("description", ""),
            )
        )

    def label_words(self, group: str, keys: list[str]) -> str:
        labels = self.w["labels"][group]
        return join_words([lower_first(labels[key]) for key in keys])


def _subject(k: dict[str, Any]) -> str:
    parts = [k["report_type_label"] or "Pre-sentence report"]
    if k["court"]:
        parts.append(f"for {k['court']}")
    if k["hearing_date"]:
        parts.append(f"hearing on {k['hearing_date']}")
    return " ".join(parts)


# --------------------------------------------------------------------------- front sheet


def _front_sheet(wr: _Writer, *, oral: bool) -> None:
    c, k = wr.c, wr.c["case"]
    lab = wr.w["labels"]["front_sheet"]
    wr.spec.add(Title(wr.title))
    if c["draft"]:
        wr.prose("draft_notice", style="draft")
    if oral:
        wr.prose("oral_statement")
    wr.prose("statutory", style="statutory")
    author = k["author"]
    if author and k["author_role"]:
        author = f"{author}, {k['author_role']}"
    offences = "\n".join(wr.p.text("offence_item", o) for o in k["offences"])
    if oral:
        # The record of an oral report must fit on one or two pages: the essentials only.
        born = k["date_of_birth"]
        if born and k["age"] is not None:
            born = f"{born} (age {k['age']})"
        rows: list[tuple[str, str | None]] = [
            (lab["name"], k["name"]),
            (lab["date_of_birth"], born),
            (lab["court"], k["court"]),
            (lab["hearing_date"], k["hearing_date"]),
            (lab["offences"], offences or None),
            (lab["author"], author),
        ]
        wr.table("front_sheet", rows, widths=(1, 2))
        return
    rows = [
        (lab["name"], k["name"]),
        (lab["date_of_birth"], k["date_of_birth"]),
    ]
    if k["age"] is not None:
        rows.append((lab["age"], str(k["age"])))
    optional = [("address", k["address"]), ("crn", k["crn"]), ("pnc", k["pnc"])]
    rows += [(lab[key], value) for key, value in optional if value]
    rows += [(lab["court"], k["court"])]
    if k["local_justice_area"]:
        rows.append((lab["local_justice_area"], k["local_justice_area"]))
    rows += [(lab["hearing_date"], k["hearing_date"]), (lab["offences"], offences or None)]
    if k["plea_label"]:
        rows.append((lab["plea"], k["plea_label"]))
    rows += [(lab["report_type"], k["report_type_label"]), (lab["author"], author)]
    if k["office"]:
        rows.append((lab["office"], k["office"]))
    rows.append((lab["report_date"], c["report_date"]))
    wr.table("front_sheet", rows, widths=(1, 2))


# --------------------------------------------------------------------------- sources


def _sources(wr: _Writer, *, oral: bool) -> None:
    s = wr.c["sources"]
    wr.h(1, "sources")
    wr.prose("sources_intro")
    if s["rows"]:
        wr.table(
            "sources",
            [(r["name"], r["status_label"], r["date"], r["verified_label"]) for r in s["rows"]],
            widths=(3, 1.4, 1.8, 1),
        )
    wr.prose("sources_follow_up", oral)
    if oral:
        return
    for row in s["with_summary"]:
        if row["is_check"]:  # what the check found, then what it said: one paragraph, not two
            label = f"{row['name']}: {upper_first(wr.p.text('check_result', row))}."
        else:
            label = f"{row['name']}:"
        wr.narrative(row["summary"], label=label)
    for other in s["significant_others"]:
        wr.prose("significant_other", other)
        wr.narrative(other["summary"])


# --------------------------------------------------------------------------- offence analysis


def _offence(wr: _Writer, *, oral: bool) -> None:
    c, o, k = wr.c, wr.c["offence"], wr.c["case"]
    wr.h(1, "offence")
    wr.prose("offence_intro")
    if k["offence_count"] > 1:
        wr.spec.add(Bullets(tuple(wr.p.text("offence_item", item) for item in k["offences"])))
    for offence in k["offences"]:
        wr.narrative(offence["notes"], label=f"{offence['description']}:" if k["offence_count"] > 1 else None)
    wr.prose("plea")
    if o["own_account"]:
        wr.prose("own_account_lead")
        wr.narrative(o["own_account"], style="own_words")
    if not wr.narrative(o["analysis"]):
        wr.prose("no_offence_analysis")
    if oral:
        return
    if o["victim_impact"]:
        wr.h(2, "victim_impact")
        wr.narrative(o["victim_impact"])
    if o["pattern_of_offending"] or o["no_previous_offences"] is not None or o["response_to_supervision"]:
        wr.h(2, "pattern")
        wr.narrative(o["pattern_of_offending"])
        wr.prose("offending_history")
    if o["mental_health_at_offence"]:
        wr.h(2, "mh_at_offence")
        wr.narrative(o["mental_health_at_offence"])
    del c


# --------------------------------------------------------------------------- assessment


def _screening_tables(wr: _Writer, *, tables: bool = True) -> None:
    s = wr.c["screening"]
    wr.prose("screening_intro")
    if s["rows"] and not tables:
        for row in s["rows"]:
            wr.prose("screening_finding", row)
    elif s["rows"]:
        wr.table(
            "screening",
            [(r["short_name"], r["date"], wr.p.text("score_cell", r), wr.p.text("result_cell", r)) for r in s["rows"]],
            widths=(1.2, 1.5, 1.2, 2.5),
        )
        for row in s["rows"]:
            wr.prose("screening_finding", row)
    if s["results_only"] and not tables:
        for entry in s["results_only"]:
            wr.spec.add(Para(wr.p.text("results_only_cell", entry), label=f"{entry['name']}:"))
            wr.prose("results_only_action", entry)
    elif s["results_only"]:
        wr.table(
            "results_only",
            [(e["name"], e["date"], wr.p.text("results_only_cell", e), e["positive_label"]) for e in s["results_only"]],
            widths=(1.5, 1.5, 2.5, 1),
        )
        for entry in s["results_only"]:
            wr.prose("results_only_action", entry)


def _assessment(wr: _Writer) -> None:
    c = wr.c
    m, p, mo, co = c["mental_health"], c["person"], c["motivation"], c["comorbidity"]
    wr.h(1, "assessment")

    wr.h(2, "circumstances")
    if not wr.narrative(p["circumstances"]):
        wr.prose("no_circumstances")

    wr.h(2, "mental_health")
    wr.prose("mental_health_intro")
    wr.narrative(m["history"])
    wr.narrative(m["current_presentation"])
    wr.h(3, "diagnoses")
    if m["diagnoses"]:
        wr.table(
            "diagnoses",
            [(d["condition"], d["status_label"], wr.p.text("diagnosis_source", d) or None) for d in m["diagnoses"]],
            widths=(2, 1, 2),
        )
    else:
        wr.prose("no_diagnoses")
    wr.prose("mental_health_details")
    if not (m["current_treatment"] or m["medication"]):
        wr.prose("no_current_treatment")
    wr.narrative(m["current_treatment"], label="Current treatment:")
    wr.narrative(m["medication"], label="Medication:")
    wr.h(3, "previous_treatment")
    if m["previous_treatment"]:
        wr.table(
            "previous_treatment",
            [(t["provider"], t["treatment"], _when(wr, t), t["outcome_label"]) for t in m["previous_treatment"]],
            widths=(2, 2, 1.2, 1.2),
        )
        for t in m["previous_treatment"]:
            wr.narrative(t["notes"], label=f"{t['provider'] or t['treatment'] or 'Previous treatment'}:")
    else:
        wr.prose("no_previous_treatment")

    wr.h(2, "screening")
    _screening_tables(wr)
    wr.h(3, "specialist")
    wr.prose("specialist")
    wr.narrative(c["screening"]["specialist"]["findings"])

    wr.h(2, "comorbidity")
    labels = wr.w["labels"]["comorbidity"]
    wr.prose("comorbidity_intro")
    for item in co["present"] + co["other_with_details"]:
        label = wr.p.text("comorbidity_label", labels[item["field"]], item) if item["presence_label"] else None
        if item["details"]:
            wr.narrative(item["details"], label=label or f"{labels[item['field']]}:")
        elif label:
            wr.spec.add(Para(label + "."))
    wr.prose(
        "comorbidity_summary",
        wr.label_words("comorbidity", [i["field"] for i in co["none_identified"]]),
        wr.label_words("comorbidity", [i["field"] for i in co["not_recorded"]]),
    )
    if co["dual_diagnosis_analysis"]:
        wr.h(3, "dual_diagnosis")
        wr.narrative(co["dual_diagnosis_analysis"])
    if co["treatment_sequencing"]:
        wr.h(3, "sequencing")
        wr.narrative(co["treatment_sequencing"])

    wr.h(2, "person")
    _person_factors(wr)
    wr.prose("person_language")
    wr.narrative(p["literacy"], label="Reading and writing:")
    they = wr.c["case"]["pronoun"]
    wr.narrative(p["learning_style"], label=f"How {they['they']} learn{they['s']} best:")
    wr.prose("person_not_recorded", wr.label_words("person_factors", p["factors_not_recorded"]))
    if p["trauma"]:
        wr.h(3, "trauma")
        wr.narrative(p["trauma"])
    if p["intersection"]:
        wr.h(3, "intersection")
        wr.narrative(p["intersection"])
    if p["strengths"] or p["protective_factors"]:
        wr.h(3, "strengths")
        wr.narrative(p["strengths"])
        wr.narrative(p["protective_factors"], label="Protective factors:")
    wr.prose("diversity_considered")

    wr.h(2, "motivation")
    wr.prose("motivation")
    if mo["own_views"]:
        wr.prose("own_views_lead")
        wr.narrative(mo["own_views"], style="own_words")
    else:
        wr.prose("no_own_views")
    if mo["lived_experience"]:
        wr.prose("lived_experience_lead")
        wr.narrative(mo["lived_experience"], style="own_words")
    wr.narrative(mo["barriers"], label="Barriers to taking part:")
    wr.narrative(mo["analysis"])


# --------------------------------------------------------------------------- risk


def _when(wr: _Writer, treatment: dict[str, Any]) -> str | None:
    """When a previous treatment was, with ", in custody" when it was received in custody."""
    if treatment["in_custody"] is not True:
        return treatment["period"]
    in_custody = wr.w["labels"]["in_custody"]
    return f"{treatment['period']}, {in_custody}" if treatment["period"] else upper_first(in_custody)


def _rosh_table(wr: _Writer) -> None:
    groups = wr.w["labels"]["rosh_groups"]
    levels = wr.c["risk"]["rosh"]["levels"]
    wr.table("rosh", [(groups[g], levels[g]["label"]) for g in ROSH_GROUPS], widths=(2, 1))


def _risk(wr: _Writer) -> None:
    r = wr.c["risk"]
    wr.h(1, "risk")

    wr.h(2, "likelihood")
    if r["predictors"]:
        wr.table("predictors", [(p["name"], p["band"], p["date"]) for p in r["predictors"]], widths=(2, 2, 1.5))
    else:
        wr.prose("no_predictors")
    if not wr.narrative(r["likelihood_analysis"]):
        wr.prose("no_likelihood")

    wr.h(2, "rosh")
    rosh = r["rosh"]
    wr.prose("rosh_intro")
    _rosh_table(wr)
    wr.narrative(rosh["who"], label="Who is at risk:")
    wr.narrative(rosh["what"], label="The harm that could happen:")
    wr.narrative(rosh["when"], label="When the risk is greatest:")
    wr.narrative(rosh["circumstances"], label="Circumstances that raise or reduce the risk:")
    wr.narrative(rosh["analysis"])

    wr.h(2, "mental_health_risk")
    if not wr.narrative(r["mental_health_risk_link"]):
        wr.prose("no_mh_risk_link")

    wr.h(2, "risk_to_self")
    rts = r["risk_to_self"]
    wr.prose("risk_to_self_intro")
    wr.narrative(rts["ideation_details"])
    wr.narrative(rts["self_harm_history"], label="History of self-harm:")
    wr.narrative(rts["suicide_attempt_history"], label="Previous suicide attempts:")
    wr.narrative(rts["vulnerability"], label="Vulnerability:")
    wr.narrative(rts["protective_factors"], label=f"What keeps {wr.c['case']['pronoun']['them']} safe:")
    wr.narrative(rts["analysis"])
    wr.prose("risk_to_self_action")

    wr.h(2, "custody_risks")
    if not wr.narrative(r["risks_if_custody"]):
        wr.prose("no_custody_risks")


# --------------------------------------------------------------------------- proposal


def _requirements(wr: _Writer) -> None:
    p = wr.c["proposal"]
    wr.h(2, "requirements")
    if not p["requirements"]:
        wr.prose("no_requirements")
        return
    for req in p["requirements"]:
        wr.spec.add(Heading(3, wr.p.text("requirement_heading", req)))
        wr.prose("requirement_amount", req)
        if req["treatment"] is not None:
            wr.spec.add(Bullets(tuple(wr.p.paras("treatment_lines", req))))
            wr.narrative(req["treatment"]["description"], label="What the treatment involves:")
            if req["is_treatment"]:
                wr.spec.add(Para(wr.p.text("conditions_lead", req)))
                wr.spec.add(Bullets(tuple(wr.p.paras("condition_lines", req))))
        # Labelled, so it is not read as part of the list of conditions above it.
        wr.narrative(req["details"], label="Details:" if req["treatment"] is not None else None)


def _plan(wr: _Writer) -> None:
    plan = wr.c["proposal"]["plan"]
    wr.h(2, "plan")
    if not plan:
        wr.prose("no_plan")
        return

    def pair(first: str | None, second: str | None) -> str | None:
        # Two values in one cell, as two paragraphs; a missing one says so.
        if not first and not second:
            return None
        return f"{first or wr.nr}\n\n{second or wr.nr}"

    wr.table(
        "plan",
        [
            (i["presenting_issue"], i["link_to_offending"], pair(i["intervention"], i["provider"]),
             pair(i["requirement_name"], i["timescale"]))
            for i in plan
        ],
        widths=(1.2, 1.6, 1.8, 1.4),
    )


def _consent(wr: _Writer) -> None:
    p = wr.c["proposal"]
    wr.h(2, "consent")
    if not p["treatment_requirements"]:
        wr.prose("no_treatment_consent")
        return
    for req in p["treatment_requirements"]:
        wr.prose("consent", req)


def _proposal(wr: _Writer, *, oral: bool) -> None:
    p = wr.c["proposal"]
    wr.h(1, "proposal")
    if p["adjournment"]["requested"]:
        adj = p["adjournment"]
        wr.h(2, "adjournment")
        wr.prose("adjournment")
        wr.narrative(adj["assessment_needed"], label="Assessment needed:")
        wr.narrative(adj["from_whom"], label="To be provided by:")
        wr.narrative(adj["reason"], label="Reason:")
        if p["checks_caveat"]:
            wr.h(2, "caveat")
            wr.narrative(p["checks_caveat"])
        return
    if oral:
        # The oral record: the proposal in a few paragraphs, no sub-headings.
        wr.prose("sentence")
        wr.narrative(p["sentence_text"])
        if p["requirements"]:
            wr.spec.add(Bullets(tuple(wr.p.text("oral_requirement", r) for r in p["requirements"])))
        for req in p["treatment_requirements"]:
            wr.prose("consent", req)
        if not wr.narrative(p["rationale"], label="Rationale:"):
            wr.prose("no_rationale")
        _custody(wr)
    else:
        wr.h(2, "sentence")
        wr.prose("sentence")
        wr.narrative(p["sentence_text"])
        _requirements(wr)
        _plan(wr)
        _consent(wr)
        wr.h(2, "rationale")
        if not wr.narrative(p["rationale"]):
            wr.prose("no_rationale")
        wr.h(2, "alternatives")
        if not wr.narrative(p["alternatives"]):
            wr.prose("no_alternatives")
        _custody(wr, heading=True)
    if p["checks_caveat"]:
        wr.h(2, "caveat")
        wr.narrative(p["checks_caveat"])


def _custody(wr: _Writer, *, heading: bool = False) -> None:
    """Whether custody is possible and its impact: in the written report and the oral record alike."""
    p = wr.c["proposal"]
    if p["custody_position"] or p["custody_impact"]:
        if heading:
            wr.h(3, "custody")
        wr.prose("custody")
        wr.narrative(p["custody_impact"], label=wr.p.text("custody_impact_label", wr.c))


def _person_factors(wr: _Writer) -> None:
    """Each characteristic and circumstance recorded, under its label (written and oral alike)."""
    labels = wr.w["labels"]["person_factors"]
    for factor in wr.c["person"]["factors"]:
        wr.narrative(factor["text"], label=f"{labels[factor['field']]}:")


# --------------------------------------------------------------------------- the end


def _notices(wr: _Writer) -> None:
    c = wr.c
    if not c["notices"] and not c["screening"]["licensed_tools"]:
        return
    wr.h(1, "notices")
    for notice in c["notices"]:
        wr.spec.add(Para(notice["notice"], label=f"{notice['short_name']} ({notice['name']}):"))
    wr.prose("licensed_tools")


def _appendix_or_sign_off(wr: _Writer) -> None:
    c = wr.c
    if c["draft"]:
        wr.h(1, "appendix")
        wr.prose("appendix_intro")
        if c["findings"]:
            wr.table(
                "findings",
                [(f["severity_label"], f["step"], f["message"], f["fix"]) for f in c["findings"]],
                widths=(1, 1.2, 2.5, 2.5),
            )
    else:
        s = c["sign_off"]
        lab = wr.w["labels"]["sign_off"]
        wr.h(1, "sign_off")
        rows: list[tuple[str, str | None]] = [
            (lab["author"], s["author_name"]),
            (lab["role"], s["author_role"]),
            (lab["signed_on"], s["signed_on"]),
        ]
        # Only a countersignature given (or needed: a dangerousness report) has rows; otherwise
        # a final report would print "Countersigned by: Not recorded" as if something were missing.
        if s["countersigned_by"] or s["countersigned_on"] or s["countersignature_needed"]:
            rows += [(lab["countersigned_by"], s["countersigned_by"]), (lab["countersigned_on"], s["countersigned_on"])]
        if s["dangerousness_report"] is not None:
            rows.append((lab["dangerousness"], "Yes" if s["dangerousness_report"] else "No"))
        wr.table("sign_off", rows, widths=(1, 2))
    wr.prose("end_of_report")


# --------------------------------------------------------------------------- entry points


def report_spec(ctx: dict[str, Any]) -> DocumentSpec:
    """The full written report (FDR or SDR), or the oral record when the case is an oral report."""
    if ctx["case"]["is_oral"]:
        return oral_spec(ctx)
    wr = _Writer(ctx, oral=False)
    _front_sheet(wr, oral=False)
    _sources(wr, oral=False)
    _offence(wr, oral=False)
    _assessment(wr)
    _risk(wr)
    _proposal(wr, oral=False)
    _notices(wr)
    _appendix_or_sign_off(wr)
    return wr.spec


def _oral_assessment(wr: _Writer) -> None:
    c = wr.c
    wr.h(1, "assessment")
    wr.prose("oral_mental_health")
    wr.narrative(c["mental_health"]["current_presentation"])
    if c["screening"]["rows"] or c["screening"]["results_only"]:
        _screening_tables(wr, tables=False)
    if c["screening"]["specialist"]["status"]:
        wr.prose("specialist")
    co = c["comorbidity"]
    labels = wr.w["labels"]["comorbidity"]
    present = [f"{lower_first(labels[i['field']])} ({i['presence_label'].lower()})" for i in co["present"]]
    wr.prose("oral_comorbidity", join_words(present))
    # Diversity is required in an oral report too (prompts/profiles.yaml): what was recorded of
    # the person's characteristics and circumstances, and that it was considered.
    _person_factors(wr)
    wr.prose("diversity_considered")
    mo = c["motivation"]
    wr.prose("motivation")
    if mo["own_views"]:
        wr.prose("own_views_lead")
        wr.narrative(mo["own_views"], style="own_words")


def _oral_risk(wr: _Writer) -> None:
    r = wr.c["risk"]
    wr.h(1, "risk")
    groups = wr.w["labels"]["rosh_groups"]
    levels = r["rosh"]["levels"]
    parts = [
        f"{lower_first(groups[g])} {(levels[g]['label'] or wr.nr).lower()}"
        for g in ROSH_GROUPS
    ]
    wr.prose("oral_rosh", "; ".join(parts))
    wr.narrative(r["rosh"]["analysis"])
    wr.prose("risk_to_self_intro")
    wr.prose("risk_to_self_action")
    wr.narrative(r["mental_health_risk_link"], label="Mental health and risk:")
    wr.narrative(r["risks_if_custody"], label="Risks if custody:")  # required in an oral report too


def oral_spec(ctx: dict[str, Any]) -> DocumentSpec:
    """The one-to-two page record of an oral pre-sentence report."""
    wr = _Writer(ctx, oral=True)
    _front_sheet(wr, oral=True)
    _sources(wr, oral=True)
    _offence(wr, oral=True)
    _oral_assessment(wr)
    _oral_risk(wr)
    _proposal(wr, oral=True)
    _notices(wr)
    _appendix_or_sign_off(wr)
    return wr.spec

"""Fictional cases for the render tests. Every person, place and organisation here is invented.

Built with the case model (so they are always valid) and kept small enough to read. They cover
what the examples do not: an oral report, a suspended sentence with unpaid work, a curfew and an
alcohol treatment requirement with consent given only verbally, results-only tools, an
incomplete and an unknown screening tool, a check not available on the day, an enquiry still
awaited, and the person's own words.
"""

from __future__ import annotations

import datetime as dt

from psr_assist.domain.case import Case

TODAY = dt.date(2026, 11, 26)


def sso_case() -> Case:
    return Case.model_validate(
        {
            "id": "fixture-sso",
            "case_details": {
                "court": "Eastmere Crown Court",
                "local_justice_area": "East Fenshire",
                "hearing_date": "2026-12-03",
                "report_type": "sdr",
                "author": "Morwenna Tate",
                "author_role": "po",
                "office": "Eastmere probation office",
                "defendant": {
                    "name": "Dana Whitlock",
                    "date_of_birth": "1999-07-21",
                    "address": "14 Reed Lane, Eastmere",
                    "crn": "Z123456",
                },
                "offences": [
                    {"description": "Assault occasioning actual bodily harm", "offence_date": "2026-06-14"},
                    {"description": "Criminal damage", "offence_date": "2026-06-14"},
                ],
                "plea": "found_guilty",
            },
            "offence_analysis": {
                "analysis": "Dana Whitlock struck a door supervisor after being refused entry to a bar.\n\n"
                "She had been drinking heavily since the afternoon.",
                "no_previous_offences": True,
            },
            "sources": [
                {"kind": "interview", "status": "received", "received_on": "2026-11-20", "verified": False},
                {
                    "kind": "domestic_abuse_callouts",
                    "status": "not_available",
                    "not_available_reason": "The police unit did not reply before the deadline.",
                },
                {
                    "kind": "safeguarding",
                    "label": "Eastmere children's services",
                    "status": "requested",
                    "requested_at": "2026-11-20T09:15:00",
                },
                {
                    "kind": "gp",
                    "label": "Reed Lane Surgery",
                    "status": "received",
                    "received_on": "2026-11-23",
                    "verified": True,
                    "summary": "Registered since 2019. Anxiety recorded in 2024.",
                },
            ],
            "significant_others": [
                {"name": "Ivy Whitlock", "relationship": "Mother", "consent_to_contact": False},
            ],
            "mental_health": {
                "concern_raised": True,
                "history": "Anxiety since her teens, worse after losing her job in 2025.",
                "diagnoses": [
                    {"condition": "Generalised anxiety disorder", "status": "diagnosed", "diagnosed_by": "GP",
                     "year": 2024},
                ],
                "gp_registered": "yes",
                "gp_practice": "Reed Lane Surgery",
                "previous_treatment": [
                    {"provider": "Talking therapies service", "treatment": "Guided self-help", "period": "2024",
                     "outcome": "completed", "notes": "Found the breathing exercises useful."},
                ],
            },
            "screening": {
                "results": [
                    {"instrument": "phq9", "administered_on": "2026-11-20", "answers": [1, 1, 1, 1, 0, 1, 1, 0, 0]},
                    {"instrument": "gad7", "administered_on": "2026-11-20", "answers": [2, 2, 1, None, None, 1, 1]},
                    {"instrument": "audit_c", "administered_on": "2026-11-20", "answers": [3, 3, 2]},
                    {"instrument": "hads", "administered_on": "2026-11-20", "answers": [1, 2]},
                ],
                "results_only": [
                    {"tool": "cssrs", "administered_on": "2026-11-20", "administered_by": "Morwenna Tate",
                     "outcome": "Screen positive: thoughts in the past month, no behaviour", "positive": True,
                     "action_taken": "Safety plan agreed; GP told the same day."},
                    {"tool": "ldsq", "administered_on": "2026-11-20", "administered_by": "Morwenna Tate",
                     "score": "4", "positive": False},
                ],
                "specialist_assessment": {"status": "not_needed",
                                          "reason_not_needed": "her needs are met by primary care"},
            },
            "comorbidity": {
                "alcohol": {"presence": "self_reported", "details": "Binge drinking at weekends."},
                "learning_disability": {"presence": "none_identified"},
                "autism": {"presence": "none_identified"},
            },
            "person": {
                "circumstances": "Lives alone in a rented flat. Works part-time in a café.",
                "age_and_maturity": "She is 27.",
                "first_language": "Polish",
                "interpreter_needed": True,
                "trauma": "She chose not to talk about this.",
                "strengths": "Steady work record.",
            },
            "motivation": {
                "stage_of_change": "contemplation",
                "willing_to_engage_in_treatment": "willing",
                "own_views": "I know I need to stop drinking before it costs me my job.",
            },
            "risk": {
                "predictors": [{"name": "OGRS", "band": "Low", "assessed_on": "2026-11-20"}],
                "likelihood_analysis": "Low, linked to drinking.",
                "rosh": {"children": "low", "public": "medium", "known_adult": "low", "staff": "low",
                         "who": "Door staff and members of the public in the night-time economy."},
                "mental_health_risk_link": "Anxiety leads her to drink, and drinking raises the risk of violence.",
                "risk_to_self": {"current_ideation": "no", "action_taken": "Safety plan agreed.",
                                 "action_taken_at": "2026-11-20T11:00:00"},
            },
            "proposal": {
                "sentence": "suspended_sentence_order",
                "custodial_term_weeks": 16,
                "operational_period_months": 18,
                "supervision_period_months": 12,
                "requirements": [
                    {"kind": "unpaid_work", "hours": 120, "period_months": 12},
                    {"kind": "curfew", "hours_per_day": 8, "period_months": 3,
                     "details": "From 20:00 to 04:00, monitored electronically."},
                    {
                        "kind": "alcohol_treatment",
                        "period_months": 6,
                        "treatment": {"provider": "Eastmere Alcohol Service", "treatment_type": "non_resident",
                                      "provider_assessed": True, "provider_assessed_on": "2026-11-24",
                                      "provider_agrees": True,
                                      "conditions": {"need_for_treatment": True, "arrangements_made": True,
                                                     "willingness_expressed": True}},
                        "consent": {"given": True, "in_writing": False, "method": "verbal_only",
                                    "date": "2026-11-24"},
                    },
                ],
                "plan": [
                    {"presenting_issue": "Binge drinking", "link_to_offending": "Drunk at the time of the offence",
                     "intervention": "Alcohol treatment", "provider": "Eastmere Alcohol Service",
                     "requirement": "alcohol_treatment", "timescale": "Months 1 to 6"},
                ],
                "rationale": "A suspended sentence reflects the seriousness of the assault.",
                "custody_position": "court_indicated",
                "checks_caveat": "The domestic abuse check was not available; the proposal may change if it "
                "shows concerns.",
            },
        }
    )


def oral_case() -> Case:
    return Case.model_validate(
        {
            "id": "fixture-oral",
            "case_details": {
                "court": "Northgate Magistrates' Court",
                "hearing_date": "2026-11-26",
                "report_type": "oral",
                "author": "Priya Okafor",
                "author_role": "pso",
                "defendant": {"name": "Lee Marsh", "date_of_birth": "1990-01-05"},
                "offences": [{"description": "Theft from a shop", "offence_date": "2026-10-30"}],
                "plea": "guilty_plea",
            },
            "offence_analysis": {"analysis": "Stole food worth £12 while homeless."},
            "sources": [
                {"kind": "interview", "status": "received", "received_on": "2026-11-26", "verified": False},
                {"kind": "domestic_abuse_callouts", "status": "received", "received_on": "2026-11-26",
                 "verified": True, "concerns_identified": "no"},
                {"kind": "safeguarding", "status": "received", "received_on": "2026-11-26", "verified": True,
                 "concerns_identified": "no"},
            ],
            "mental_health": {
                "concern_raised": True,
                "diagnoses": [{"condition": "Depression", "status": "self_reported"}],
                "current_presentation": "Low in mood but engaged well.",
            },
            "screening": {"results": [{"instrument": "phq9", "administered_on": "2026-11-26",
                                       "answers": [1, 2, 1, 1, 1, 1, 0, 0, 0]}]},
            "motivation": {"willing_to_engage_in_treatment": "willing",
                           "own_views": "I just want somewhere to live and to feel normal again."},
            "risk": {"rosh": {"children": "low", "public": "low", "known_adult": "low", "staff": "low"},
                     "risk_to_self": {"current_ideation": "no"}},
            "proposal": {
                "sentence": "community_order",
                "order_length_months": 12,
                "requirements": [{"kind": "rehabilitation_activity", "days": 15}],
                "rationale": "Support with housing and mood addresses the reasons for the theft.",
            },
            "sign_off": {"author_name": "Priya Okafor", "signed_on": "2026-11-26"},
        }
    )


def empty_case() -> Case:
    return Case(id="fixture-empty")


FIXTURES = {"sso": sso_case, "oral": oral_case, "empty": empty_case}

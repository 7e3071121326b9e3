"""The case: everything an officer gathers for one pre-sentence report.

Every field may be empty while drafting. The model checks *shape* only (dates, choices,
ranges, lengths); whether the report is *complete* is the check's job (``domain.check``).
Unknown keys are an error, never silently dropped. Text typed or pasted by the officer has
control characters removed on the way in (tabs and new lines are kept).
"""

import datetime as dt
import re
import uuid
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

SCHEMA_VERSION = 1

# Lengths: the MoJ service caps long text at 20,000 characters; a proposed sentence at 4,000.
SHORT_TEXT_MAX = 300
LONG_TEXT_MAX = 20_000
PROPOSAL_TEXT_MAX = 4_000

# Control characters, zero-width and line/paragraph separators, BOM, lone surrogates (which
# JSON allows but no file or database can encode), and every invisible bidirectional control:
# the embeddings and overrides U+202A-U+202E, the isolates U+2066-U+2069 and the marks U+200E,
# U+200F and U+061C. Each can make text show in another order than the one stored: an override
# reverses letters (a pasted "\u202eon" reads "no"), and a lone right-to-left mark is enough to
# show "6 - 12 months" as "12 - 6 months". Arabic and Hebrew need none of them (their letters
# carry their own direction), so what the report shows is what the characters say.
_CONTROL = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200b\u200e\u200f\u202a-\u202e\u2028\u2029"
    r"\u2066-\u2069\ufeff\ud800-\udfff]"
)


# Terminal escape codes, as text copied from a program's coloured output carries them, removed
# whole so that no "[31m" is left behind when the ESC itself goes with the control characters:
# CSI sequences (colours, cursor moves: ESC [ 31 m), OSC sequences (titles, links) up to their
# terminator (BEL or ESC \; one without a terminator on its line is not removed, so no answer
# is cut short), and character-set choices (ESC ( B; a space after an ESC is text, not part of a code).
ESCAPE_CODE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b\n]*(?:\x07|\x1b\\)|\x1b[!-/]+[0-~]"
)


def strip_escape_codes(text: str) -> str:
    """``text`` without terminal escape sequences (a lone ESC is left for :func:`clean_text`)."""
    return ESCAPE_CODE.sub("", text) if "\x1b" in text else text


def clean_text(value: object) -> object:
    """Remove terminal escape codes and control characters (keep tab and new line); normalise
    Windows line ends."""
    if isinstance(value, str):
        value = strip_escape_codes(value).replace("\r\n", "\n").replace("\r", "\n")
        return _CONTROL.sub("", value)
    return value


def _empty_to_none(value: object) -> object:
    if isinstance(value, str) and value.strip() == "":
        return None
    return value


ShortText = Annotated[str, BeforeValidator(clean_text), Field(max_length=SHORT_TEXT_MAX)]
LongText = Annotated[str, BeforeValidator(clean_text), Field(max_length=LONG_TEXT_MAX)]
ProposalText = Annotated[str, BeforeValidator(clean_text), Field(max_length=PROPOSAL_TEXT_MAX)]
OptDate = Annotated[dt.date | None, BeforeValidator(_empty_to_none)]
OptDateTime = Annotated[dt.datetime | None, BeforeValidator(_empty_to_none)]


class CaseModel(BaseModel):
    """Base for every part of a case: unknown keys rejected, assignments validated."""

    # Completed at the end of this module (``content_cache.complete_models``), not class by class.
    model_config = ConfigDict(
        extra="forbid", validate_assignment=True, use_enum_values=False, hide_input_in_errors=True, defer_build=True
    )


# --------------------------------------------------------------------------- choices


class ReportType(StrEnum):
    ORAL = "oral"
    FDR = "fdr"
    SDR = "sdr"


class Plea(StrEnum):
    GUILTY_PLEA = "guilty_plea"
    FOUND_GUILTY = "found_guilty"


class OfficerRole(StrEnum):
    PO = "po"
    PSO = "pso"


class YesNoUnknown(StrEnum):
    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


class Presence(StrEnum):
    """Whether a condition or factor is present, and on what footing."""

    NONE_IDENTIFIED = "none_identified"
    SUSPECTED = "suspected"
    SELF_REPORTED = "self_reported"
    DIAGNOSED = "diagnosed"
    UNKNOWN = "unknown"


class SourceKind(StrEnum):
    INTERVIEW = "interview"
    CPS_PAPERS = "cps_papers"
    PREVIOUS_CONVICTIONS = "previous_convictions"
    POLICE_INFORMATION = "police_information"
    DOMESTIC_ABUSE_CALLOUTS = "domestic_abuse_callouts"
    SAFEGUARDING = "safeguarding"
    OASYS_PROBATION_RECORDS = "oasys_probation_records"
    PREVIOUS_TREATMENT_OUTCOMES = "previous_treatment_outcomes"
    GP = "gp"
    CMHT = "cmht"
    LIAISON_AND_DIVERSION = "liaison_and_diversion"
    PSYCHIATRIC_REPORT = "psychiatric_report"
    PSYCHOLOGICAL_REPORT = "psychological_report"
    SUBSTANCE_MISUSE_SERVICE = "substance_misuse_service"
    PRISON_HEALTHCARE = "prison_healthcare"
    SIGNIFICANT_OTHER = "significant_other"
    VICTIM_STATEMENT = "victim_statement"
    EQUALITY_INFORMATION = "equality_information"
    SENTENCING_GUIDELINES = "sentencing_guidelines"
    OTHER = "other"


class SourceStatus(StrEnum):
    REQUESTED = "requested"
    RECEIVED = "received"
    NOT_AVAILABLE = "not_available"  # not available on the day: needs a reason
    NOT_APPLICABLE = "not_applicable"


class DiagnosisStatus(StrEnum):
    DIAGNOSED = "diagnosed"
    SUSPECTED = "suspected"
    SELF_REPORTED = "self_reported"


class TreatmentOutcome(StrEnum):
    COMPLETED = "completed"
    ONGOING = "ongoing"
    DISENGAGED = "disengaged"
    DISCHARGED = "discharged"
    UNKNOWN = "unknown"


class ResultsOnlyTool(StrEnum):
    CSSRS = "cssrs"
    LDSQ = "ldsq"
    OTHER = "other"


class SpecialistAssessmentStatus(StrEnum):
    NOT_NEEDED = "not_needed"
    REQUESTED = "requested"
    OBTAINED = "obtained"


class ChangeStage(StrEnum):
    PRECONTEMPLATION = "precontemplation"
    CONTEMPLATION = "contemplation"
    PREPARATION = "preparation"
    ACTION = "action"
    MAINTENANCE = "maintenance"
    RELAPSE = "relapse"


class Willingness(StrEnum):
    WILLING = "willing"
    UNSURE = "unsure"
    NOT_WILLING = "not_willing"


class SupervisionResponse(StrEnum):
    GOOD = "good"
    SATISFACTORY = "satisfactory"
    POOR = "poor"
    NOT_APPLICABLE = "not_applicable"


class RoshLevel(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    VERY_HIGH = "very_high"


class SentenceKind(StrEnum):
    ABSOLUTE_DISCHARGE = "absolute_discharge"
    CONDITIONAL_DISCHARGE = "conditional_discharge"
    FINE = "fine"
    COMMUNITY_ORDER = "community_order"
    SUSPENDED_SENTENCE_ORDER = "suspended_sentence_order"
    CUSTODY = "custody"
    OTHER = "other"


class RequirementKind(StrEnum):
    UNPAID_WORK = "unpaid_work"
    REHABILITATION_ACTIVITY = "rehabilitation_activity"
    PROGRAMME = "programme"
    PROHIBITED_ACTIVITY = "prohibited_activity"
    CURFEW = "curfew"
    EXCLUSION = "exclusion"
    RESIDENCE = "residence"
    FOREIGN_TRAVEL_PROHIBITION = "foreign_travel_prohibition"
    MENTAL_HEALTH_TREATMENT = "mental_health_treatment"
    DRUG_REHABILITATION = "drug_rehabilitation"
    ALCOHOL_TREATMENT = "alcohol_treatment"
    ALCOHOL_ABSTINENCE_MONITORING = "alcohol_abstinence_monitoring"
    ATTENDANCE_CENTRE = "attendance_centre"
    ELECTRONIC_MONITORING = "electronic_monitoring"
    DRUG_TESTING = "drug_testing"


TREATMENT_REQUIREMENTS = frozenset(
    {
        RequirementKind.MENTAL_HEALTH_TREATMENT,
        RequirementKind.DRUG_REHABILITATION,
        RequirementKind.ALCOHOL_TREATMENT,
    }
)


#: Sentences that carry requirements (a community order, or a suspended sentence order).
COMMUNITY_SENTENCES = frozenset({SentenceKind.COMMUNITY_ORDER, SentenceKind.SUSPENDED_SENTENCE_ORDER})


class TreatmentType(StrEnum):
    """MHTR: Sentencing Code Sch 9 para 16; ATR para 23; DRR para 19 (resident / non-resident)."""

    IN_PATIENT = "in_patient"
    INSTITUTION_OUT_PATIENT = "institution_out_patient"
    PRACTITIONER_BASED = "practitioner_based"
    RESIDENT = "resident"
    NON_RESIDENT = "non_resident"


class ConsentMethod(StrEnum):
    SIGNED_FORM = "signed_form"
    SIGNED_ON_SCREEN = "signed_on_screen"
    WRITTEN_STATEMENT = "written_statement"
    VERBAL_ONLY = "verbal_only"


class CustodyPosition(StrEnum):
    POSSIBLE = "possible"
    NOT_THRESHOLD = "not_threshold"
    COURT_INDICATED = "court_indicated"


class ReportStatus(StrEnum):
    DRAFT = "draft"
    FINAL = "final"


# --------------------------------------------------------------------------- case details


class Defendant(CaseModel):
    name: ShortText | None = None
    date_of_birth: OptDate = None
    address: ShortText | None = None
    crn: ShortText | None = None
    pnc: ShortText | None = None
    pronouns: ShortText | None = None


class Offence(CaseModel):
    description: ShortText | None = None
    offence_date: OptDate = None
    notes: LongText | None = None


class CaseDetails(CaseModel):
    court: ShortText | None = None
    local_justice_area: ShortText | None = None
    hearing_date: OptDate = None
    report_type: ReportType | None = None
    author: ShortText | None = None
    author_role: OfficerRole | None = None
    office: ShortText | None = None
    defendant: Defendant = Field(default_factory=Defendant)
    offences: list[Offence] = Field(default_factory=list, max_length=50)  # main offence first
    plea: Plea | None = None


class OffenceAnalysis(CaseModel):
    own_account: LongText | None = None  # the person's account of the offence, verbatim
    analysis: LongText | None = None
    victim_impact: LongText | None = None
    pattern_of_offending: LongText | None = None
    no_previous_offences: bool | None = None
    response_to_supervision: SupervisionResponse | None = None
    # Sentencing Council guideline (mental disorders, 2020): evidence for the court, not conclusions.
    mental_health_at_offence: LongText | None = None


# --------------------------------------------------------------------------- sources


class Source(CaseModel):
    kind: SourceKind | None = None
    label: ShortText | None = None  # for "other", or a named organisation
    contact: ShortText | None = None
    status: SourceStatus | None = None
    requested_at: OptDateTime = None
    received_on: OptDate = None
    not_available_reason: LongText | None = None
    verified: bool | None = None
    concerns_identified: YesNoUnknown | None = None  # result of DA / safeguarding checks
    summary: LongText | None = None


class SignificantOther(CaseModel):
    name: ShortText | None = None
    relationship: ShortText | None = None
    consent_to_contact: bool | None = None
    contacted_on: OptDate = None
    verified_information: bool | None = None
    summary: LongText | None = None


# --------------------------------------------------------------------------- mental health


class Diagnosis(CaseModel):
    condition: ShortText | None = None
    status: DiagnosisStatus | None = None
    source: ShortText | None = None
    diagnosed_by: ShortText | None = None
    year: Annotated[int | None, Field(ge=1900, le=2100)] = None


class PreviousTreatment(CaseModel):
    provider: ShortText | None = None
    treatment: ShortText | None = None
    period: ShortText | None = None
    in_custody: bool | None = None
    outcome: TreatmentOutcome | None = None
    notes: LongText | None = None


class MentalHealth(CaseModel):
    concern_raised: bool | None = None
    history: LongText | None = None
    diagnoses: list[Diagnosis] = Field(default_factory=list, max_length=50)
    psychosis_indicated: bool | None = None
    current_treatment: LongText | None = None
    medication: LongText | None = None
    gp_registered: YesNoUnknown | None = None
    gp_practice: ShortText | None = None
    previous_treatment: list[PreviousTreatment] = Field(default_factory=list, max_length=50)
    current_presentation: LongText | None = None


# --------------------------------------------------------------------------- screening


class ScreeningResult(CaseModel):
    """An instrument administered item by item. ``answers`` are 0-based option positions."""

    instrument: ShortText
    administered_on: OptDate = None
    administered_by: ShortText | None = None
    answers: list[Annotated[int | None, Field(ge=0, le=20)]] = Field(default_factory=list, max_length=60)
    extra_answers: dict[str, Annotated[int | None, Field(ge=0, le=20)]] = Field(default_factory=dict)
    notes: LongText | None = None


class ResultsOnlyEntry(CaseModel):
    """A licensed tool whose items we may not reproduce (C-SSRS, LDSQ) or any other tool."""

    tool: ResultsOnlyTool | None = None
    tool_name: ShortText | None = None
    administered_on: OptDate = None
    administered_by: ShortText | None = None
    score: ShortText | None = None
    outcome: LongText | None = None
    positive: bool | None = None
    risk_to_self_screen: bool | None = None  # "other" tools: does it screen for suicide / self-harm risk?
    action_taken: LongText | None = None


class SpecialistAssessment(CaseModel):
    status: SpecialistAssessmentStatus | None = None
    reason_not_needed: LongText | None = None
    requested_from: ShortText | None = None
    requested_on: OptDate = None
    assessed_by: ShortText | None = None
    assessed_on: OptDate = None
    findings: LongText | None = None


class Screening(CaseModel):
    results: list[ScreeningResult] = Field(default_factory=list, max_length=30)
    results_only: list[ResultsOnlyEntry] = Field(default_factory=list, max_length=30)
    specialist_assessment: SpecialistAssessment = Field(default_factory=SpecialistAssessment)


# --------------------------------------------------------------------------- comorbidity


class Condition(CaseModel):
    presence: Presence | None = None
    details: LongText | None = None


class Comorbidity(CaseModel):
    substance_misuse: Condition = Field(default_factory=Condition)
    alcohol: Condition = Field(default_factory=Condition)
    learning_disability: Condition = Field(default_factory=Condition)
    adhd: Condition = Field(default_factory=Condition)
    autism: Condition = Field(default_factory=Condition)
    personality_difficulties: Condition = Field(default_factory=Condition)
    acquired_brain_injury: Condition = Field(default_factory=Condition)
    physical_health: Condition = Field(default_factory=Condition)
    dual_diagnosis_analysis: LongText | None = None
    treatment_sequencing: LongText | None = None


#: The conditions and needs of the comorbidity step, in the order the report gives them.
COMORBIDITY_CONDITIONS = (
    "substance_misuse",
    "alcohol",
    "learning_disability",
    "adhd",
    "autism",
    "personality_difficulties",
    "acquired_brain_injury",
    "physical_health",
)


# --------------------------------------------------------------------------- the person


class Person(CaseModel):
    circumstances: LongText | None = None  # accommodation, work, money, relationships
    age_and_maturity: LongText | None = None
    sex_and_gender: LongText | None = None
    race_and_ethnicity: LongText | None = None
    religion_or_belief: LongText | None = None
    disability: LongText | None = None
    sexual_orientation: LongText | None = None
    pregnancy_and_maternity: LongText | None = None
    care_experience: LongText | None = None
    caring_responsibilities: LongText | None = None
    first_language: ShortText | None = None
    interpreter_needed: bool | None = None
    literacy: LongText | None = None
    learning_style: LongText | None = None
    trauma: LongText | None = None
    intersection: LongText | None = None
    strengths: LongText | None = None
    protective_factors: LongText | None = None
    diversity_considered: bool | None = None


# --------------------------------------------------------------------------- motivation


#: The protected characteristics the person step asks about (Equality Act 2010 and maturity), in report order.
PROTECTED_CHARACTERISTICS = (
    "age_and_maturity",
    "sex_and_gender",
    "race_and_ethnicity",
    "religion_or_belief",
    "disability",
    "sexual_orientation",
    "pregnancy_and_maternity",
)


class Motivation(CaseModel):
    stage_of_change: ChangeStage | None = None
    willing_to_engage_in_treatment: Willingness | None = None
    own_views: LongText | None = None  # the person's own words, verbatim
    lived_experience: LongText | None = None
    barriers: LongText | None = None
    analysis: LongText | None = None


# --------------------------------------------------------------------------- risk


class Predictor(CaseModel):
    name: ShortText | None = None  # e.g. OGRS, CSRP, SARA: as recorded, not computed
    band: ShortText | None = None
    assessed_on: OptDate = None


class RiskOfSeriousHarm(CaseModel):
    children: RoshLevel | None = None
    public: RoshLevel | None = None
    known_adult: RoshLevel | None = None
    staff: RoshLevel | None = None
    who: LongText | None = None
    what: LongText | None = None
    when: LongText | None = None
    circumstances: LongText | None = None
    analysis: LongText | None = None


class RiskToSelf(CaseModel):
    self_harm_history: LongText | None = None
    suicide_attempt_history: LongText | None = None
    current_ideation: YesNoUnknown | None = None
    ideation_details: LongText | None = None
    vulnerability: LongText | None = None
    protective_factors: LongText | None = None
    analysis: LongText | None = None
    action_taken: LongText | None = None  # e.g. crisis team called, GP informed
    action_taken_at: OptDateTime = None


class Risk(CaseModel):
    predictors: list[Predictor] = Field(default_factory=list, max_length=20)
    likelihood_analysis: LongText | None = None
    rosh: RiskOfSeriousHarm = Field(default_factory=RiskOfSeriousHarm)
    mental_health_risk_link: LongText | None = None
    risk_to_self: RiskToSelf = Field(default_factory=RiskToSelf)
    risks_if_custody: LongText | None = None


# --------------------------------------------------------------------------- proposal


class ConsentRecord(CaseModel):
    given: bool | None = None
    in_writing: bool | None = None
    method: ConsentMethod | None = None
    date: OptDate = None
    witnessed_by: ShortText | None = None
    explained_by: ShortText | None = None

    @property
    def given_in_writing(self) -> bool:
        """Consent given and recorded in writing: "verbal only" is not writing, whatever
        ``in_writing`` says. The check, the report and the companion all ask this."""
        return self.given is True and self.in_writing is True and self.method is not ConsentMethod.VERBAL_ONLY


class StatutoryConditions(CaseModel):
    """The conditions the court must be satisfied of (Sch 9; e.g. MHTR para 17)."""

    need_for_treatment: bool | None = None  # requires and may be susceptible to treatment
    not_hospital_or_guardianship: bool | None = None  # MHTR only
    arrangements_made: bool | None = None
    willingness_expressed: bool | None = None


class TreatmentDetails(CaseModel):
    provider: ShortText | None = None
    practitioner: ShortText | None = None  # registered medical practitioner / psychologist
    place: ShortText | None = None
    treatment_type: TreatmentType | None = None
    description: LongText | None = None
    provider_assessed: bool | None = None
    provider_assessed_on: OptDate = None
    provider_agrees: bool | None = None
    treatment_director: ShortText | None = None  # DRR
    testing: ShortText | None = None  # DRR: samples to be provided
    intervals: ShortText | None = None  # DRR non-resident
    review_provision: bool | None = None  # DRR over 12 months
    conditions: StatutoryConditions = Field(default_factory=StatutoryConditions)


class Requirement(CaseModel):
    kind: RequirementKind | None = None
    hours: Annotated[int | None, Field(ge=0, le=10_000)] = None  # UPW hours
    days: Annotated[int | None, Field(ge=0, le=10_000)] = None  # RAR maximum days
    hours_per_day: Annotated[float | None, Field(ge=0, le=24)] = None  # curfew
    hours_per_week: Annotated[float | None, Field(ge=0, le=168)] = None  # curfew
    period_months: Annotated[int | None, Field(ge=0, le=600)] = None
    details: LongText | None = None
    treatment: TreatmentDetails | None = None
    consent: ConsentRecord | None = None


class PlanItem(CaseModel):
    presenting_issue: ShortText | None = None
    link_to_offending: LongText | None = None
    intervention: LongText | None = None
    provider: ShortText | None = None
    requirement: RequirementKind | None = None
    timescale: ShortText | None = None


class AdjournmentRequest(CaseModel):
    requested: bool | None = None
    reason: LongText | None = None
    assessment_needed: LongText | None = None
    from_whom: ShortText | None = None
    weeks: Annotated[int | None, Field(ge=0, le=52)] = None


class Proposal(CaseModel):
    sentence: SentenceKind | None = None
    sentence_text: ProposalText | None = None
    order_length_months: Annotated[int | None, Field(ge=0, le=600)] = None
    custodial_term_weeks: Annotated[int | None, Field(ge=0, le=5_200)] = None  # SSO / custody
    operational_period_months: Annotated[int | None, Field(ge=0, le=600)] = None
    supervision_period_months: Annotated[int | None, Field(ge=0, le=600)] = None
    requirements: list[Requirement] = Field(default_factory=list, max_length=20)
    plan: list[PlanItem] = Field(default_factory=list, max_length=40)
    rationale: LongText | None = None
    alternatives: LongText | None = None
    custody_position: CustodyPosition | None = None
    custody_impact: LongText | None = None
    checks_caveat: LongText | None = None  # when DA / safeguarding checks were not available
    adjournment: AdjournmentRequest = Field(default_factory=AdjournmentRequest)


# --------------------------------------------------------------------------- sign-off


class SignOff(CaseModel):
    status: ReportStatus = ReportStatus.DRAFT
    author_name: ShortText | None = None
    signed_on: OptDate = None
    dangerousness_report: bool | None = None
    countersigned_by: ShortText | None = None
    countersigned_on: OptDate = None


def _new_id() -> str:
    return uuid.uuid4().hex


def _check_id(value: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9_-]{1,64}", value):
        raise ValueError("a case id is 1 to 64 letters, digits, '-' or '_'")
    return value


class Case(CaseModel):
    """One pre-sentence report, from first enquiry to sign-off."""

    schema_version: Literal[1] = SCHEMA_VERSION
    id: Annotated[str, AfterValidator(_check_id)] = Field(default_factory=_new_id)
    case_details: CaseDetails = Field(default_factory=CaseDetails)
    offence_analysis: OffenceAnalysis = Field(default_factory=OffenceAnalysis)
    sources: list[Source] = Field(default_factory=list, max_length=60)
    significant_others: list[SignificantOther] = Field(default_factory=list, max_length=20)
    mental_health: MentalHealth = Field(default_factory=MentalHealth)
    screening: Screening = Field(default_factory=Screening)
    comorbidity: Comorbidity = Field(default_factory=Comorbidity)
    person: Person = Field(default_factory=Person)
    motivation: Motivation = Field(default_factory=Motivation)
    risk: Risk = Field(default_factory=Risk)
    proposal: Proposal = Field(default_factory=Proposal)
    sign_off: SignOff = Field(default_factory=SignOff)


def _complete() -> None:
    from psr_assist.domain.content_cache import complete_models

    models = [
        obj
        for obj in globals().values()
        if isinstance(obj, type) and issubclass(obj, CaseModel) and obj is not CaseModel
    ]
    complete_models("case-model", models)


_complete()


def age_on(date_of_birth: dt.date | None, on: dt.date | None) -> int | None:
    """Age in whole years on a date (the hearing date, usually)."""
    if date_of_birth is None or on is None:
        return None
    years = on.year - date_of_birth.year - ((on.month, on.day) < (date_of_birth.month, date_of_birth.day))
    return years if years >= 0 else None


def case_age(case: Case, today: dt.date | None = None) -> int | None:
    details = case.case_details
    return age_on(details.defendant.date_of_birth, details.hearing_date or today or dt.date.today())

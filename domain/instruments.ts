// The instrument catalog: one typed entry per instrument, each constant with its source.
// "secondary" marks a value read in a summary or a citing paper rather than at its source
// (../shared/INSTRUMENTS.md); null marks what no source we could read gives — the analysis
// then reports no reliable-change or recovery share for that instrument rather than guess.

export const INSTRUMENT_CODES = [
  "PHQ9",
  "GAD7",
  "PCL5",
  "ISI",
  "PSQI",
  "SWLS",
  "BAM",
  "AUDITC",
  "DAST10",
  "DAYS_USE",
] as const;
export type InstrumentCode = (typeof INSTRUMENT_CODES)[number];

export interface Range {
  min: number;
  max: number;
}

export interface Instrument {
  code: InstrumentCode;
  name: string;
  /** Item-level responses accepted (`item_1`…`item_count`), or null when only a total exists. */
  items: (Range & { count: number }) | null;
  /** Range of the total score. */
  total: Range;
  /** "lower" = lower scores are better (symptoms); "higher" = higher is better (SWLS). */
  better: "lower" | "higher";
  /**
   * Proration of missing items where the manual allows it: a total from at least
   * count − maxMissing answered items, scaled to the full count and rounded. Absent = none.
   */
  proration?: { maxMissing: number; source: string };
  /** Severity bands covering the total range, lowest first. */
  bands: { label: string; min: number; max: number }[];
  /** Clinical cutoff: scores at or above (or below, for SWLS) are the clinical range. */
  cutoff: { value: number; clinicalAtOrAbove: boolean; source: string } | null;
  /** Jacobson–Truax parameters: reliability r_xx and the reference SD of a clinical sample. */
  reliableChange: { reliability: number; sdRef: number; source: string } | null;
  /** Remission threshold (post < value) and response (≤ 50 % of intake) where defined. */
  remissionBelow: number | null;
  loinc: string | null;
  source: string;
}

export const INSTRUMENTS: Record<InstrumentCode, Instrument> = {
  PHQ9: {
    code: "PHQ9",
    name: "Patient Health Questionnaire-9",
    items: { count: 9, min: 0, max: 3 },
    total: { min: 0, max: 27 },
    better: "lower",
    // Kroenke, Spitzer & Williams 2001, J Gen Intern Med 16:606.
    bands: [
      { label: "minimal", min: 0, max: 4 },
      { label: "mild", min: 5, max: 9 },
      { label: "moderate", min: 10, max: 14 },
      { label: "moderately severe", min: 15, max: 19 },
      { label: "severe", min: 20, max: 27 },
    ],
    cutoff: { value: 10, clinicalAtOrAbove: true, source: "Kroenke et al. 2001: ≥ 10 caseness" },
    // r_xx: α = .89 (Kroenke 2001, secondary). SD_ref chosen so that the reliable-change
    // threshold 1.96·S_diff equals the 6 points used by NHS Talking Therapies (Gyani et al. 2013,
    // Behav Res Ther 51:597): SD_ref = 6 / (1.96·√2·√(1 − .89)) = 6.53.
    reliableChange: { reliability: 0.89, sdRef: 6.53, source: "α Kroenke 2001 (secondary); SD derived from the 6-point RCI of Gyani et al. 2013" },
    remissionBelow: 5, // NQF 0710 / CMS159: remission = PHQ-9 < 5
    loinc: "44261-6",
    source: "Kroenke K, Spitzer RL, Williams JB. J Gen Intern Med 2001;16:606–613",
  },
  GAD7: {
    code: "GAD7",
    name: "Generalized Anxiety Disorder-7",
    items: { count: 7, min: 0, max: 3 },
    total: { min: 0, max: 21 },
    better: "lower",
    bands: [
      { label: "minimal", min: 0, max: 4 },
      { label: "mild", min: 5, max: 9 },
      { label: "moderate", min: 10, max: 14 },
      { label: "severe", min: 15, max: 21 },
    ],
    cutoff: { value: 10, clinicalAtOrAbove: true, source: "Spitzer et al. 2006: ≥ 10" },
    // α = .92 (Spitzer 2006, secondary); SD_ref from the 4-point RCI of Gyani et al. 2013:
    // 4 / (1.96·√2·√(1 − .92)) = 5.10.
    reliableChange: { reliability: 0.92, sdRef: 5.1, source: "α Spitzer 2006 (secondary); SD derived from the 4-point RCI of Gyani et al. 2013" },
    remissionBelow: 5,
    loinc: "70274-6",
    source: "Spitzer RL, Kroenke K, Williams JB, Löwe B. Arch Intern Med 2006;166:1092–1097",
  },
  PCL5: {
    code: "PCL5",
    name: "PTSD Checklist for DSM-5",
    items: { count: 20, min: 0, max: 4 },
    total: { min: 0, max: 80 },
    better: "lower",
    bands: [
      { label: "below provisional PTSD", min: 0, max: 32 },
      { label: "provisional PTSD", min: 33, max: 80 },
    ],
    cutoff: { value: 33, clinicalAtOrAbove: true, source: "Bovin et al. 2016, Psychol Assess 28:1379: 31–33 (upper bound used)" },
    // α = .94 (Blevins 2015); SD_ref from the 10-point reliable change of the National Center
    // for PTSD's PCL-5 guidance (secondary): 10 / (1.96·√2·√(1 − .94)) = 14.73.
    reliableChange: { reliability: 0.94, sdRef: 14.73, source: "α Blevins 2015; SD derived from NCPTSD's 10-point change (secondary)" },
    remissionBelow: null,
    loinc: "101698-9", // secondary
    source: "Blevins CA et al. J Trauma Stress 2015;28:489–498; Bovin MJ et al. Psychol Assess 2016;28:1379",
  },
  ISI: {
    code: "ISI",
    name: "Insomnia Severity Index",
    items: { count: 7, min: 0, max: 4 },
    total: { min: 0, max: 28 },
    better: "lower",
    bands: [
      { label: "no clinically significant insomnia", min: 0, max: 7 },
      { label: "subthreshold", min: 8, max: 14 },
      { label: "moderate", min: 15, max: 21 },
      { label: "severe", min: 22, max: 28 },
    ],
    cutoff: { value: 10, clinicalAtOrAbove: true, source: "Morin et al. 2011, Sleep 34:601: ≥ 10 in community samples" },
    reliableChange: null, // α .91 clinical (Morin 2011), but no clinical-sample SD read: to verify
    remissionBelow: null,
    loinc: null,
    source: "Morin CM, Belleville G, Bélanger L, Ivers H. Sleep 2011;34:601–608",
  },
  PSQI: {
    code: "PSQI",
    name: "Pittsburgh Sleep Quality Index (global)",
    items: { count: 7, min: 0, max: 3 }, // the seven component scores
    total: { min: 0, max: 21 },
    better: "lower",
    bands: [
      { label: "good sleep", min: 0, max: 5 },
      { label: "poor sleep", min: 6, max: 21 },
    ],
    cutoff: { value: 6, clinicalAtOrAbove: true, source: "Buysse et al. 1989: global > 5 = poor sleep" },
    reliableChange: null, // reliability not read at the source: to verify
    remissionBelow: null,
    loinc: null,
    source: "Buysse DJ et al. Psychiatry Res 1989;28:193–213",
  },
  SWLS: {
    code: "SWLS",
    name: "Satisfaction With Life Scale",
    items: { count: 5, min: 1, max: 7 },
    total: { min: 5, max: 35 },
    better: "higher",
    // Pavot & Diener 2008, J Posit Psychol 3:137.
    bands: [
      { label: "extremely dissatisfied", min: 5, max: 9 },
      { label: "dissatisfied", min: 10, max: 14 },
      { label: "slightly dissatisfied", min: 15, max: 19 },
      { label: "neutral", min: 20, max: 20 },
      { label: "slightly satisfied", min: 21, max: 25 },
      { label: "satisfied", min: 26, max: 30 },
      { label: "extremely satisfied", min: 31, max: 35 },
    ],
    cutoff: { value: 20, clinicalAtOrAbove: false, source: "Pavot & Diener 2008: below the neutral point 20 = dissatisfied" },
    // α = .87 (Diener 1985); SD 6.43 of Diener et al.'s 1985 sample (secondary).
    reliableChange: { reliability: 0.87, sdRef: 6.43, source: "Diener et al. 1985, J Pers Assess 49:71 (SD secondary)" },
    remissionBelow: null,
    loinc: null,
    source: "Diener E, Emmons RA, Larsen RJ, Griffin S. J Pers Assess 1985;49:71–75",
  },
  BAM: {
    code: "BAM",
    name: "Brief Addiction Monitor (use items 4–6)",
    // The scored "use" subscale: items 4, 5 and 6, each 0–4 (VA scoring, secondary); stored as
    // item_1…item_3 in that order.
    items: { count: 3, min: 0, max: 4 },
    total: { min: 0, max: 12 },
    better: "lower",
    bands: [
      { label: "no use", min: 0, max: 0 },
      { label: "any use", min: 1, max: 12 },
    ],
    cutoff: null,
    reliableChange: null,
    remissionBelow: null,
    loinc: null,
    source: "Cacciola JS et al. J Subst Abuse Treat 2013;44:256–263",
  },
  AUDITC: {
    code: "AUDITC",
    name: "AUDIT-C",
    items: { count: 3, min: 0, max: 4 },
    total: { min: 0, max: 12 },
    better: "lower",
    bands: [
      { label: "negative", min: 0, max: 3 },
      { label: "positive", min: 4, max: 12 },
    ],
    // ≥ 4 for men, ≥ 3 for women (secondary); episodes carry gender as free text, so the
    // stricter-for-men threshold 4 is used for everyone and said so.
    cutoff: { value: 4, clinicalAtOrAbove: true, source: "Bush et al. 1998, Arch Intern Med 158:1789 (secondary): ≥ 4 men, ≥ 3 women" },
    reliableChange: null,
    remissionBelow: null,
    loinc: "75626-2",
    source: "Bush K et al. Arch Intern Med 1998;158:1789–1795",
  },
  DAST10: {
    code: "DAST10",
    name: "Drug Abuse Screening Test-10",
    // Items hold scored points (0/1) with item 3 already reversed by the site's form.
    items: { count: 10, min: 0, max: 1 },
    total: { min: 0, max: 10 },
    better: "lower",
    bands: [
      { label: "none", min: 0, max: 0 },
      { label: "low", min: 1, max: 2 },
      { label: "moderate", min: 3, max: 5 },
      { label: "substantial", min: 6, max: 8 },
      { label: "severe", min: 9, max: 10 },
    ],
    cutoff: { value: 3, clinicalAtOrAbove: true, source: "Skinner 1982 scoring: ≥ 3 moderate or worse (secondary)" },
    reliableChange: null, // α .89–.92 reported, but no clinical-sample SD read
    remissionBelow: null,
    loinc: "82667-7",
    source: "Skinner HA. Addict Behav 1982;7:363–371",
  },
  DAYS_USE: {
    code: "DAYS_USE",
    name: "Days of any substance use, past 30",
    items: null,
    total: { min: 0, max: 30 },
    better: "lower",
    bands: [
      { label: "abstinent", min: 0, max: 0 },
      { label: "some use", min: 1, max: 30 },
    ],
    cutoff: null,
    reliableChange: null,
    remissionBelow: null,
    loinc: null,
    source: "Timeline follow-back convention (count of days); no published norms used",
  },
};

export const isInstrumentCode = (s: string): s is InstrumentCode =>
  (INSTRUMENT_CODES as readonly string[]).includes(s);

// domain/instruments/instrument.ts
var INSTRUMENT_CODES = ["PHQ9", "GAD7", "PCL5", "ISI", "PSQI", "SWLS", "BAM", "AUDITC", "DAST10", "DAYS_USE"];
var HALF_OF_INTAKE = { atMostShareOfIntake: 0.5, source: "\u2265 50 % reduction, NQF 1884/1885 logic (secondary); DESIGN.md" };

// domain/instruments/auditc.ts
var AUDITC = {
  code: "AUDITC",
  name: "AUDIT-C",
  // 3 items, 0–4; total 0–12.
  items: { count: 3, min: 0, max: 4 },
  total: { min: 0, max: 12 },
  better: "lower",
  scoring: { rule: "sum", reversedItems: [], source: "Bush et al. 1998: sum of the three items" },
  // No proration: three items, each a different question.
  bands: [
    { label: "negative", min: 0, max: 3 },
    { label: "positive", min: 4, max: 12 }
  ],
  // ≥ 4 for men (Bush 1998), ≥ 3 for women (Bradley et al. 2007, secondary). Episodes carry
  // gender as free text, so the men's threshold 4 is used for everyone, and said so here.
  cutoff: { value: 4, clinicalAtOrAbove: true, source: "Bush et al. 1998, Arch Intern Med 158:1789 (secondary): \u2265 4 men, \u2265 3 women; 4 used for all" },
  reliableChange: null,
  // no reliability / clinical SD read
  response: null,
  remissionBelow: null,
  loinc: "75626-2",
  // verified (INSTRUMENTS.md)
  source: "Bush K, Kivlahan DR, McDonell MB, Fihn SD, Bradley KA. Arch Intern Med 1998;158:1789\u20131795"
};

// domain/instruments/bam.ts
var BAM = {
  code: "BAM",
  name: "Brief Addiction Monitor \u2014 Use subscale (items 4\u20136)",
  // The BAM has 17 items and no total score; its Use subscale is the sum of item 4 (days of
  // any alcohol), item 5 (days of heavy drinking) and item 6 (days of any drug use), each
  // coded 0–4 for 0, 1–3, 4–8, 9–15, 16–30 days in the past 30 (BAM-R manual, DePhilippis
  // et al. 2014; VA scoring; secondary — see bamUseItemFromDays in domain/scoring.ts).
  // Our item_1…item_3 hold BAM items 4, 5, 6 in that order, already coded 0–4.
  items: { count: 3, min: 0, max: 4 },
  total: { min: 0, max: 12 },
  better: "lower",
  scoring: { rule: "sum", reversedItems: [], source: "BAM scoring: Use = items 4 + 5 + 6 (VA scoring, secondary)" },
  bands: [
    { label: "no use", min: 0, max: 0 },
    { label: "any use", min: 1, max: 12 }
  ],
  // Use ≥ 1 is the clinically significant range in the BAM scoring summaries (secondary).
  cutoff: { value: 1, clinicalAtOrAbove: true, source: "BAM scoring summary: Use \u2265 1 clinically significant (secondary)" },
  // Cacciola 2013 reports α ≈ .70 for its empirically derived factors, not for the Use
  // subscale, and no clinical SD of it: no reliable-change parameters.
  reliableChange: null,
  response: null,
  remissionBelow: null,
  loinc: null,
  // none found
  source: "Cacciola JS et al. J Subst Abuse Treat 2013;44:256\u2013263; DePhilippis D et al. BAM manual, Philadelphia VAMC CESATE 2014"
};

// domain/instruments/dast10.ts
var DAST10 = {
  code: "DAST10",
  name: "Drug Abuse Screening Test-10",
  // Item columns hold the answer as given: 1 = yes, 0 = no — what forms and exports record.
  // One point per "yes", except item 3 ("Are you always able to stop using drugs when you
  // want to?"), where "no" scores the point: item 3 is reversed by the scoring rule.
  items: { count: 10, min: 0, max: 1 },
  total: { min: 0, max: 10 },
  better: "lower",
  scoring: { rule: "sum", reversedItems: [3], source: "Skinner 1982 scoring key: 1 point per yes, item 3 scored for no" },
  // No proration in the published scoring.
  // Skinner's interpretation guide (secondary): 0 none, 1–2 low, 3–5 moderate, 6–8 substantial, 9–10 severe.
  bands: [
    { label: "none", min: 0, max: 0 },
    { label: "low", min: 1, max: 2 },
    { label: "moderate", min: 3, max: 5 },
    { label: "substantial", min: 6, max: 8 },
    { label: "severe", min: 9, max: 10 }
  ],
  cutoff: { value: 3, clinicalAtOrAbove: true, source: "Skinner 1982 guide: \u2265 3 moderate or worse, further assessment (secondary)" },
  // α .89–.92 in validations (INSTRUMENTS.md), α .92 in Turkish clinical samples (Dusunen
  // Adam 2013;26:351, read), but no clinical-sample SD: no reliable-change parameters.
  reliableChange: null,
  response: null,
  remissionBelow: null,
  loinc: "82667-7",
  // verified (INSTRUMENTS.md)
  source: "Skinner HA. The Drug Abuse Screening Test. Addict Behav 1982;7:363\u2013371"
};

// domain/instruments/days-use.ts
var DAYS_USE = {
  code: "DAYS_USE",
  name: "Days of any substance use, past 30",
  items: null,
  // a total only
  total: { min: 0, max: 30 },
  better: "lower",
  scoring: null,
  bands: [
    { label: "abstinent", min: 0, max: 0 },
    { label: "some use", min: 1, max: 30 }
  ],
  cutoff: null,
  reliableChange: null,
  response: null,
  remissionBelow: null,
  loinc: null,
  source: "Days counted as in the Timeline Followback (Sobell LC, Sobell MB. In: Litten RZ, Allen JP, eds. Measuring Alcohol Consumption. Humana Press 1992:41\u201372); no published norms used"
};

// domain/instruments/gad7.ts
var GAD7 = {
  code: "GAD7",
  name: "Generalized Anxiety Disorder-7",
  // 7 items, 0–3; total 0–21 (Spitzer et al. 2006).
  items: { count: 7, min: 0, max: 3 },
  total: { min: 0, max: 21 },
  better: "lower",
  scoring: { rule: "sum", reversedItems: [], source: "Spitzer et al. 2006: sum of the seven items" },
  // No proration: no scoring instruction we read allows one for the GAD-7 (APA's DSM-5
  // anxiety severity measures are different scales), so a missing item means no total.
  // Spitzer et al. 2006: 5, 10, 15 = mild, moderate, severe.
  bands: [
    { label: "minimal", min: 0, max: 4 },
    { label: "mild", min: 5, max: 9 },
    { label: "moderate", min: 10, max: 14 },
    { label: "severe", min: 15, max: 21 }
  ],
  cutoff: { value: 10, clinicalAtOrAbove: true, source: "Spitzer et al. 2006: \u2265 10" },
  // α = .92 (Spitzer 2006, secondary; general population α = .89, Löwe 2008). No clinical-sample
  // SD read at a source: SD_ref reproduces the 4-point IAPT reliable change (Gyani et al. 2013):
  // 4 / (1.96 · √2 · √(1 − .92)) = 5.10.
  reliableChange: { reliability: 0.92, sdRef: 5.1, source: "\u03B1 Spitzer 2006 (secondary); SD_ref derived from the 4-point IAPT reliable change (Gyani et al. 2013)" },
  // DESIGN.md applies the PHQ-9 response and remission rules to the GAD-7; no GAD-7-specific
  // standard (like NQF 0710 for the PHQ-9) was read.
  response: HALF_OF_INTAKE,
  remissionBelow: 5,
  loinc: "70274-6",
  // verified (INSTRUMENTS.md)
  source: "Spitzer RL, Kroenke K, Williams JB, L\xF6we B. Arch Intern Med 2006;166:1092\u20131097"
};

// domain/instruments/isi.ts
var ISI = {
  code: "ISI",
  name: "Insomnia Severity Index",
  // 7 items, 0–4; total 0–28.
  items: { count: 7, min: 0, max: 4 },
  total: { min: 0, max: 28 },
  better: "lower",
  scoring: { rule: "sum", reversedItems: [], source: "Bastien et al. 2001: sum of the seven items" },
  // No proration in the published scoring.
  bands: [
    { label: "no clinically significant insomnia", min: 0, max: 7 },
    { label: "subthreshold", min: 8, max: 14 },
    { label: "moderate", min: 15, max: 21 },
    { label: "severe", min: 22, max: 28 }
  ],
  // Morin 2011 (abstract read): 10 optimal in the community sample (86.1 % sensitivity,
  // 87.7 % specificity). Primary care: 14 (Gagnon et al. 2013, J Am Board Fam Med 26:701).
  cutoff: { value: 10, clinicalAtOrAbove: true, source: "Morin et al. 2011, Sleep 34:601: \u2265 10 in the community sample" },
  // α = .91 in Morin 2011's clinical sample (read), but no clinical-sample SD was read, and
  // Morin's −8.4-point minimally important change is an anchor-based threshold, not an RCI:
  // no reliable-change parameters rather than a guessed SD.
  reliableChange: null,
  response: null,
  remissionBelow: null,
  loinc: null,
  // none found
  source: "Morin CM, Belleville G, B\xE9langer L, Ivers H. Sleep 2011;34:601\u2013608; Bastien CH et al. Sleep Med 2001;2:297\u2013307"
};

// domain/instruments/pcl5.ts
var PCL5 = {
  code: "PCL5",
  name: "PTSD Checklist for DSM-5",
  // 20 items, 0 "not at all" … 4 "extremely"; total 0–80. Clusters B 1–5, C 6–7, D 8–14,
  // E 15–20 (National Center for PTSD scoring; not scored separately here).
  items: { count: 20, min: 0, max: 4 },
  total: { min: 0, max: 80 },
  better: "lower",
  scoring: { rule: "sum", reversedItems: [], source: "Blevins et al. 2015: sum of the 20 items" },
  // No proration: the National Center for PTSD's scoring text we read gives none.
  // "There are currently no empirically derived severity ranges for the PCL-5" (NCPTSD, as
  // quoted by the Australian comorbidity guidelines): two bands split at the provisional cutoff.
  bands: [
    { label: "below provisional PTSD", min: 0, max: 32 },
    { label: "provisional PTSD", min: 33, max: 80 }
  ],
  cutoff: { value: 33, clinicalAtOrAbove: true, source: "Bovin et al. 2016, Psychol Assess 28:1379: 31\u201333 (upper end used)" },
  // α = .94, retest r = .82 (Blevins 2015, read in the abstract; trauma-exposed students —
  // veterans α = .96, Bovin 2016). No clinical-sample SD read: SD_ref reproduces the 10-point
  // reliable change of the National Center for PTSD's guidance (secondary):
  // 10 / (1.96 · √2 · √(1 − .94)) = 14.73.
  reliableChange: { reliability: 0.94, sdRef: 14.73, source: "\u03B1 Blevins 2015; SD_ref derived from NCPTSD's 10-point reliable change (secondary)" },
  response: null,
  remissionBelow: null,
  loinc: "101698-9",
  // secondary (INSTRUMENTS.md); its check digit is valid
  source: "Blevins CA et al. J Trauma Stress 2015;28:489\u2013498; Bovin MJ et al. Psychol Assess 2016;28:1379\u20131391"
};

// domain/instruments/phq9.ts
var PHQ9 = {
  code: "PHQ9",
  name: "Patient Health Questionnaire-9",
  // 9 items, 0 "not at all" … 3 "nearly every day"; total 0–27 (Kroenke et al. 2001).
  items: { count: 9, min: 0, max: 3 },
  total: { min: 0, max: 27 },
  better: "lower",
  scoring: { rule: "sum", reversedItems: [], source: "Kroenke et al. 2001: sum of the nine items" },
  // "If 1 or 2 items are left unanswered … multiply the partial raw score by 9 and divide by
  // the number of items answered; round to the nearest whole number; 3 or more unanswered: do
  // not use the total" — American Psychiatric Association, DSM-5 Online Assessment Measures,
  // scoring instructions of its PHQ-9 severity measures (read in the PHQ-9 Modified for
  // Adolescents text; the adult measure's identical instruction is secondary).
  proration: { maxMissing: 2, source: "APA DSM-5 Online Assessment Measures, PHQ-9 severity measure scoring (adult text secondary)" },
  // Kroenke et al. 2001: 5, 10, 15, 20 = mild, moderate, moderately severe, severe.
  bands: [
    { label: "minimal", min: 0, max: 4 },
    { label: "mild", min: 5, max: 9 },
    { label: "moderate", min: 10, max: 14 },
    { label: "moderately severe", min: 15, max: 19 },
    { label: "severe", min: 20, max: 27 }
  ],
  cutoff: { value: 10, clinicalAtOrAbove: true, source: "Kroenke et al. 2001: \u2265 10, sensitivity and specificity 88 % for major depression" },
  // r_xx = .89: Kroenke 2001 (secondary); a psychiatric-hospital sample gives α = .892
  // (BMC Psychiatry 2020;20:474, read). No clinical-sample SD was read at a source, so SD_ref
  // is the one that reproduces the 6-point reliable change of the IAPT / NHS Talking Therapies
  // data handbook (2011; used by Gyani et al. 2013, Behav Res Ther 51:597):
  // 6 / (1.96 · √2 · √(1 − .89)) = 6.53 — a plausible clinical SD for intake PHQ-9 scores.
  reliableChange: { reliability: 0.89, sdRef: 6.53, source: "\u03B1 Kroenke 2001 (secondary); SD_ref derived from the 6-point IAPT reliable change (Gyani et al. 2013)" },
  response: HALF_OF_INTAKE,
  remissionBelow: 5,
  // NQF 0710 / CMS159: remission = PHQ-9 < 5
  loinc: "44261-6",
  // verified (INSTRUMENTS.md)
  source: "Kroenke K, Spitzer RL, Williams JB. The PHQ-9. J Gen Intern Med 2001;16:606\u2013613"
};

// domain/instruments/psqi.ts
var PSQI = {
  code: "PSQI",
  name: "Pittsburgh Sleep Quality Index (global)",
  // The 19 self-rated questions make 7 component scores of 0–3 each (Buysse 1989's scoring
  // key); our item columns hold those 7 component scores, not the 19 answers.
  items: { count: 7, min: 0, max: 3 },
  total: { min: 0, max: 21 },
  better: "lower",
  scoring: { rule: "sum", reversedItems: [], source: "Buysse et al. 1989: global score = sum of the seven component scores" },
  // No proration: a component with a missing answer is missing, and the global score needs
  // all seven (secondary, INSTRUMENTS.md).
  bands: [
    { label: "good sleep", min: 0, max: 5 },
    { label: "poor sleep", min: 6, max: 21 }
  ],
  cutoff: { value: 6, clinicalAtOrAbove: true, source: "Buysse et al. 1989: global > 5 = poor sleep" },
  // Reliability and a clinical SD were not read at a source (INSTRUMENTS.md: not found).
  reliableChange: null,
  response: null,
  remissionBelow: null,
  loinc: null,
  // none found
  source: "Buysse DJ, Reynolds CF, Monk TH, Berman SR, Kupfer DJ. Psychiatry Res 1989;28:193\u2013213"
};

// domain/instruments/swls.ts
var SWLS = {
  code: "SWLS",
  name: "Satisfaction With Life Scale",
  // 5 items, 1 "strongly disagree" … 7 "strongly agree"; total 5–35.
  items: { count: 5, min: 1, max: 7 },
  total: { min: 5, max: 35 },
  better: "higher",
  scoring: { rule: "sum", reversedItems: [], source: "Diener et al. 1985: sum of the five items" },
  // No proration in the published scoring.
  // Pavot & Diener 2008, J Posit Psychol 3:137: 20 is the neutral point.
  bands: [
    { label: "extremely dissatisfied", min: 5, max: 9 },
    { label: "dissatisfied", min: 10, max: 14 },
    { label: "slightly dissatisfied", min: 15, max: 19 },
    { label: "neutral", min: 20, max: 20 },
    { label: "slightly satisfied", min: 21, max: 25 },
    { label: "satisfied", min: 26, max: 30 },
    { label: "extremely satisfied", min: 31, max: 35 }
  ],
  cutoff: { value: 20, clinicalAtOrAbove: false, source: "Pavot & Diener 2008: below the neutral point 20 = dissatisfied" },
  // α = .87, 2-month retest .82 (Diener 1985). SD 6.43 is Diener 1985's student sample
  // (secondary): not a clinical sample — none was read — so RCIs on it are approximate.
  reliableChange: { reliability: 0.87, sdRef: 6.43, source: "Diener et al. 1985, J Pers Assess 49:71 (SD secondary; non-clinical sample)" },
  response: null,
  remissionBelow: null,
  loinc: null,
  // none found
  source: "Diener E, Emmons RA, Larsen RJ, Griffin S. J Pers Assess 1985;49:71\u201375"
};

// domain/instruments.ts
var INSTRUMENTS = { PHQ9, GAD7, PCL5, ISI, PSQI, SWLS, BAM, AUDITC, DAST10, DAYS_USE };
var isInstrumentCode = (s) => INSTRUMENT_CODES.includes(s);
var SHORT_NAMES = { AUDITC: "AUDIT-C", DAYS_USE: "Days of use" };
var instrumentShortName = (code) => SHORT_NAMES[code] ?? code.replace(/^([A-Z]+)(\d+)$/, "$1-$2");

// domain/quarters.ts
var QUARTER_PATTERN = /^\d{4}Q[1-4]$/;
var isQuarter = (s) => QUARTER_PATTERN.test(s);
var quarterOfDate = (date) => `${date.slice(0, 4)}Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
function previousQuarter(quarter) {
  const [year, q] = [Number(quarter.slice(0, 4)), Number(quarter.slice(5))];
  return q === 1 ? `${year - 1}Q4` : `${year}Q${q - 1}`;
}
function quartersEnding(quarter, count) {
  const out = [quarter];
  while (out.length < count) out.unshift(previousQuarter(out[0]));
  return out;
}
function lastCompleteQuarter(date) {
  const quarter = quarterOfDate(date);
  const nextQuarterStart = new Date(Date.UTC(Number(date.slice(0, 4)), 3 * Number(quarter.slice(5)), 1));
  const lastDay = new Date(nextQuarterStart.getTime() - 864e5).toISOString().slice(0, 10);
  return date === lastDay ? quarter : previousQuarter(quarter);
}

// domain/timepoints.ts
var DEFAULT_WINDOWS = [
  { timepoint: "intake", anchor: "admission", offsetDays: 0, before: 14, after: 7 },
  { timepoint: "discharge", anchor: "discharge", offsetDays: 0, before: 7, after: 7 },
  { timepoint: "followup_6m", anchor: "discharge", offsetDays: 182, before: 45, after: 45 }
];
var COMPARISONS = {
  intake_discharge: { pre: "intake", post: "discharge" },
  intake_followup_6m: { pre: "intake", post: "followup_6m" },
  discharge_followup_6m: { pre: "discharge", post: "followup_6m" }
};
function orderedWindows(windows) {
  const key = (w) => (w.anchor === "admission" ? 0 : 1) * 1e6 + w.offsetDays;
  return [...windows].map((w, i) => ({ w, i })).sort((a, b) => key(a.w) - key(b.w) || a.i - b.i).map(({ w }) => w);
}

// stats/distributions.ts
import betainc from "@stdlib/math-base-special-betainc";
import gammaln from "@stdlib/math-base-special-gammaln";
import chisquareCdf from "@stdlib/stats-base-dists-chisquare-cdf";
import normalCdf from "@stdlib/stats-base-dists-normal-cdf";
import normalQuantile from "@stdlib/stats-base-dists-normal-quantile";
import tCdf from "@stdlib/stats-base-dists-t-cdf";
import tQuantile from "@stdlib/stats-base-dists-t-quantile";
var pnorm = (x, mean = 0, sd = 1) => normalCdf(x, mean, sd);
var qnorm = (p, mean = 0, sd = 1) => normalQuantile(p, mean, sd);
var pt = (x, df) => tCdf(x, df);
var qt = (p, df) => tQuantile(p, df);
var pchisq = (x, df) => chisquareCdf(x, df);
var M_SQRT_2dPI = Math.sqrt(2 / Math.PI);
var M_LN_SQRT_PI = 0.5 * Math.log(Math.PI);
var DBL_EPSILON = 2220446049250313e-31;
var DBL_MIN_EXP = -1021;
function pnt(t, df, ncp) {
  if (!(df > 0)) return Number.NaN;
  if (ncp === 0) return pt(t, df);
  if (!Number.isFinite(t)) return t < 0 ? 0 : 1;
  let negdel;
  let tt;
  let del;
  if (t >= 0) {
    negdel = false;
    tt = t;
    del = ncp;
  } else {
    if (ncp > 40) return 0;
    negdel = true;
    tt = -t;
    del = -ncp;
  }
  if (df > 4e5 || del * del > 2 * Math.LN2 * -DBL_MIN_EXP) {
    const s = 1 / (4 * df);
    const p = pnorm(tt * (1 - s), del, Math.sqrt(1 + tt * tt * 2 * s));
    return negdel ? 1 - p : p;
  }
  let x = t * t;
  x = x / (x + df);
  let tnc;
  if (x > 0) {
    const lambda = del * del;
    let p = 0.5 * Math.exp(-0.5 * lambda);
    if (p === 0) return negdel ? 1 : 0;
    let q = M_SQRT_2dPI * p * del;
    let s = 0.5 - p;
    if (s < 1e-7) s = -0.5 * Math.expm1(-0.5 * lambda);
    let a = 0.5;
    const b = 0.5 * df;
    const rxb = Math.pow(1 - x, b);
    const albeta = M_LN_SQRT_PI + gammaln(b) - gammaln(0.5 + b);
    let xodd = betainc(x, a, b, true, false);
    let godd = 2 * rxb * Math.exp(a * Math.log(x) - albeta);
    tnc = b * x;
    let xeven = tnc < DBL_EPSILON ? tnc : 1 - rxb;
    let geven = tnc * rxb;
    tnc = p * xodd + q * xeven;
    for (let it = 1; it <= 1e3; it++) {
      a += 1;
      xodd -= godd;
      xeven -= geven;
      godd *= x * (a + b - 1) / a;
      geven *= x * (a + b - 0.5) / (a + 0.5);
      p *= lambda / (2 * it);
      q *= lambda / (2 * it + 1);
      tnc += p * xodd + q * xeven;
      s -= p;
      if (s < -1e-10) break;
      if (s <= 0 && it > 1) break;
      const errbd = 2 * s * (xodd - godd);
      if (Math.abs(errbd) < 1e-12) break;
    }
  } else {
    tnc = 0;
  }
  tnc += pnorm(-del, 0, 1);
  const value = Math.min(tnc, 1);
  return negdel ? 1 - value : value;
}
function ncpForProbability(t, df, p) {
  const f = (ncp) => pnt(t, df, ncp) - p;
  let lo = t - 1;
  let hi = t + 1;
  for (let step = 1; f(lo) < 0; step *= 2) lo -= step;
  for (let step = 1; f(hi) > 0; step *= 2) hi += step;
  for (let i = 0; i < 200 && hi - lo > 1e-12 * Math.max(1, Math.abs(lo)); i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) > 0) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

// stats/rank-and-proportion.ts
function signedRankP({ n, v, tieSum }) {
  if (n < 1) return null;
  const centred = v - n * (n + 1) / 4;
  const sigma = Math.sqrt(n * (n + 1) * (2 * n + 1) / 24 - tieSum / 48);
  if (!(sigma > 0)) return null;
  const z = (centred - Math.sign(centred) * 0.5) / sigma;
  return Math.min(1, 2 * Math.min(pnorm(z), 1 - pnorm(z)));
}
function wilsonInterval(successes, n, level = 0.95) {
  if (n <= 0) return null;
  const z = qnorm(1 - (1 - level) / 2);
  const p = successes / n;
  const denominator = 1 + z * z / n;
  const centre = (p + z * z / (2 * n)) / denominator;
  const half = z * Math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}
function benjaminiHochberg(p) {
  const n = p.length;
  const order = p.map((v, i) => ({ v, i })).sort((a, b) => b.v - a.v);
  const adjusted = new Array(n);
  let running = 1;
  order.forEach(({ v, i }, k) => {
    running = Math.min(running, v * n / (n - k));
    adjusted[i] = Math.min(1, running);
  });
  return adjusted;
}

// queries/intermediate/comparison-pairs.ts
import { sql as sql4 } from "kysely";

// queries/staging/episodes.ts
import { sql } from "kysely";
var quarterOf = (date) => sql`to_char(${date}, 'YYYY"Q"Q')`;
function stagedEpisodes(db) {
  return db.selectFrom("episodes as e").select([
    "e.episode_id",
    "e.patient_id",
    "e.site_id",
    "e.level_of_care",
    "e.track",
    "e.modality",
    "e.age_band",
    "e.gender",
    "e.race_ethnicity",
    "e.payer",
    "e.admitted_on",
    "e.discharged_on",
    "e.discharge_reason",
    "e.sessions_scheduled",
    "e.sessions_attended",
    "e.hours_attended",
    "e.would_recommend",
    sql`e.discharged_on - e.admitted_on`.as("length_of_stay_days"),
    // Hours per week over the stay; a stay shorter than a week counts as one week.
    sql`round(e.hours_attended / greatest(1, (e.discharged_on - e.admitted_on + 1) / 7.0), 2)`.as("hours_per_week"),
    sql`coalesce(e.discharge_reason = 'left_early', false)`.as("dropped_out"),
    quarterOf(sql`e.admitted_on`).as("admission_quarter"),
    quarterOf(sql`e.discharged_on`).as("discharge_quarter")
  ]);
}

// queries/intermediate/assessment-timepoints.ts
import { sql as sql3 } from "kysely";

// queries/inline-relation.ts
import { sql as sql2 } from "kysely";
function inlineRelation(db, columns, rows) {
  if (rows.length === 0) throw new Error("inlineRelation needs at least one row");
  const names = Object.keys(columns);
  const selects = rows.map(
    (row) => db.selectNoFrom(names.map((name) => sql2`cast(${row[name]} as ${sql2.raw(columns[name])})`.as(name)))
  );
  return selects.slice(1).reduce((acc, q) => acc.unionAll(q), selects[0]);
}

// queries/intermediate/assessment-timepoints.ts
function windowsRelation(db, windows) {
  const rows = orderedWindows(windows).map((w, order) => ({
    timepoint: w.timepoint,
    timepoint_order: order,
    anchor: w.anchor,
    offset_days: w.offsetDays,
    before_days: w.before,
    after_days: w.after
  }));
  const types = { timepoint: "text", timepoint_order: "int", anchor: "text", offset_days: "int", before_days: "int", after_days: "int" };
  return inlineRelation(db, types, rows);
}
function windowCandidates(db, windows) {
  const anchorOn = sql3`(case w.anchor when 'admission' then e.admitted_on else e.discharged_on end) + w.offset_days`;
  return db.selectFrom("assessments as a").innerJoin("episodes as e", "e.episode_id", "a.episode_id").crossJoin(windowsRelation(db, windows).as("w")).select([
    "a.episode_id",
    "a.instrument",
    "a.assessed_on",
    "a.total_score",
    "a.timepoint_label",
    "w.timepoint",
    "w.timepoint_order",
    anchorOn.as("anchor_on"),
    sql3`abs(a.assessed_on - (${anchorOn}))`.as("distance")
  ]).where(sql3`a.assessed_on between (${anchorOn}) - w.before_days and (${anchorOn}) + w.after_days`);
}
function assessmentTimepoints(db, windows = DEFAULT_WINDOWS) {
  return db.selectFrom(windowCandidates(db, windows).as("c")).selectAll("c").distinctOn(["c.episode_id", "c.instrument", "c.assessed_on"]).orderBy("c.episode_id").orderBy("c.instrument").orderBy("c.assessed_on").orderBy("c.distance").orderBy("c.timepoint_order");
}

// queries/intermediate/timepoint-scores.ts
function timepointScores(db, windows = DEFAULT_WINDOWS) {
  return db.selectFrom(assessmentTimepoints(db, windows).as("t")).selectAll("t").distinctOn(["t.episode_id", "t.instrument", "t.timepoint"]).orderBy("t.episode_id").orderBy("t.instrument").orderBy("t.timepoint").orderBy("t.distance").orderBy("t.assessed_on");
}

// queries/intermediate/comparison-pairs.ts
function comparisonPairs(db, { comparison, dataCut, windows = DEFAULT_WINDOWS }) {
  const { pre, post } = COMPARISONS[comparison];
  const postWindow = windows.find((w) => w.timepoint === post);
  if (!postWindow) throw new Error(`no window for timepoint ${post}`);
  const dueOn = sql4`e.discharged_on + ${postWindow.offsetDays}::int`;
  const at = (timepoint, column) => sql4`max(${sql4.ref(`s.${column}`)}) filter (where s.timepoint = ${timepoint})`;
  const pairs = db.selectFrom(timepointScores(db, windows).as("s")).where("s.timepoint", "in", [pre, post]).select([
    "s.episode_id",
    "s.instrument",
    at(pre, "total_score").$castTo().as("pre_score"),
    at(post, "total_score").$castTo().as("post_score"),
    at(pre, "assessed_on").$castTo().as("pre_on"),
    at(post, "assessed_on").$castTo().as("post_on")
  ]).groupBy(["s.episode_id", "s.instrument"]).having(sql4`count(*) filter (where s.timepoint = ${pre}) > 0`);
  return db.selectFrom(stagedEpisodes(db).as("e")).innerJoin(pairs.as("pair"), "pair.episode_id", "e.episode_id").selectAll("e").select([
    "pair.instrument",
    sql4`${comparison}::text`.as("comparison"),
    "pair.pre_score",
    "pair.post_score",
    "pair.pre_on",
    "pair.post_on",
    dueOn.as("due_on"),
    sql4`to_char(${dueOn}, 'YYYY"Q"Q')`.as("period_quarter")
  ]).where("e.discharged_on", "is not", null).where(sql4`${dueOn} + ${postWindow.after}::int <= ${dataCut}::date`);
}
function cohortPairs(db, { filter = {}, ...options }) {
  let pairs = db.selectFrom(comparisonPairs(db, options).as("p"));
  if (filter.quarter) pairs = pairs.where("p.period_quarter", "=", filter.quarter);
  if (filter.year !== void 0) pairs = pairs.where("p.period_quarter", "like", `${filter.year}Q_`);
  if (filter.instrument) pairs = pairs.where("p.instrument", "=", filter.instrument);
  for (const [key, value] of Object.entries(filter.where ?? {})) pairs = pairs.where(sql4.ref(`p.${key}`), "=", value);
  return pairs;
}

// domain/benchmarks.ts
var GASKELL = "Gaskell C, Simmonds-Buckley M, Kellett S, et al. The effectiveness of psychological interventions delivered in routine practice: systematic review and meta-analysis. Adm Policy Ment Health 2023;50:43\u201357";
var GASKELL_COMMON = {
  metric: "d_pre",
  metricInSource: "pre\u2013post standardized mean change with the pretreatment SD (random-effects pooled)",
  comparison: "intake_discharge",
  population: "adults in routine-practice psychological care (practice-based studies, meta-analysis)",
  setting: "routine practice, mostly outpatient",
  levelsOfCare: null,
  source: GASKELL
};
var ZALTA = "Zalta AK, Held P, Smith DL, et al. Evaluating patterns and predictors of symptom change during a three-week intensive outpatient treatment for veterans with PTSD. BMC Psychiatry 2018;18:242";
var HELD = "Held P, Zalta AK, Smith DL, et al. Maintenance of treatment gains up to 12-months following a three-week cognitive processing therapy-based intensive PTSD treatment programme for veterans. Eur J Psychotraumatol 2020;11:1789324";
var INTENSIVE_PTSD = {
  metric: "d_pre",
  metricInSource: "Cohen's d as published (computation not read; compared with our d_pre)",
  population: "veterans and service members with PTSD",
  setting: "three-week intensive outpatient PTSD programme (daily, full-day treatment)",
  levelsOfCare: ["IOP", "PHP"],
  interval: "point_only"
};
var BENCHMARKS = [
  { ...GASKELL_COMMON, construct: "depression", instruments: ["PHQ9"], point: 0.96, lower: 0.88, upper: 1.04, interval: "ci95" },
  // The anxiety and "other outcomes" intervals were not read: point only.
  { ...GASKELL_COMMON, construct: "anxiety", instruments: ["GAD7"], point: 0.8, lower: 0.8, upper: 0.8, interval: "point_only" },
  // Pooled over outcomes other than depression and anxiety: a coarse reference for ours.
  { ...GASKELL_COMMON, construct: "other", instruments: ["PCL5", "ISI", "PSQI", "SWLS"], point: 1.01, lower: 1.01, upper: 1.01, interval: "point_only" },
  { ...INTENSIVE_PTSD, construct: "ptsd", instruments: ["PCL5"], comparison: "intake_discharge", point: 1.12, lower: 1.12, upper: 1.12, source: ZALTA },
  { ...INTENSIVE_PTSD, construct: "depression", instruments: ["PHQ9"], comparison: "intake_discharge", point: 1.04, lower: 1.04, upper: 1.04, source: ZALTA },
  { ...INTENSIVE_PTSD, construct: "ptsd", instruments: ["PCL5"], comparison: "intake_followup_12m", point: 1.28, lower: 1.28, upper: 1.28, source: HELD },
  { ...INTENSIVE_PTSD, construct: "depression", instruments: ["PHQ9"], comparison: "intake_followup_12m", point: 1.18, lower: 1.18, upper: 1.18, source: HELD }
];
function compareToBenchmark(value, ci, benchmark) {
  const [low, high] = ci ?? [value, value];
  if (low > benchmark.upper) return "above";
  if (high < benchmark.lower) return "below";
  return "within";
}
function benchmarksFor(instrument, comparison, levelOfCare) {
  const candidates = BENCHMARKS.filter((b) => b.instruments.includes(instrument) && b.comparison === comparison);
  const general = candidates.filter((b) => b.levelsOfCare === null);
  if (levelOfCare === void 0) return [...general, ...candidates.filter((b) => b.levelsOfCare !== null)];
  return [...candidates.filter((b) => b.levelsOfCare?.includes(levelOfCare)), ...general];
}

// stats/clinical-change.ts
var standardErrorOfDifference = (sdRef, reliability) => sdRef * Math.SQRT2 * Math.sqrt(1 - reliability);

// stats/paired-effect-size.ts
import gammaln2 from "@stdlib/math-base-special-gammaln";

// stats/sufficient-statistics.ts
function moments(s) {
  return {
    n: s.n,
    meanPre: s.sx / s.n,
    meanPost: s.sy / s.n,
    ssPre: Math.max(0, (s.n * s.sxx - s.sx * s.sx) / s.n),
    ssPost: Math.max(0, (s.n * s.syy - s.sy * s.sy) / s.n),
    spPrePost: (s.n * s.sxy - s.sx * s.sy) / s.n
  };
}

// stats/paired-effect-size.ts
var hedgesJ = (df) => Math.exp(gammaln2(df / 2) - 0.5 * Math.log(df / 2) - gammaln2((df - 1) / 2));
var finite = (x) => Number.isFinite(x) ? x : null;
function pairedEffectSize(sums, better, level = 0.95) {
  const n = sums.n;
  const empty = {
    n,
    pre_mean: null,
    pre_sd: null,
    post_mean: null,
    post_sd: null,
    r: null,
    mean_improvement: null,
    sd_improvement: null,
    d_z: null,
    d_z_ci: null,
    g_av: null,
    g_av_ci: null,
    d_pre: null,
    d_pre_ci: null,
    t: null,
    df: null,
    p: null,
    reason: "too_few_pairs"
  };
  if (n < 2) return n === 1 ? { ...empty, pre_mean: sums.sx, post_mean: sums.sy, mean_improvement: better === "lower" ? sums.sx - sums.sy : sums.sy - sums.sx } : empty;
  const m = moments(sums);
  const df = n - 1;
  const sign = better === "lower" ? 1 : -1;
  const meanD = sign * (m.meanPre - m.meanPost);
  const ssD = Math.max(0, m.ssPre + m.ssPost - 2 * m.spPrePost);
  const sdD = Math.sqrt(ssD / df);
  const sdA = Math.sqrt(m.ssPre / df);
  const sdB = Math.sqrt(m.ssPost / df);
  const r = m.ssPre > 0 && m.ssPost > 0 ? m.spPrePost / Math.sqrt(m.ssPre * m.ssPost) : null;
  const z = qnorm(1 - (1 - level) / 2);
  const base = { ...empty, pre_mean: m.meanPre, pre_sd: sdA, post_mean: m.meanPost, post_sd: sdB, r, mean_improvement: meanD, sd_improvement: sdD, df, reason: null };
  let dz = { d_z: null, d_z_ci: null, t: null, p: null };
  if (sdD > 0) {
    const t = meanD / (sdD / Math.sqrt(n));
    const lower = ncpForProbability(t, df, 1 - (1 - level) / 2) / Math.sqrt(n);
    const upper = ncpForProbability(t, df, (1 - level) / 2) / Math.sqrt(n);
    dz = { d_z: meanD / sdD, d_z_ci: [lower, upper], t, p: 2 * pt(-Math.abs(t), df) };
  }
  let gav = { g_av: null, g_av_ci: null };
  const sdAv = (sdA + sdB) / 2;
  if (sdAv > 0 && r !== null) {
    const J = hedgesJ(df);
    const dAv = meanD / sdAv;
    const half = z * J * Math.sqrt((1 / n + dAv * dAv / (2 * n)) * 2 * (1 - r));
    gav = { g_av: J * dAv, g_av_ci: [J * dAv - half, J * dAv + half] };
  }
  let dpre = { d_pre: null, d_pre_ci: null };
  if (sdA > 0 && r !== null) {
    const d = meanD / sdA;
    const half = z * Math.sqrt(2 * (1 - r) / n + d * d / (2 * n));
    dpre = { d_pre: d, d_pre_ci: [d - half, d + half] };
  }
  const result = { ...base, ...dz, ...gav, ...dpre };
  return { ...result, r: r === null ? null : finite(r), reason: dz.d_z === null ? "zero_variance" : null };
}

// stats/two-sample.ts
import tCdf2 from "@stdlib/stats-base-dists-t-cdf";
function meanAndVariance({ n, sum, sumSquares }) {
  const mean = sum / n;
  const ss = Math.max(0, sumSquares - n * mean * mean);
  return { mean, variance: ss / (n - 1), ss };
}
function compareGroups(first, second) {
  if (first.n < 2 || second.n < 2) return { ok: false, reason: "too_few_observations" };
  const a = meanAndVariance(first);
  const b = meanAndVariance(second);
  const pooled = Math.sqrt((a.ss + b.ss) / (first.n + second.n - 2));
  const va = a.variance / first.n;
  const vb = b.variance / second.n;
  if (pooled === 0 || va + vb === 0) return { ok: false, reason: "zero_variance" };
  const t = (a.mean - b.mean) / Math.sqrt(va + vb);
  const df = (va + vb) ** 2 / (va ** 2 / (first.n - 1) + vb ** 2 / (second.n - 1));
  const p = 2 * tCdf2(-Math.abs(t), df);
  return { ok: true, meanDifference: a.mean - b.mean, d: (a.mean - b.mean) / pooled, t, df, p };
}

// queries/marts/effect-size-sums.ts
import { sql as sql6 } from "kysely";

// queries/group-keys.ts
import { sql as sql5 } from "kysely";
var GROUP_KEYS = ["level_of_care", "site_id", "track", "modality", "age_band", "gender", "race_ethnicity", "payer"];
var selectGroupKeys = (alias, by) => by.map((key) => sql5`${sql5.ref(`${alias}.${key}`)}`.as(`by_${key}`));
var groupOf = (row, by) => Object.fromEntries(by.map((key) => [key, row[`by_${key}`]]));

// queries/marts/effect-size-sums.ts
async function effectSizeSums(db, options) {
  const { comparison, dataCut, by, rules, filter = {}, windows = DEFAULT_WINDOWS } = options;
  const fromIntake = comparison.startsWith("intake_");
  const ruleRows = rules.map((r) => ({
    instrument: r.instrument,
    higher_better: r.better === "higher",
    s_diff: r.sDiff,
    cutoff: r.cutoff,
    clinical_at_or_above: r.clinicalAtOrAbove,
    remission_below: fromIntake ? r.remissionBelow : null
  }));
  const ruleTypes = { instrument: "text", higher_better: "bool", s_diff: "float8", cutoff: "float8", clinical_at_or_above: "bool", remission_below: "float8" };
  const pairs = cohortPairs(db, { comparison, dataCut, windows, filter }).innerJoin(inlineRelation(db, ruleTypes, ruleRows).as("r"), "r.instrument", "p.instrument");
  const paired = sql6`p.post_score is not null`;
  const improvement = sql6`(case when r.higher_better then p.post_score - p.pre_score else p.pre_score - p.post_score end)`;
  const clinical = (score) => sql6`(case when r.clinical_at_or_above then ${score} >= r.cutoff else ${score} < r.cutoff end)`;
  const countIf = (condition, applies) => sql6`case when bool_and(${applies}) then count(*) filter (where ${paired} and ${condition}) end`;
  const sum = (expr, where = paired) => sql6`coalesce(sum(${expr}) filter (where ${where}), 0)`;
  const missing = sql6`p.post_score is null`;
  let query = pairs.select([
    "p.instrument",
    ...selectGroupKeys("p", by),
    sql6`count(*) filter (where ${paired})`.as("n"),
    sql6`count(*) filter (where ${missing})`.as("n_missing"),
    sum(sql6`p.pre_score`).as("sx"),
    sum(sql6`p.post_score`).as("sy"),
    sum(sql6`p.pre_score * p.pre_score`).as("sxx"),
    sum(sql6`p.post_score * p.post_score`).as("syy"),
    sum(sql6`p.pre_score * p.post_score`).as("sxy"),
    countIf(sql6`${improvement} / r.s_diff > 1.96`, sql6`r.s_diff is not null`).as("n_reliable_improvement"),
    countIf(sql6`${improvement} / r.s_diff < -1.96`, sql6`r.s_diff is not null`).as("n_reliable_deterioration"),
    countIf(
      sql6`${improvement} / r.s_diff > 1.96 and ${clinical(sql6`p.pre_score`)} and not ${clinical(sql6`p.post_score`)}`,
      sql6`r.s_diff is not null and r.cutoff is not null`
    ).as("n_recovered"),
    countIf(sql6`p.pre_score > 0 and p.post_score <= 0.5 * p.pre_score`, sql6`r.remission_below is not null`).as("n_response"),
    countIf(sql6`p.post_score < r.remission_below`, sql6`r.remission_below is not null`).as("n_remission"),
    sum(sql6`p.pre_score`, missing).as("missing_sx"),
    sum(sql6`p.pre_score * p.pre_score`, missing).as("missing_sxx")
  ]).groupBy(["p.instrument", ...by.map((key) => sql6.ref(`p.${key}`))]).orderBy("p.instrument");
  for (const key of by) query = query.orderBy(sql6`${sql6.ref(`p.${key}`)} nulls last`);
  const rows = await query.execute();
  return rows.map((row) => {
    return {
      instrument: row.instrument,
      comparison,
      group: groupOf(row, by),
      n: Number(row.n),
      n_missing: Number(row.n_missing),
      sx: Number(row.sx),
      sy: Number(row.sy),
      sxx: Number(row.sxx),
      syy: Number(row.syy),
      sxy: Number(row.sxy),
      n_reliable_improvement: row.n_reliable_improvement,
      n_reliable_deterioration: row.n_reliable_deterioration,
      n_recovered: row.n_recovered,
      n_response: row.n_response,
      n_remission: row.n_remission,
      missing_sx: Number(row.missing_sx),
      missing_sxx: Number(row.missing_sxx)
    };
  });
}

// queries/marts/signed-rank-sums.ts
import { sql as sql7 } from "kysely";
async function signedRankSums(db, options) {
  const { comparison, dataCut, by, filter = {}, windows = DEFAULT_WINDOWS } = options;
  const pairs = cohortPairs(db, { comparison, dataCut, windows, filter }).where("p.post_score", "is not", null).whereRef("p.pre_score", "!=", "p.post_score");
  const partition = sql7.join([sql7.ref("p.instrument"), ...by.map((key) => sql7.ref(`p.${key}`))]);
  const absDiff = sql7`abs(p.pre_score - p.post_score)`;
  const ranked = pairs.select([
    "p.instrument",
    ...selectGroupKeys("p", by),
    sql7`p.pre_score - p.post_score`.as("d"),
    sql7`rank() over (partition by ${partition} order by ${absDiff})
      + (count(*) over (partition by ${partition}, ${absDiff}) - 1) / 2.0`.as("r"),
    sql7`count(*) over (partition by ${partition}, ${absDiff})`.as("t")
  ]);
  let query = db.selectFrom(ranked.as("k")).select([
    "k.instrument",
    ...by.map((key) => sql7`${sql7.ref(`k.by_${key}`)}`.as(`by_${key}`)),
    sql7`count(*)`.as("n_nonzero"),
    sql7`coalesce(sum(k.r) filter (where k.d > 0), 0)`.as("v"),
    sql7`sum(k.t * k.t - 1)`.as("tie_sum")
  ]).groupBy(["k.instrument", ...by.map((key) => sql7.ref(`k.by_${key}`))]).orderBy("k.instrument");
  for (const key of by) query = query.orderBy(sql7`${sql7.ref(`k.by_${key}`)} nulls last`);
  const rows = await query.execute();
  return rows.map((row) => {
    return {
      instrument: row.instrument,
      group: groupOf(row, by),
      n_nonzero: Number(row.n_nonzero),
      v: Number(row.v),
      tie_sum: Number(row.tie_sum)
    };
  });
}

// queries/analyses/effect-size-table.ts
function changeRules() {
  return INSTRUMENT_CODES.map((code) => {
    const i = INSTRUMENTS[code];
    return {
      instrument: code,
      better: i.better,
      sDiff: i.reliableChange ? standardErrorOfDifference(i.reliableChange.sdRef, i.reliableChange.reliability) : null,
      cutoff: i.cutoff?.value ?? null,
      clinicalAtOrAbove: i.cutoff?.clinicalAtOrAbove ?? true,
      remissionBelow: i.remissionBelow
    };
  });
}
var pct = (count, n) => count === null || n === 0 ? null : 100 * count / n;
var groupKey = (instrument, group) => JSON.stringify([instrument, group]);
async function effectSizeTable(db, options) {
  const rows = [];
  for (const comparison of options.comparisons) {
    const common = { comparison, by: options.by, dataCut: options.dataCut, filter: options.filter, windows: options.windows };
    const sums = await effectSizeSums(db, { ...common, rules: changeRules() });
    const ranks = new Map((await signedRankSums(db, common)).map((r) => [groupKey(r.instrument, r.group), r]));
    for (const s of sums) {
      const instrument = s.instrument;
      const effect = pairedEffectSize(s, INSTRUMENTS[instrument].better);
      const rank = ranks.get(groupKey(s.instrument, s.group));
      const attrition = compareGroups({ n: s.n, sum: s.sx, sumSquares: s.sxx }, { n: s.n_missing, sum: s.missing_sx, sumSquares: s.missing_sxx });
      const level = s.group.level_of_care ?? void 0;
      const bench = comparison === "intake_followup_6m" || comparison === "intake_discharge" ? benchmarksFor(instrument, comparison, level)[0] : void 0;
      const estimate = bench?.metric === "d_pre" ? effect.d_pre_ci : effect.d_z_ci;
      const point = bench?.metric === "d_pre" ? effect.d_pre : effect.d_z;
      const { reason: _reason, sd_improvement: _sd, ...measures } = effect;
      rows.push({
        instrument,
        comparison,
        ...s.group,
        ...measures,
        n_missing: s.n_missing,
        followup_rate: s.n + s.n_missing > 0 ? s.n / (s.n + s.n_missing) : null,
        p_wilcoxon: rank ? signedRankP({ n: rank.n_nonzero, v: rank.v, tieSum: rank.tie_sum }) : null,
        pct_reliable_improvement: pct(s.n_reliable_improvement, s.n),
        pct_reliable_deterioration: pct(s.n_reliable_deterioration, s.n),
        pct_recovered: pct(s.n_recovered, s.n),
        pct_response: pct(s.n_response, s.n),
        pct_remission: pct(s.n_remission, s.n),
        attrition: attrition.ok ? { d: attrition.d, p: attrition.p } : null,
        benchmark: bench && estimate ? { source: bench.source, metric: bench.metric, lower: bench.lower, upper: bench.upper, verdict: compareToBenchmark(point, estimate, bench) } : null
      });
    }
  }
  return rows;
}

// domain/vocabulary.ts
var LEVELS_OF_CARE = ["OP", "IOP", "PHP", "RES", "INP"];
var HOURS_PER_WEEK = {
  OP: { min: 0, max: 9 },
  IOP: { min: 9, max: 20 },
  PHP: { min: 20, max: Infinity },
  RES: null,
  INP: null
};
var TRACKS = ["MH", "SUD", "COD"];
var MODALITIES = ["in_person", "virtual", "hybrid"];
var DISCHARGE_REASONS = [
  "completed",
  "left_early",
  "transferred_up",
  "transferred_down",
  "administrative",
  "other"
];
var TIMEPOINTS = ["intake", "discharge", "followup_6m"];
var WOULD_RECOMMEND = ["yes", "no"];
var AGE_BANDS = ["12-17", "18-25", "26-34", "35-44", "45-54", "55-64", "65+"];
var INPUT_KINDS = ["episodes", "assessments", "redcap"];

export {
  INSTRUMENT_CODES,
  INSTRUMENTS,
  isInstrumentCode,
  instrumentShortName,
  isQuarter,
  previousQuarter,
  quartersEnding,
  lastCompleteQuarter,
  DEFAULT_WINDOWS,
  COMPARISONS,
  orderedWindows,
  qnorm,
  pt,
  qt,
  pchisq,
  wilsonInterval,
  benjaminiHochberg,
  stagedEpisodes,
  assessmentTimepoints,
  timepointScores,
  comparisonPairs,
  GROUP_KEYS,
  selectGroupKeys,
  groupOf,
  effectSizeTable,
  LEVELS_OF_CARE,
  HOURS_PER_WEEK,
  TRACKS,
  MODALITIES,
  DISCHARGE_REASONS,
  TIMEPOINTS,
  WOULD_RECOMMEND,
  AGE_BANDS,
  INPUT_KINDS
};

// The database schema as Kysely types — written once, used by every query (kysely's
// `Database` interface pattern). Migrations in db/migrations/ create exactly these tables.
//
// Dates are `YYYY-MM-DD` strings on both engines (db/type-parsers.ts sets the parsers), so
// results never depend on the process time zone.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";
import type { InstrumentCode } from "../domain/instruments.ts";
import type {
  DischargeReason,
  LedgerKind,
  LedgerStatus,
  LevelOfCare,
  Modality,
  RowReasonCode,
  Timepoint,
  Track,
  WouldRecommend,
} from "../domain/vocabulary.ts";

/** A calendar date as `YYYY-MM-DD`. */
export type IsoDate = string;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** Grain: one row per site. Created implicitly by the first episode that names it. */
export interface SitesTable {
  site_id: string;
  name: string | null;
}

/** Grain: one row per episode (one stay at one level of care). Distribution key of the data. */
export interface EpisodesTable {
  episode_id: string;
  patient_id: string;
  site_id: string;
  level_of_care: LevelOfCare;
  asam_level: string | null;
  track: Track | null;
  modality: Modality | null;
  admitted_on: IsoDate;
  discharged_on: IsoDate | null;
  discharge_reason: DischargeReason | null;
  sessions_scheduled: number | null;
  sessions_attended: number | null;
  hours_attended: number | null;
  age_band: string | null;
  gender: string | null;
  race_ethnicity: string | null;
  payer: string | null;
  would_recommend: WouldRecommend | null;
  /** Ledger row of the ingest that last inserted or changed this row. */
  ingest_id: number;
}

/** Grain: one row per administration of one instrument (episode × instrument × date). */
export interface AssessmentsTable {
  episode_id: string;
  instrument: InstrumentCode;
  assessed_on: IsoDate;
  /** The label the site gave, kept as data; analysis derives timepoints from dates. */
  timepoint_label: Timepoint | null;
  total_score: number;
  /** Item responses in item order (null element = item not answered), or null. */
  items: number[] | null;
  ingest_id: number;
}

/** Grain: one row per file ingest attempt. */
export interface IngestLedgerTable {
  ingest_id: Generated<number>;
  file_name: string;
  sha256: string;
  kind: LedgerKind;
  profile: string | null;
  status: LedgerStatus;
  rows_read: Generated<number>;
  inserted: Generated<number>;
  updated: Generated<number>;
  unchanged: Generated<number>;
  quarantined: Generated<number>;
  /** Count per reason code of quarantined rows. */
  reasons: ColumnType<Record<string, number>, string | undefined, string>;
  /** The resource type of a FHIR file (migration 0008), else null. */
  resource_type: Generated<string | null>;
  /** Count per reason of FHIR resources read and not loaded (migration 0008). */
  skipped: ColumnType<Record<string, number>, string | undefined, string>;
  started_at: Generated<Timestamp>;
  finished_at: Timestamp | null;
  message: string | null;
}

/** Grain: one row per changed column of an existing row, per ingest (old → new). */
export interface IngestChangesTable {
  change_id: Generated<number>;
  ingest_id: number;
  table_name: "episodes" | "assessments";
  /** The natural key, e.g. `E0000001` or `E0000001|PHQ9|2026-01-05`. */
  natural_key: string;
  episode_id: string;
  column_name: string;
  old_value: string | null;
  new_value: string | null;
}

/** Grain: one row per refused input row (file × line). Raw text is readable by ingest roles only. */
export interface QuarantineTable {
  quarantine_id: Generated<number>;
  ingest_id: number;
  file_name: string;
  line: number;
  column_name: string | null;
  reason: RowReasonCode;
  raw_row: string;
}

/**
 * Grain: one row per episode × instrument × timepoint (default windows): the chosen assessment
 * of int_timepoint_scores, kept by the ingest for the episodes it touched (migration 0004).
 */
export interface TimepointScoresTable {
  episode_id: string;
  instrument: string;
  assessed_on: IsoDate;
  total_score: number;
  timepoint_label: string | null;
  timepoint: string;
  timepoint_order: number;
  anchor_on: IsoDate;
  distance: number;
}

/**
 * Grain: one row per discharged episode × instrument × comparison with a pre score (default
 * windows): the pairs of int_comparison_pairs, kept by the ingest like timepoint_scores
 * (migration 0005). `change` = pre − post, null when the post score is missing.
 */
export interface ComparisonPairsTable {
  episode_id: string;
  instrument: string;
  comparison: string;
  pre_score: number;
  post_score: number | null;
  pre_on: IsoDate;
  post_on: IsoDate | null;
  due_on: IsoDate;
  closes_on: IsoDate;
  change: number | null;
}

/**
 * Grain: one row per episode: its own fields (copied from episodes) and the patient's next
 * episode in the order (admitted_on, episode_id), kept by the ingest per touched patient
 * (migration 0006, db/pathway-derivation.ts). The next_* columns are null for a patient's last
 * episode.
 */
export interface EpisodePathwaysTable
  extends Pick<
    EpisodesTable,
    "episode_id" | "patient_id" | "site_id" | "level_of_care" | "track" | "modality" | "age_band" | "gender" | "race_ethnicity" | "payer" | "admitted_on" | "discharged_on" | "discharge_reason"
  > {
  next_episode_id: string | null;
  next_level_of_care: LevelOfCare | null;
  next_admitted_on: IsoDate | null;
  next_discharged_on: IsoDate | null;
}

/** View: the quarantine without `raw_row` (migration 0002) — readable by the report role. */
export type QuarantineIndexView = Omit<QuarantineTable, "raw_row">;

export interface Database {
  sites: SitesTable;
  episodes: EpisodesTable;
  assessments: AssessmentsTable;
  ingest_ledger: IngestLedgerTable;
  ingest_changes: IngestChangesTable;
  quarantine: QuarantineTable;
  timepoint_scores: TimepointScoresTable;
  comparison_pairs: ComparisonPairsTable;
  episode_pathways: EpisodePathwaysTable;
  quarantine_index: QuarantineIndexView;
}

export type Episode = Selectable<EpisodesTable>;
export type NewEpisode = Insertable<EpisodesTable>;
export type EpisodeUpdate = Updateable<EpisodesTable>;
export type Assessment = Selectable<AssessmentsTable>;
export type NewAssessment = Insertable<AssessmentsTable>;
export type LedgerEntry = Selectable<IngestLedgerTable>;

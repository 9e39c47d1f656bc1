// The inline typed relation lives in db/ (db/inline-relation.ts) since the derived timepoint
// table is maintained there too; queries import it from here as before.
export { inlineRelation, type SqlType } from "../db/inline-relation.ts";

// Writes the hostile-input corpus (fixtures/hostile/corpus.ts) into fixtures/hostile/.
//   npx tsx scripts/write-hostile-corpus.ts
import path from "node:path";
import { writeCorpus } from "../fixtures/hostile/corpus.ts";

writeCorpus(path.resolve(import.meta.dirname, "../fixtures/hostile"));

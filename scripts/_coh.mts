import { writeCohort } from "../fixtures/write-cohort.ts";
console.log(await writeCohort("/tmp/coh", { episodes: 1500, seed: 3, sites: 3 }));

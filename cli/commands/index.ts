// Every command, in the order --help lists them.
import type { Command } from "../command.ts";
import { analyze } from "./analyze.ts";
import { backup, restore } from "./backup.ts";
import { check } from "./check.ts";
import { demo } from "./demo.ts";
import { ingest } from "./ingest.ts";
import { migrate } from "./migrate.ts";
import { notebook } from "./notebook.ts";
import { rebuild } from "./rebuild.ts";
import { report } from "./report.ts";
import { roles } from "./roles.ts";

export const COMMANDS: readonly Command[] = [demo, migrate, ingest, rebuild, check, analyze, report, notebook, roles, backup, restore];

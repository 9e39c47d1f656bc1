#!/usr/bin/env node
// Package bin: load TypeScript through tsx, then hand over to the CLI (cli/main.ts).
import { register } from "tsx/esm/api";
register();
await import("../cli/main.ts");

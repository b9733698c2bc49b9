#!/usr/bin/env node
// Entry point of the `pitstop` command: runs the CLI as `npm run build` compiles and bundles it (scripts/bundle-cli.ts);
// `npm ci` builds via `prepare`.
import { main } from '../dist/cli-bundle/main.js';

process.exitCode = await main(process.argv);

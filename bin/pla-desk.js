#!/usr/bin/env node
// The `pla-desk` command: runs the TypeScript CLI through tsx, so it works right after `npm ci`.
import { register } from 'tsx/esm/api';

register();
await import('../electron/cli/run.ts');

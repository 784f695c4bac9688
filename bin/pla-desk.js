#!/usr/bin/env node
// The `pla-desk` command. It runs the prebuilt JavaScript in .cache/cli/ (scripts/cli-build.mjs; rebuilt here
// when a source changed), and answers --help, --version and `<command> --help` from the recorded command table
// without loading the core.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DATA_DIR_MARK, ensureCli } from '../scripts/cli-build.mjs';

const dir = await ensureCli();
const argv = process.argv.slice(2);
const help = await import(pathToFileURL(path.join(dir, 'help.js')).href);
const { version, commands } = JSON.parse(fs.readFileSync(path.join(dir, 'commands.json'), 'utf8'));
const answer = help.answerWithoutRunning(argv, commands, version);
if (answer) {
  (answer.stream === 'out' ? process.stdout : process.stderr).write(`${answer.out.split(DATA_DIR_MARK).join(help.defaultDataDir())}\n`);
  process.exitCode = answer.code;
} else {
  await import(pathToFileURL(path.join(dir, 'run.js')).href);
}

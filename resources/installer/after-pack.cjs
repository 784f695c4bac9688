/**
 * electron-builder afterPack hook: the app directory now holds the Electron build of better-sqlite3
 * (unpacked from the asar); put the Node build back into node_modules so the CLI and tests keep working.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { nativePaths } = require('./before-pack.cjs');

exports.default = async function afterPack(context) {
  const projectDir = context.packager.projectDir;
  const { built, backup } = nativePaths(projectDir);
  if (!fs.existsSync(backup)) return;
  fs.copyFileSync(backup, built);
  fs.rmSync(backup);
  console.log(`[after-pack] restored the Node build of better-sqlite3 (${path.relative(projectDir, built)})`);
};

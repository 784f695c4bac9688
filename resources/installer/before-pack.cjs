/**
 * electron-builder beforePack hook (electron-builder.yml: npmRebuild: false + this hook).
 * Rebuilds better-sqlite3 — and only it — for the target Electron version and arch with
 * @electron/rebuild, the copy that ships with electron-builder (a dependency of app-builder-lib).
 *
 * The Node build in node_modules/better-sqlite3 (used by the CLI and the tests) is saved to
 * .cache/node-native/ first; after-pack.cjs puts it back once the app directory is packed.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const MODULE = 'better-sqlite3';
const ARCH_NAMES = { 0: 'ia32', 1: 'x64', 2: 'armv7l', 3: 'arm64', 4: 'universal' };

function fromAppBuilderLib(projectDir, request) {
  const abl = path.dirname(require.resolve('app-builder-lib/package.json', { paths: [projectDir] }));
  return require.resolve(request, { paths: [abl] });
}

function electronVersionOf(context) {
  const p = context.packager;
  const fromConfig = p.config && p.config.electronVersion;
  const fromFramework = p.info && p.info.framework && p.info.framework.version;
  if (fromConfig || fromFramework) return fromConfig || fromFramework;
  const pkg = path.join(p.projectDir, 'node_modules', 'electron', 'package.json');
  return JSON.parse(fs.readFileSync(pkg, 'utf8')).version;
}

function nativePaths(projectDir) {
  return {
    built: path.join(projectDir, 'node_modules', MODULE, 'build', 'Release', 'better_sqlite3.node'),
    backup: path.join(projectDir, '.cache', 'node-native', 'better_sqlite3.node'),
  };
}

exports.nativePaths = nativePaths;

exports.default = async function beforePack(context) {
  const projectDir = context.packager.projectDir;
  const arch = ARCH_NAMES[context.arch] || String(context.arch);
  const platform = context.electronPlatformName;
  const electronVersion = electronVersionOf(context);

  if (platform !== process.platform) {
    console.warn(
      `[before-pack] building for ${platform} on ${process.platform}: native modules cannot be cross-compiled; ` +
        'this only works if a prebuilt better-sqlite3 exists for that target. Build each OS on that OS.',
    );
  }

  const { built, backup } = nativePaths(projectDir);
  if (fs.existsSync(built) && !fs.existsSync(backup)) {
    fs.mkdirSync(path.dirname(backup), { recursive: true });
    fs.copyFileSync(built, backup);
    console.log(`[before-pack] saved the Node build of ${MODULE} to ${path.relative(projectDir, backup)}`);
  }

  console.log(`[before-pack] rebuilding ${MODULE} for Electron ${electronVersion} (${platform}-${arch})`);
  console.log('[before-pack] if packaging fails, restore the Node build with: npm rebuild better-sqlite3');
  const { rebuild } = await import(pathToFileURL(fromAppBuilderLib(projectDir, '@electron/rebuild')).href);
  await rebuild({
    buildPath: projectDir,
    projectRootPath: projectDir,
    electronVersion,
    arch,
    platform,
    onlyModules: [MODULE],
    force: true,
    mode: 'sequential',
  });
  console.log(`[before-pack] ${MODULE} rebuilt for Electron ${electronVersion} (${platform}-${arch})`);
};

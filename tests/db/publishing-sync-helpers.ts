import fs from 'node:fs';
import path from 'node:path';

/** A small built site, written file by file (the sync tests need control of every byte). */
export function writeSite(dir: string, files: Record<string, string>): string {
  fs.rmSync(dir, { recursive: true, force: true });
  for (const [p, body] of Object.entries(files)) {
    const f = path.join(dir, ...p.split('/'));
    fs.mkdirSync(path.dirname(f), { recursive: true });
    fs.writeFileSync(f, body);
  }
  return dir;
}

export const BASE_SITE: Record<string, string> = {
  'index.html': '<!doctype html><html lang="ro"><title>PLA</title><p>Progres general 40%</p>',
  'angajamente/a1.html': '<html lang="ro"><p>A1 — indicator I1.1: 3 din 10</p>',
  'angajamente/a2.html': '<html lang="ro"><p>A2</p>',
  'indicatori/index.html': '<html lang="ro"><p>I1.1: 3 din 10</p>',
  'date/buget/datapackage.json': '{"name":"buget"}',
  'date/buget/buget.csv': 'an,suma\n2025,100\n',
  'date/arbori/datapackage.json': '{"name":"arbori"}',
  'date/arbori/arbori.csv': 'id,specie\n1,tei\n',
  'style.css': 'body{font-family:sans-serif}',
};

/** Every file under a folder (following `current`), path → content. */
export function readTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, rel: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      const full = path.join(d, e.name);
      if (fs.statSync(full).isDirectory()) walk(full, r);
      else out[r] = fs.readFileSync(full, 'utf8');
    }
  };
  walk(dir, '');
  return out;
}

export const withoutManifest = (t: Record<string, string>) => Object.fromEntries(Object.entries(t).filter(([k]) => !k.startsWith('.pla-manifest')));

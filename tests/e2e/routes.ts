import fs from 'node:fs';
import path from 'node:path';
import { root } from './server';

export interface RouteDef {
  path: string;
  source: string;
}

/**
 * The routes a coordinator has, read from the route table's source (each feature's manifest.tsx, and
 * renderer/src/app/AppLayout.tsx), so a new route is covered by the sweeps (language, accessibility) without touching them;
 * a redirect (an old address kept, e.g. /admin/settings → /settings) is not a screen of its own.
 */
export function routeTable(): RouteDef[] {
  const out: RouteDef[] = [];
  const layout = fs.readFileSync(path.join(root, 'renderer/src/app/AppLayout.tsx'), 'utf8');
  // (a route whose element is a <Navigate> only leads to another one: that one is swept instead)
  for (const m of layout.matchAll(/(?:<Route\s+path="([^"]+)"\s+element=\{(<Navigate)?|\{\s*path:\s*'([^']+)',\s*element)/g)) {
    const p = m[1] ?? m[3];
    if (p !== '*' && !m[2]) out.push({ path: p, source: 'AppLayout.tsx' });
  }
  const features = path.join(root, 'renderer/src/features');
  for (const dir of fs.readdirSync(features)) {
    const file = path.join(features, dir, 'manifest.tsx');
    if (!fs.existsSync(file)) continue;
    const src = fs.readFileSync(file, 'utf8');
    const consts = new Map([...src.matchAll(/const (\w+)(?::[^=]+)? = (\[[^\]]*\])/g)].map((c) => [c[1], c[2]]));
    const routesBlock = src.slice(src.indexOf('routes'));
    for (const m of routesBlock.matchAll(/\{\s*path:\s*'([^']+)',\s*element:[^}]*?(?:roles:\s*(\w+|\[[^\]]*\]))?\s*(?:,\s*keepAlive:\s*\w+\s*)?\}/g)) {
      if (/element:\s*<Navigate/.test(m[0])) continue;
      const roles = m[2] ? (m[2].startsWith('[') ? m[2] : (consts.get(m[2]) ?? m[2])) : null;
      if (roles && !roles.includes('coordinator')) continue;
      out.push({ path: m[1], source: `${dir}/manifest.tsx` });
    }
  }
  return [...new Map(out.map((r) => [r.path, r])).values()];
}

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, chooseNativeBinding, contentTypeFor, resolveDataDir, resolveRendererFile, safeFileName } from '../../electron/main/paths';

const ROOT = '/opt/pla/out/renderer';

describe('resolveRendererFile', () => {
  it('maps app:// paths into the renderer directory', () => {
    expect(resolveRendererFile(ROOT, 'app://pla-desk/index.html')).toEqual({ ok: true, path: `${ROOT}/index.html` });
    expect(resolveRendererFile(ROOT, 'app://pla-desk/assets/index-abc.js?v=2#x')).toEqual({ ok: true, path: `${ROOT}/assets/index-abc.js` });
    expect(resolveRendererFile(ROOT, 'app://pla-desk/')).toEqual({ ok: true, path: `${ROOT}/index.html` });
    expect(resolveRendererFile(ROOT, 'app://pla-desk')).toEqual({ ok: true, path: `${ROOT}/index.html` });
    expect(resolveRendererFile(ROOT, 'app://pla-desk/fonts/')).toEqual({ ok: true, path: `${ROOT}/fonts/index.html` });
    expect(resolveRendererFile(ROOT, 'app://pla-desk/assets/%C8%99tiri.svg')).toEqual({ ok: true, path: `${ROOT}/assets/știri.svg` });
  });

  it.each([
    'app://pla-desk/../../../etc/passwd',
    'app://pla-desk/%2e%2e/%2e%2e/etc/passwd',
    'app://pla-desk/assets/..%2f..%2f..%2fetc%2fpasswd',
    'app://pla-desk/%2E%2E%2F%2E%2E%2Fsecret',
    'app://pla-desk/..%2F',
  ])('keeps %s inside the root', (u) => {
    const r = resolveRendererFile(ROOT, u);
    if (r.ok) expect(r.path.startsWith(`${ROOT}/`)).toBe(true);
    else expect([400, 403]).toContain(r.status);
  });

  it('refuses encoded traversal that would escape', () => {
    expect(resolveRendererFile(ROOT, 'app://pla-desk/assets/..%2f..%2f..%2fetc%2fpasswd')).toMatchObject({ ok: false, status: 403 });
  });

  it('refuses NULs, backslashes and malformed escapes', () => {
    expect(resolveRendererFile(ROOT, 'app://pla-desk/index.html%00.png')).toMatchObject({ ok: false, status: 400 });
    expect(resolveRendererFile(ROOT, 'app://pla-desk/..%5c..%5cwindows%5cwin.ini')).toMatchObject({ ok: false, status: 400 });
    expect(resolveRendererFile(ROOT, 'app://pla-desk/%E0%A4%A')).toMatchObject({ ok: false, status: 400 });
  });

  it('refuses other hosts and schemes', () => {
    expect(resolveRendererFile(ROOT, 'app://evil/index.html')).toMatchObject({ ok: false, status: 403 });
    expect(resolveRendererFile(ROOT, 'app://x@pla-desk/index.html')).toMatchObject({ ok: false, status: 403 });
    expect(resolveRendererFile(ROOT, 'file:///etc/passwd')).toMatchObject({ ok: false, status: 400 });
    expect(resolveRendererFile(ROOT, 'garbage')).toMatchObject({ ok: false, status: 400 });
  });

  it('is safe with Windows paths', () => {
    const winRoot = 'C:\\Users\\ana\\AppData\\Local\\Programs\\PLA Desk\\resources\\app.asar\\out\\renderer';
    expect(resolveRendererFile(winRoot, 'app://pla-desk/assets/a.js', path.win32)).toEqual({
      ok: true,
      path: `${winRoot}\\assets\\a.js`,
    });
    expect(resolveRendererFile(winRoot, 'app://pla-desk/..%2f..%2f..%2fapp.asar', path.win32)).toMatchObject({ ok: false, status: 403 });
    // A drive letter smuggled in the path never leaves the root (here: refused).
    for (const u of ['app://pla-desk/C:%2fWindows%2fwin.ini', 'app://pla-desk/c:/Windows/win.ini', 'app://pla-desk//server/share/x']) {
      const r = resolveRendererFile(winRoot, u, path.win32);
      if (r.ok) expect(r.path.startsWith(`${winRoot}\\`)).toBe(true);
      else expect(r.status).toBe(403);
    }
  });
});

describe('contentTypeFor', () => {
  it('knows the renderer build types', () => {
    expect(contentTypeFor('/x/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('/x/a.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('/x/a.css')).toBe('text/css; charset=utf-8');
    expect(contentTypeFor('/x/a.woff2')).toBe('font/woff2');
    expect(contentTypeFor('/x/a.bin')).toBe('application/octet-stream');
  });
});

describe('CONTENT_SECURITY_POLICY', () => {
  it('allows only own scripts and no plugins, frames or foreign forms', () => {
    const directives = new Map(
      CONTENT_SECURITY_POLICY.split(';').map((d) => {
        const [k, ...v] = d.trim().split(/\s+/);
        return [k, v.join(' ')] as const;
      }),
    );
    expect(directives.get('default-src')).toBe("'self'");
    expect(directives.get('script-src')).toBe("'self'");
    expect(directives.get('object-src')).toBe("'none'");
    expect(directives.get('frame-ancestors')).toBe("'none'");
    expect(directives.get('base-uri')).toBe("'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval/);
    expect(directives.get('script-src')).not.toMatch(/unsafe-inline/);
  });
});

describe('chooseNativeBinding', () => {
  const appRoot = '/work/main';
  const dev = `${appRoot}/.cache/electron-native/better_sqlite3.node`;
  it('uses the .cache build in development when it exists', () => {
    expect(chooseNativeBinding({ isPackaged: false, appRoot, exists: (p) => p === dev })).toBe(dev);
  });
  it('passes nothing when the .cache build is missing', () => {
    expect(chooseNativeBinding({ isPackaged: false, appRoot, exists: () => false })).toBeUndefined();
  });
  it('passes nothing in the packaged app (rebuilt for Electron at pack time)', () => {
    expect(chooseNativeBinding({ isPackaged: true, appRoot, exists: () => true })).toBeUndefined();
  });
});

describe('resolveDataDir', () => {
  const base = { env: {}, defaultDir: '/home/ana/.config/PLA Desk', cwd: '/tmp/w' };
  it('defaults to userData', () => {
    expect(resolveDataDir({ ...base, argv: ['electron', '.'] })).toEqual({ dir: base.defaultDir, explicit: false });
  });
  it('reads --data-dir in both spellings, relative to cwd', () => {
    expect(resolveDataDir({ ...base, argv: ['electron', '.', '--data-dir', 'd1'] })).toEqual({ dir: '/tmp/w/d1', explicit: true });
    expect(resolveDataDir({ ...base, argv: ['electron', '.', '--data-dir=/srv/pla'] })).toEqual({ dir: '/srv/pla', explicit: true });
  });
  it('falls back to PLA_DESK_DATA_DIR, argv wins over env', () => {
    expect(resolveDataDir({ ...base, argv: [], env: { PLA_DESK_DATA_DIR: '/e' } })).toEqual({ dir: '/e', explicit: true });
    expect(resolveDataDir({ ...base, argv: ['--data-dir=/a'], env: { PLA_DESK_DATA_DIR: '/e' } }).dir).toBe('/a');
  });
  it('ignores empty values', () => {
    expect(resolveDataDir({ ...base, argv: ['--data-dir='], env: { PLA_DESK_DATA_DIR: '  ' } }).explicit).toBe(false);
  });
});

describe('safeFileName', () => {
  it('keeps a plain name and strips directories and reserved characters', () => {
    expect(safeFileName('Raport PLA 2025 – ședință.xlsx')).toBe('Raport PLA 2025 – ședință.xlsx');
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('C:\\Windows\\evil.exe')).toBe('evil.exe');
    expect(safeFileName('a<b>:c?.xlsx')).toBe('a_b__c_.xlsx');
    expect(safeFileName('...')).toBe('fisier');
    expect(safeFileName('')).toBe('fisier');
  });
});

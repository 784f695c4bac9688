import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  isPermissionAllowed,
  isSafeExternalUrl,
  isTrustedAppUrl,
  isTrustedDownloadUrl,
  navigationDecision,
  parseUrl,
} from '../../electron/main/trusted-url';

describe('isTrustedAppUrl', () => {
  it.each([APP_ENTRY_URL, 'app://pla-desk/', 'app://pla-desk', 'app://pla-desk/index.html#/plan/1', 'app://PLA-DESK/x.js?v=1'])('trusts %s', (u) =>
    expect(isTrustedAppUrl(u)).toBe(true),
  );

  it.each([
    'app://pla-desk.evil.com/index.html',
    'app://evil/index.html',
    'app://pla-desk@evil/index.html',
    'app://user:pw@pla-desk/index.html',
    'app://pla-desk:8080/index.html',
    'apps://pla-desk/index.html',
    'file:///work/main/out/renderer/index.html',
    'http://pla-desk/index.html',
    'https://pla-desk/index.html',
    'http://127.0.0.1:5173/',
    'javascript:alert(1)',
    'about:blank',
    'data:text/html,<p>x</p>',
    'blob:app://pla-desk/4f1c',
    'app:pla-desk/index.html',
    '',
    'not a url',
  ])('rejects %s', (u) => expect(isTrustedAppUrl(u)).toBe(false));

  it('rejects non-strings', () => {
    for (const v of [null, undefined, 42, {}, ['app://pla-desk/']]) expect(isTrustedAppUrl(v)).toBe(false);
  });

  it('does not trust a string that merely starts with the origin', () => {
    expect('app://pla-desk.attacker/'.startsWith('app://pla-desk')).toBe(true);
    expect(isTrustedAppUrl('app://pla-desk.attacker/')).toBe(false);
  });
});

describe('navigationDecision', () => {
  it('allows in-app navigation and blocks everything else', () => {
    expect(navigationDecision('app://pla-desk/index.html#/risks')).toBe('allow');
    expect(navigationDecision('https://www.opengovpartnership.org/')).toBe('block');
    expect(navigationDecision('file:///etc/passwd')).toBe('block');
  });
});

describe('isSafeExternalUrl', () => {
  it.each(['https://www.primariatm.ro/', 'https://data.gov.ro/dataset/x?y=1#z', 'HTTPS://example.org'])('allows %s', (u) =>
    expect(isSafeExternalUrl(u)).toBe(true),
  );
  it.each([
    'http://www.primariatm.ro/',
    'file:///C:/Windows/System32/calc.exe',
    'smb://server/share',
    'javascript:alert(1)',
    'mailto:x@y.ro',
    'https://user:pass@example.org/',
    'app://pla-desk/index.html',
    'ms-msdt:/id PCWDiagnostic',
    'https://',
    '',
  ])('refuses %s', (u) => expect(isSafeExternalUrl(u)).toBe(false));
});

describe('isPermissionAllowed', () => {
  it('denies by default', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'openExternal', 'fullscreen', 'hid', 'serial', 'clipboard-read']) {
      expect(isPermissionAllowed(p, APP_ENTRY_URL)).toBe(false);
    }
  });
  it('allows clipboard writes only for the app origin', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write', APP_ENTRY_URL)).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    expect(isPermissionAllowed('clipboard-sanitized-write', undefined)).toBe(false);
  });
});

describe('isTrustedDownloadUrl', () => {
  it('accepts app:// and blobs minted by the app, nothing else', () => {
    expect(isTrustedDownloadUrl('app://pla-desk/report.xlsx')).toBe(true);
    expect(isTrustedDownloadUrl('blob:app://pla-desk/0d6c7d1e-1111-4222-8333-944455556666')).toBe(true);
    expect(isTrustedDownloadUrl('blob:https://evil.example/0d6c')).toBe(false);
    expect(isTrustedDownloadUrl('https://evil.example/x.exe')).toBe(false);
  });
});

describe('parseUrl', () => {
  it('returns null for garbage and very long input', () => {
    expect(parseUrl('::::')).toBeNull();
    expect(parseUrl(`https://x.ro/${'a'.repeat(40_000)}`)).toBeNull();
  });
});

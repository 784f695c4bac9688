/**
 * Certificate pinning for the desktop client's link to a team server. Pure Node (no `electron`), unit-tested
 * in tests/unit/team-pin.test.ts with a real TLS server.
 *
 * On first connection the client reads the server's certificate (nothing is sent on that socket), shows its
 * SHA-256 fingerprint and, once the user confirms, keeps the certificate and its fingerprint. Every later
 * connection trusts only that certificate (it is the only `ca` of that one agent, so a self-signed city
 * certificate works without touching the system's trust store), and `checkServerIdentity` refuses any
 * certificate whose fingerprint differs. Verification stays on everywhere else in the process.
 */
import crypto from 'node:crypto';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';

/** `AB:CD:…` (64 hex digits in pairs, upper case), as browsers and `openssl x509 -fingerprint -sha256` show it. */
export function fingerprintOf(der: Buffer): string {
  return crypto
    .createHash('sha256')
    .update(der)
    .digest('hex')
    .toUpperCase()
    .replace(/(..)(?!$)/g, '$1:');
}

/** A fingerprint as typed or pasted (any case, with or without colons or spaces), or null when it is not one. */
export function normalizeFingerprint(s: string): string | null {
  const hex = s.replace(/[\s:]/g, '').toUpperCase();
  if (!/^[0-9A-F]{64}$/.test(hex)) return null;
  return hex.replace(/(..)(?!$)/g, '$1:');
}

export const derToPem = (der: Buffer) =>
  `-----BEGIN CERTIFICATE-----\n${der
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`;

/** The server's certificate as first seen: what the user is asked to confirm. */
export interface SeenCertificate {
  fingerprint: string;
  pem: string;
  subject: string;
  issuer: string;
  validTo: string;
}

/** The certificate pinned for a server. */
export interface Pin {
  fingerprint: string;
  pem: string;
}

/** Thrown (and turned into a Romanian message) when the server shows another certificate than the pinned one. */
export class PinMismatchError extends Error {
  readonly code = 'PIN_MISMATCH';
  constructor(
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`the server's certificate changed: pinned ${expected}, now ${actual}`);
    this.name = 'PinMismatchError';
  }
}

/** checkServerIdentity for a pinned connection: the host name is not checked (the pin is stronger), the fingerprint is. */
export function pinnedIdentityCheck(pin: Pick<Pin, 'fingerprint'>) {
  return (_host: string, cert: tls.PeerCertificate): Error | undefined => {
    const actual = cert?.raw ? fingerprintOf(cert.raw) : '';
    return actual === pin.fingerprint ? undefined : new PinMismatchError(pin.fingerprint, actual || '(none)');
  };
}

/** TLS options of every connection to a pinned server: only the pinned certificate is trusted, and only by its fingerprint. */
export function pinnedTlsOptions(pin: Pin): Pick<tls.ConnectionOptions, 'ca' | 'checkServerIdentity' | 'rejectUnauthorized'> {
  return { ca: [pin.pem], checkServerIdentity: pinnedIdentityCheck(pin), rejectUnauthorized: true };
}

/** One keep-alive agent per pinned server (never the global agent, whose verification stays untouched). */
export function pinnedAgent(pin: Pin): https.Agent {
  return new https.Agent({ ...pinnedTlsOptions(pin), keepAlive: true, maxSockets: 8 });
}

const firstOf = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));

/**
 * Reads the certificate a server presents, without trusting it and without sending anything: the first step of
 * pinning (trust on first use, confirmed by the user against the fingerprint IT gave them).
 */
export function fetchServerCertificate(host: string, port: number, opts: { timeoutMs?: number } = {}): Promise<SeenCertificate> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host, port, servername: net.isIP(host) ? undefined : host, rejectUnauthorized: false });
    const timer = setTimeout(() => socket.destroy(new Error(`no TLS answer from ${host}:${port}`)), opts.timeoutMs ?? 10_000);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      const cert = socket.getPeerCertificate();
      socket.end();
      if (!cert?.raw) return reject(new Error(`${host}:${port} presented no certificate`));
      resolve({
        fingerprint: fingerprintOf(cert.raw),
        pem: derToPem(cert.raw),
        subject: firstOf(cert.subject?.CN),
        issuer: firstOf(cert.issuer?.CN),
        validTo: cert.valid_to ?? '',
      });
    });
    socket.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

/** What the user reads when the pinned certificate no longer matches (Romanian first, English second). */
export function pinMismatchMessage(origin: string, expected: string, actual: string): string {
  return (
    `Conexiunea la ${origin} a fost refuzată: serverul prezintă alt certificat decât cel confirmat la prima conectare.\n` +
    `Confirmat: ${expected}\nPrezentat acum: ${actual}\n` +
    'Dacă departamentul IT a schimbat certificatul, cereți-i noua amprentă SHA-256 și alegeți din nou serverul (meniul Fișier → Conexiune). ' +
    'Altfel, nu vă conectați: cineva ar putea intercepta datele.\n\n' +
    `The connection to ${origin} was refused: the server shows a different certificate than the one confirmed on first connection.`
  );
}

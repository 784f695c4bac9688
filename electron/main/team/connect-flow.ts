/**
 * The steps of choosing a team server, without Electron (tests/unit/team-connection.test.ts): read the address,
 * fetch the server's certificate for the user to confirm, then pin exactly the certificate they confirmed. Every
 * failure is one Romanian sentence that says what to do.
 */
import { fetchServerCertificate, type SeenCertificate } from './pin';
import { parseServerAddress, type TeamSettings } from './settings';

export type FetchCertificate = (host: string, port: number) => Promise<SeenCertificate>;

export type Probe = { ok: true; origin: string; certificate: SeenCertificate } | { ok: false; message: string };

/** Why a server could not be reached, in words. */
export function unreachableMessage(host: string, port: number, e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  const where = `${host}:${port}`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `Adresa ${host} nu este cunoscută în rețea. Verificați adresa primită de la departamentul IT.`;
  if (code === 'ECONNREFUSED')
    return `Serverul ${where} refuză conexiunea: PLA Desk nu rulează acolo sau portul este altul. Verificați adresa și că serverul este pornit.`;
  if (code === 'ETIMEDOUT' || /no TLS answer/.test((e as Error)?.message ?? ''))
    return `Serverul ${where} nu răspunde. Verificați legătura la rețeaua primăriei și adresa serverului.`;
  if (code === 'EPROTO' || /wrong version number|ssl/i.test((e as Error)?.message ?? ''))
    return `La ${where} nu răspunde un server HTTPS. Serverul echipei se pornește cu --tls-cert și --tls-key.`;
  return `Serverul ${where} nu poate fi contactat (${(e as Error)?.message ?? String(e)}).`;
}

/** First step: the address as typed → the certificate the server shows (nothing else is sent). */
export async function probeServer(address: string, fetchCert: FetchCertificate = fetchServerCertificate): Promise<Probe> {
  const a = parseServerAddress(address);
  if (!a.ok) return a;
  try {
    return { ok: true, origin: a.origin, certificate: await fetchCert(a.host, a.port) };
  } catch (e) {
    return { ok: false, message: unreachableMessage(a.host, a.port, e) };
  }
}

/**
 * Second step, after the user said the fingerprint is the one IT gave them: the settings to remember, pinning
 * the certificate the server shows now — refused if it is not the one the user just confirmed.
 */
export async function confirmServer(
  address: string,
  confirmedFingerprint: string,
  fetchCert: FetchCertificate = fetchServerCertificate,
): Promise<{ ok: true; settings: TeamSettings } | { ok: false; message: string }> {
  const a = parseServerAddress(address);
  if (!a.ok) return a;
  let seen: SeenCertificate;
  try {
    seen = await fetchCert(a.host, a.port);
  } catch (e) {
    return { ok: false, message: unreachableMessage(a.host, a.port, e) };
  }
  if (seen.fingerprint !== confirmedFingerprint)
    return {
      ok: false,
      message: `Serverul ${a.origin} prezintă acum alt certificat decât cel pe care l-ați confirmat (${seen.fingerprint}). Nu vă conectați; anunțați departamentul IT.`,
    };
  return { ok: true, settings: { mode: 'team', origin: a.origin, token: a.token, fingerprint: seen.fingerprint, certPem: seen.pem } };
}

import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * A self-signed certificate for the team server, as the city's IT would make it with openssl (EC P-256, two days,
 * CN pla.primariatm.local). `altNames` is its subjectAltName list, e.g. 'DNS:localhost,IP:127.0.0.1' (none when left out).
 * Writes cert.pem and key.pem into `dir` and returns their paths and the certificate's SHA-256 fingerprint as openssl
 * prints it (AA:BB:…), which is what the desktop app shows on first connection.
 */
export function selfSignedCertificate(dir: string, altNames?: string): { cert: string; key: string; fingerprint: string } {
  const cert = path.join(dir, 'cert.pem');
  const key = path.join(dir, 'key.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=pla.primariatm.local',
      ...(altNames ? ['-addext', `subjectAltName=${altNames}`] : []),
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'ignore' },
  );
  const fingerprint = execFileSync('openssl', ['x509', '-in', cert, '-noout', '-fingerprint', '-sha256'], { encoding: 'utf8' }).trim().split('=')[1];
  return { cert, key, fingerprint };
}

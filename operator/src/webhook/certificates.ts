// A CA and a serving certificate for the webhook and the channel, in pure TypeScript
// (@peculiar/x509 over WebCrypto; node:crypto parses X.509 but cannot sign it, and the runtime
// image has no openssl). ECDSA P-256: fast to generate on small nodes, accepted by Go's TLS.
import 'reflect-metadata'; // @peculiar/x509 resolves its ASN.1 providers through tsyringe, which needs it.
import { readFile } from 'node:fs/promises';
import { createPrivateKey, randomBytes, webcrypto, X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto);

export interface TlsMaterial {
  cert: string;
  key: string;
}

export interface CertificateBundle extends TlsMaterial {
  ca: string;
  caKey: string;
}

const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const day = 24 * 60 * 60 * 1000;
export const caLifetimeDays = 3650;
export const servingLifetimeDays = 365;
/** Renew the serving certificate this long before it expires; the CA likewise, a year ahead. */
export const servingRenewBeforeDays = 30;
export const caRenewBeforeDays = 365;

function serialNumber(): string {
  // Positive, 16 bytes: RFC 5280 allows up to 20 and requires non-negative.
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return bytes.toString('hex');
}

async function newKeyPair(): Promise<webcrypto.CryptoKeyPair> {
  return webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
}

async function privateKeyPem(key: webcrypto.CryptoKey): Promise<string> {
  return x509.PemConverter.encode(await webcrypto.subtle.exportKey('pkcs8', key), 'PRIVATE KEY');
}

async function importPrivateKey(pem: string): Promise<webcrypto.CryptoKey> {
  const der = x509.PemConverter.decodeFirst(pem);
  return webcrypto.subtle.importKey('pkcs8', der, algorithm, true, ['sign']);
}

function subjectAltNames(hosts: readonly string[]): x509.JsonGeneralName[] {
  return hosts.map((host) => (isIP(host) ? { type: 'ip', value: host } : { type: 'dns', value: host }));
}

export async function createCa(commonName: string, now: Date): Promise<{ ca: string; caKey: string }> {
  const keys = await newKeyPair();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serialNumber(),
    name: `CN=${commonName}`,
    notBefore: new Date(now.getTime() - 5 * 60 * 1000),
    notAfter: new Date(now.getTime() + caLifetimeDays * day),
    keys,
    signingAlgorithm: algorithm,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { ca: cert.toString('pem'), caKey: await privateKeyPem(keys.privateKey) };
}

/** A serving certificate for `hosts` (DNS names and IP addresses), signed by the CA. */
export async function issueServingCertificate(
  authority: { ca: string; caKey: string },
  hosts: readonly string[],
  now: Date,
): Promise<TlsMaterial> {
  const issuer = new x509.X509Certificate(authority.ca);
  const keys = await newKeyPair();
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serialNumber(),
    subject: `CN=${hosts[0] ?? 'switchyard'}`,
    issuer: issuer.subject,
    notBefore: new Date(now.getTime() - 5 * 60 * 1000),
    notAfter: new Date(now.getTime() + servingLifetimeDays * day),
    signingKey: await importPrivateKey(authority.caKey),
    publicKey: keys.publicKey,
    signingAlgorithm: algorithm,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(subjectAltNames(hosts)),
      await x509.AuthorityKeyIdentifierExtension.create(issuer),
    ],
  });
  return { cert: cert.toString('pem'), key: await privateKeyPem(keys.privateKey) };
}

export async function createCertificateBundle(hosts: readonly string[], now: Date): Promise<CertificateBundle> {
  const authority = await createCa('switchyard-ca', now);
  return { ...authority, ...(await issueServingCertificate(authority, hosts, now)) };
}

function validFor(cert: X509Certificate, now: Date, renewBeforeDays: number): boolean {
  return new Date(cert.validFrom) <= now && new Date(cert.validTo).getTime() - renewBeforeDays * day > now.getTime();
}

function covers(cert: X509Certificate, host: string): boolean {
  return isIP(host) ? cert.checkIP(host) !== undefined : cert.checkHost(host) !== undefined;
}

export type BundleVerdict = 'Valid' | 'RenewServing' | 'RenewAll';

/** Whether stored material can be reused, needs a new serving certificate, or a new CA too. */
export function judgeBundle(bundle: Partial<CertificateBundle>, hosts: readonly string[], now: Date): BundleVerdict {
  const { ca, caKey, cert, key } = bundle;
  if (!ca || !caKey) return 'RenewAll';
  let authority: X509Certificate;
  try {
    authority = new X509Certificate(ca);
  } catch {
    return 'RenewAll';
  }
  if (!authority.ca || !validFor(authority, now, caRenewBeforeDays)) return 'RenewAll';
  if (!cert || !key) return 'RenewServing';
  try {
    const serving = new X509Certificate(cert);
    const ok =
      serving.verify(authority.publicKey) &&
      serving.checkPrivateKey(createPrivateKey(key)) &&
      validFor(serving, now, servingRenewBeforeDays) && hosts.every((h) => covers(serving, h));
    return ok ? 'Valid' : 'RenewServing';
  } catch {
    return 'RenewServing';
  }
}

/** For certificates mounted from a Secret (cert-manager, or a test PKI). */
export async function readTlsFiles(certFile: string, keyFile: string): Promise<TlsMaterial> {
  const [cert, key] = await Promise.all([readFile(certFile, 'utf8'), readFile(keyFile, 'utf8')]);
  return { cert, key };
}

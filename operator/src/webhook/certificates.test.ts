import { describe, expect, it } from '@jest/globals';
import { X509Certificate } from 'node:crypto';
import { createCertificateBundle, issueServingCertificate, judgeBundle, type CertificateBundle } from './certificates.js';

const hosts = ['switchyard.switchyard-system.svc', '127.0.0.1'];
const now = new Date('2026-11-28T12:00:00Z');
const day = 24 * 60 * 60 * 1000;
const bundle: CertificateBundle = await createCertificateBundle(hosts, now);
const other: CertificateBundle = await createCertificateBundle(hosts, now);

describe('createCertificateBundle', () => {
  it('issues a serving certificate for every host, signed by its CA', () => {
    const serving = new X509Certificate(bundle.cert);
    expect(serving.verify(new X509Certificate(bundle.ca).publicKey)).toBe(true);
    expect(serving.subjectAltName).toBe('DNS:switchyard.switchyard-system.svc, IP Address:127.0.0.1');
    expect(new X509Certificate(bundle.ca).ca).toBe(true);
    expect(serving.ca).toBe(false);
  });
});

describe('judgeBundle', () => {
  it.each<[string, Partial<CertificateBundle>, readonly string[], Date, string]>([
    ['a fresh bundle for the same hosts is reused', bundle, hosts, now, 'Valid'],
    ['an empty Secret needs everything', {}, hosts, now, 'RenewAll'],
    ['a CA without its key needs everything', { ca: bundle.ca, cert: bundle.cert, key: bundle.key }, hosts, now, 'RenewAll'],
    ['a missing serving certificate is reissued from the CA', { ca: bundle.ca, caKey: bundle.caKey }, hosts, now, 'RenewServing'],
    ['a serving certificate that misses a host is reissued', bundle, [...hosts, 'switchyard.other.svc'], now, 'RenewServing'],
    ['a serving certificate from another CA is reissued', { ...bundle, cert: other.cert, key: other.key }, hosts, now, 'RenewServing'],
    ['a key that does not match the certificate is reissued', { ...bundle, key: other.key }, hosts, now, 'RenewServing'],
    ['a serving certificate within 30 days of expiry is reissued', bundle, hosts, new Date(now.getTime() + 340 * day), 'RenewServing'],
    ['a CA within a year of expiry is replaced', bundle, hosts, new Date(now.getTime() + 3300 * day), 'RenewAll'],
    ['garbage in the CA field is replaced', { ...bundle, ca: 'junk' }, hosts, now, 'RenewAll'],
  ])('%s', (_sentence, stored, wanted, at, verdict) => {
    expect(judgeBundle(stored, wanted, at)).toBe(verdict);
  });

  it('accepts a serving certificate reissued from the stored CA', async () => {
    const reissued = await issueServingCertificate(bundle, hosts, now);
    expect(judgeBundle({ ...bundle, ...reissued }, hosts, now)).toBe('Valid');
  });
});

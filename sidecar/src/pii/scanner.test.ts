import { describe, expect, it } from '@jest/globals';
import { compileCustom } from './detect/custom.js';
import { scanText } from './scanner.js';

function found(text: string): string[] {
  return scanText(text).map((span) => `${span.kind}:${text.slice(span.start, span.end)}`);
}

describe('scanText finds', () => {
  it.each([
    ['an e-mail with a plus tag and subdomains', 'write to jane.doe+billing@mail.eu.example.co.uk today', ['email:jane.doe+billing@mail.eu.example.co.uk']],
    ['an upper-case e-mail in angle brackets', 'From: J <J.DOE@EXAMPLE.COM>', ['email:J.DOE@EXAMPLE.COM']],
    ['a card in groups of four with spaces', 'card 4111 1111 1111 1111 exp 12/26', ['credit-card:4111 1111 1111 1111']],
    ['a card with dashes', 'card 5555-5555-5555-4444.', ['credit-card:5555-5555-5555-4444']],
    ['an Amex card grouped 4-6-5', 'amex 3782 822463 10005', ['credit-card:3782 822463 10005']],
    ['a card without separators', 'pay with 6011111111111117 now', ['credit-card:6011111111111117']],
    ['a spaced IBAN followed by a word', 'IBAN DE89 3704 0044 0532 0130 00 please', ['iban:DE89 3704 0044 0532 0130 00']],
    ['a lower-case compact IBAN', 'to gb82west12345698765432.', ['iban:gb82west12345698765432']],
    ['a Belgian IBAN whose last group is followed by a four-letter word', 'BE68 5390 0754 7034 from me', ['iban:BE68 5390 0754 7034']],
    ['an SSN with dashes', 'SSN: 123-45-6789', ['us-ssn:123-45-6789']],
    ['nine bare digits right after an SSN label', 'my ssn is 078051120', ['us-ssn:078051120']],
    ['an IPv4 address at the end of a sentence', 'ping 192.168.1.10.', ['ipv4:192.168.1.10']],
    ['an IPv4 network with a CIDR suffix', 'allow 10.0.0.0/8', ['ipv4:10.0.0.0']],
    ['an IPv4 address with a port', 'http://10.1.2.3:8080/x', ['ipv4:10.1.2.3']],
    ['a compressed IPv6 address', 'host 2001:db8::8a2e:370:7334 is down', ['ipv6:2001:db8::8a2e:370:7334']],
    ['an IPv6 address with embedded IPv4', 'mapped ::ffff:192.0.2.128 here', ['ipv6:::ffff:192.0.2.128']],
    ['a full upper-case IPv6 address', 'FE80:0000:0000:0000:0202:B3FF:FE1E:8329', ['ipv6:FE80:0000:0000:0000:0202:B3FF:FE1E:8329']],
    ['a NANP number in parentheses with an extension', 'call (555) 123-4567 x89 now', ['phone:(555) 123-4567 x89']],
    ['an E.164 number with dashes', 'or +1-555-123-4567.', ['phone:+1-555-123-4567']],
    ['a UK number with the bracketed trunk zero', 'ring +44 (0)20 7946 0958', ['phone:+44 (0)20 7946 0958']],
    ['a German national number', 'Tel. 030 1234567', ['phone:030 1234567']],
    ['a German number after "Tel." with no space', 'Tel.030/1234567', ['phone:030/1234567']],
    ['a French number in pairs', 'au 01 23 45 67 89 demain', ['phone:01 23 45 67 89']],
    ['a number with the 00 international prefix', 'bel 0031 20 123 4567', ['phone:0031 20 123 4567']],
    ['a Spanish number grouped 3-2-2-2', 'móvil 612 34 56 78', ['phone:612 34 56 78']],
    ['bare digits after a phone word', 'call me at 5551234567', ['phone:5551234567']],
    ['an OpenAI project key', 'key sk-proj-abc123DEF456ghi789JKL012mno', ['secret:sk-proj-abc123DEF456ghi789JKL012mno']],
    ['an Anthropic key', 'sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123456789', ['secret:sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123456789']],
    ['an AWS access key id', 'AKIAIOSFODNN7EXAMPLE', ['secret:AKIAIOSFODNN7EXAMPLE']],
    ['a Google API key in a query string', '?key=AIzaSyA1234567890abcdefghijklmnopqrstuv', ['secret:AIzaSyA1234567890abcdefghijklmnopqrstuv']],
    ['a GitHub token', 'ghp_abcdefghijklmnopqrstuvwxyz0123456789', ['secret:ghp_abcdefghijklmnopqrstuvwxyz0123456789']],
    ['a Slack bot token', 'xoxb-123456789012-1234567890123-abcdefghij', ['secret:xoxb-123456789012-1234567890123-abcdefghij']],
    ['a GitLab token', 'glpat-abcdefghij0123456789', ['secret:glpat-abcdefghij0123456789']],
    ['a JWT after Bearer', 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.sig_-123', ['secret:eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.sig_-123']],
    ['several kinds in one sentence, in order', 'a@b.io 4111111111111111 10.0.0.1', ['email:a@b.io', 'credit-card:4111111111111111', 'ipv4:10.0.0.1']],
  ])('%s', (_name, text, expected) => {
    expect(found(text)).toEqual(expected);
  });
});

describe('scanText leaves alone', () => {
  it.each([
    ['a card-shaped number failing Luhn', 'card 4111 1111 1111 1112'],
    ['a Luhn-valid number labelled as an order', 'order #4111111111111111'],
    ['a 13-digit millisecond timestamp', 'at 1700000000000 ms'],
    ['an IBAN with a wrong checksum', 'DE89 3704 0044 0532 0130 01'],
    ['SSN-shaped numbers outside the issued ranges', '000-12-3456 666-12-3456 912-12-3456 123-00-4567 123-45-0000'],
    ['a version string', 'version 1.2.3.4 and v1.2.3.4'],
    ['an out-of-range dotted quad', '999.1.1.1 and 1.2.3.4.5'],
    ['a time of day', 'at 10:30:45 and 23:59'],
    ['a MAC address', 'mac 00:1a:2b:3c:4d:5e'],
    ['a UUID', '550e8400-e29b-41d4-a716-446655440000'],
    ['a hex hash', 'commit 3fa85f6457174562b3fc2c963f66afa6 and deadbeefcafebabe'],
    ['an ISBN-13 and an ISBN-10', 'ISBN 978-3-16-148410-0 and 0-306-40615-2'],
    ['an unlabelled ISBN with spaces', 'edition 978 0 01 164616 9'],
    ['dates in three notations', '2024-01-15, 15.01.2024 and 01/15/2024 12:00'],
    ['amounts', '$1,234,567.89 and 1.234.567,00 € and 912 345 678 €'],
    ['an order id with letters and digits', 'ORD-2024-5551234567'],
    ['a retina image name', 'icon@2x.png'],
    ['a C++ scope', 'std::vector<int> and dead::beef'],
    ['sk- prose without digits', 'use sk-learn-compatible-estimators-everywhere'],
    ['ten bare digits without a phone word', 'the id is 5551234567'],
  ])('%s', (_name, text) => {
    expect(found(text)).toEqual([]);
  });
});

describe('custom patterns', () => {
  it('finds matches of a route pattern and keeps built-in spans that do not overlap', () => {
    const employee = compileCustom('employee-id', { source: 'EMP-[0-9]{6}', flags: 'u' });
    const text = 'EMP-123456 mailed a@b.io';
    expect(scanText(text, [employee]).map((span) => [span.kind, text.slice(span.start, span.end)])).toEqual([
      ['custom:employee-id', 'EMP-123456'],
      ['email', 'a@b.io'],
    ]);
  });

  it('survives a pattern that can match the empty string', () => {
    const empty = compileCustom('maybe', { source: 'x*', flags: 'iu' });
    expect(scanText('aXXb', [empty]).map((span) => [span.start, span.end])).toEqual([[1, 3]]);
  });
});

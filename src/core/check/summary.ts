/** One plain sentence per answer, for people: what the value is and what Tocsin knows of it. */
import type { VerdictResult } from './verdict.js';

const NOUN: Readonly<Record<string, string>> = {
  url: 'This link',
  domain: 'This domain',
  ip: 'This IP address',
  phone: 'This phone number',
  'bank-account': 'This bank account',
  email: 'This e-mail address',
  wallet: 'This wallet',
  'file-hash': 'This file',
};

/** A sentence for `r` on a value of `kind`; `payee` names where a payment QR code sends money. */
export function summarize(kind: string, r: VerdictResult, payee?: string): string {
  // Most answers of a batch: one sentence per kind, written once.
  if (r.verdict === 'unknown' && payee === undefined) return UNKNOWN[kind] ?? unknownSentence('This value');
  const what = payee === undefined ? (NOUN[kind] ?? 'This value') : `This QR code pays into ${payee}, which`;
  const cats = [...new Set(r.reasons.flatMap((x) => x.categories))].join(', ');
  switch (r.verdict) {
    case 'malicious':
      return `${what} ${payee === undefined ? 'is' : 'is'} reported as ${cats || 'malicious'} (score ${r.score}/100).${payee === undefined ? ' Do not trust it.' : ' Do not transfer money.'}`;
    case 'suspicious':
      return `${what} is suspicious${cats ? ` (${cats})` : r.reports === undefined ? '' : ` (${r.reports} reports by citizens)`}, score ${r.score}/100. Be careful.`;
    case 'allow-listed':
      return `${what} belongs to ${r.allowListed ?? 'a known domain'}, a widely used legitimate site. Check the exact address before you enter anything.`;
    case 'unknown':
      return unknownSentence(what);
  }
}

function unknownSentence(what: string): string {
  return `${what} is not in Tocsin's records. That does not make it safe.`;
}

const UNKNOWN: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(NOUN).map(([kind, noun]) => [kind, unknownSentence(noun)]),
);

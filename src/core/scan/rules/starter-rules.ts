import type { Rule, RuleSet } from './rule.js';
import { STARTER_PHRASE_SETS } from './starter-phrases.js';

/*
 * Starter rules, written from public warnings (Bộ Công an, NHNN, NCSC/Cục An toàn thông tin, banks, EVN,
 * Tổng cục Thuế) about the scams that hit Vietnam most. Each rule asks for two or three signals
 * together, so that a notice that only mentions the police, a bank or a loan does not fire.
 *
 * The English prize, call-back and premium-SMS rules were widened from the development part of the UCI SMS
 * Spam Collection (docs/scanning.md); the held-out part was never read. They ask for a lure and a way to
 * answer (a number, a short code, a link) together, never a number alone.
 */

/*
 * The extractor reads Vietnamese numbers and E.164; a foreign national number (`0906 170 1461`) or a
 * short code (`text WIN to 87121`) is no observable, but still a way to answer. Regexes read the
 * normalized text, so words are single-spaced lower case.
 */
const CALL_NUMBER = { regex: '\\b0\\d{2,4} ?\\d{3,4} ?\\d{3,5}' } as const;
const SHORT_CODE = {
  regex: '\\b(txt|text|send|reply|rply|sms)( [a-z0-9]{1,12}){0,4} to (no )?\\d{4,6}\\b',
} as const;
/** A UK premium-rate number: 09 and nine digits. No Vietnamese number has eleven digits starting 09. */
const UK_PREMIUM_NUMBER = { regex: '\\b09\\d{9}\\b' } as const;
const PENCE = { regex: '\\b\\d{2,3}p\\b' } as const;
const CONTACT = { any: [{ has: 'link' }, { has: 'phone' }, CALL_NUMBER, SHORT_CODE] } as const;

/** Builds a starter rule: public (TLP:CLEAR), version 1, enabled. */
function rule(r: Omit<Rule, 'tlp' | 'version' | 'enabled'>): Rule {
  return { ...r, tlp: 'clear', version: 1, enabled: true };
}

const RULES: readonly Rule[] = [
  rule({
    id: 'police-impersonation',
    name: 'Police or procuracy demanding a transfer or an app',
    category: 'impersonation',
    weight: 85,
    description: 'Mentions the police, procuracy or a court and asks to transfer money or install an app.',
    when: {
      all: [
        { ref: 'authority' },
        { any: [{ ref: 'asks-transfer' }, { ref: 'install-app' }] },
        { any: [{ ref: 'legal-threat' }, { ref: 'install-app' }, { has: 'link' }, { has: 'bank-account' }] },
        { not: { ref: 'public-warning' } },
      ],
    },
  }),
  rule({
    id: 'bank-account-locked',
    name: 'Bank account locked or to verify, with a link',
    category: 'phishing',
    weight: 80,
    description: 'A bank or account, a lock or a verification (biometrics), and a link to follow.',
    when: {
      all: [
        { ref: 'bank-or-account' },
        { any: [{ ref: 'account-problem' }, { ref: 'verify' }] },
        { has: 'link' },
      ],
    },
  }),
  rule({
    id: 'tax-impersonation',
    name: 'Tax office with a link or a payment',
    category: 'impersonation',
    weight: 70,
    description: 'Tax office or tax refund, and a link, an app to install or a payment to make.',
    when: {
      all: [{ ref: 'tax' }, { any: [{ has: 'link' }, { ref: 'install-app' }, { ref: 'asks-payment' }] }],
    },
  }),
  rule({
    id: 'power-cut-threat',
    name: 'Power company threatening a cut, with a link or a payment',
    category: 'impersonation',
    weight: 70,
    description: 'EVN, an electricity bill or a power cut, and a link or a payment demand.',
    when: { all: [{ ref: 'power' }, { any: [{ has: 'link' }, { ref: 'asks-payment' }] }] },
  }),
  rule({
    id: 'fake-prize',
    name: 'Fake prize',
    category: 'scam-sms',
    weight: 60,
    description: 'A prize won and a link or a number to call, or a gift that costs a fee to receive.',
    when: {
      any: [
        { all: [{ ref: 'prize-strong' }, CONTACT] },
        { all: [{ ref: 'prize-item' }, { ref: 'prize-claim' }, CONTACT] },
        { all: [{ any: [{ ref: 'prize-strong' }, { ref: 'prize-weak' }] }, { ref: 'asks-fee' }] },
      ],
    },
  }),
  rule({
    id: 'fake-job',
    name: 'Fake job: paid tasks',
    category: 'job-scam',
    weight: 70,
    description: 'Easy money for tasks (likes, orders) with a contact to follow.',
    when: {
      all: [
        { any: [{ ref: 'job-strong' }, { all: [{ ref: 'job-weak' }, { ref: 'job-task' }] }] },
        { any: [{ has: 'link' }, { has: 'phone' }, { ref: 'chat-app' }] },
      ],
    },
  }),
  rule({
    id: 'click-to-unlock',
    name: 'Click to unlock your account',
    category: 'phishing',
    weight: 65,
    description: 'Asks to click a link to unlock or restore an account.',
    when: { all: [{ ref: 'unlock' }, { ref: 'click' }, { has: 'link' }] },
  }),
  rule({
    id: 'loan-scam',
    name: 'Loan with no checks',
    category: 'loan-scam',
    weight: 60,
    description: 'A loan offered with no appraisal, no collateral, or a fee before disbursement.',
    when: { all: [{ ref: 'loan-offer' }, { ref: 'loan-lure' }] },
  }),
  rule({
    id: 'investment-scam',
    name: 'Investment with promised profit',
    category: 'investment-scam',
    weight: 70,
    description: 'Investment, a trading platform or crypto, a promised profit, and a contact or a wallet.',
    when: {
      all: [
        { ref: 'invest' },
        { ref: 'profit-promise' },
        { any: [{ has: 'link' }, { has: 'phone' }, { has: 'wallet' }, { ref: 'chat-app' }] },
      ],
    },
  }),
  rule({
    id: 'otp-theft',
    name: 'OTP theft',
    category: 'phishing',
    weight: 85,
    description:
      'Asks for an OTP with a contact, or speaks of an OTP next to a link: banks no longer send links by SMS.',
    when: {
      all: [{ ref: 'otp' }, { any: [{ has: 'link' }, { all: [{ ref: 'asks-code' }, { has: 'phone' }] }] }],
    },
  }),
  rule({
    id: 'callback-lure',
    name: 'Call back a number you do not know',
    category: 'scam-call',
    weight: 60,
    description:
      'A message or a parcel waiting, a last attempt to reach you or a secret admirer, and a number to call; or a UK premium-rate number with a lure.',
    when: {
      any: [
        { all: [{ ref: 'callback-lure' }, { any: [{ has: 'phone' }, CALL_NUMBER, SHORT_CODE] }] },
        {
          all: [
            UK_PREMIUM_NUMBER,
            { any: [{ ref: 'line-lure' }, { ref: 'sms-lure' }, { ref: 'premium-price' }, PENCE] },
          ],
        },
      ],
    },
  }),
  rule({
    id: 'premium-sms',
    name: 'Premium-rate text service',
    category: 'spam',
    weight: 40,
    description:
      'Text a word to a short code to win or to get content, or a per-message price with a way to stop or reply.',
    when: {
      any: [
        {
          all: [
            SHORT_CODE,
            { any: [{ ref: 'sms-lure' }, { ref: 'opt-out' }, { ref: 'premium-price' }, PENCE] },
          ],
        },
        {
          all: [
            { any: [{ ref: 'premium-price' }, PENCE] },
            { any: [{ ref: 'opt-out' }, CALL_NUMBER, { has: 'link' }] },
          ],
        },
        { all: [{ ref: 'opt-out' }, { any: [CALL_NUMBER, SHORT_CODE, { has: 'link' }] }] },
      ],
    },
  }),
];

/** The starter rule set: twelve rules over named phrase sets, in Vietnamese and English. */
export const STARTER_RULES: RuleSet = { phraseSets: STARTER_PHRASE_SETS, rules: RULES };

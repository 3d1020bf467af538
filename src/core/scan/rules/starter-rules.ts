import type { Rule, RuleSet } from './rule.js';
import { STARTER_PHRASE_SETS } from './starter-phrases.js';

/*
 * Starter rules, written from public warnings (Bộ Công an, NHNN, NCSC/Cục An toàn thông tin, banks, EVN,
 * Tổng cục Thuế) about the scams that hit Vietnam most. Each rule asks for two or three signals
 * together, so that a notice that only mentions the police, a bank or a loan does not fire.
 */

const LINK_OR_PHONE = { any: [{ has: 'link' }, { has: 'phone' }] } as const;

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
        { all: [{ ref: 'prize-strong' }, LINK_OR_PHONE] },
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
];

/** The starter rule set: ten rules over named phrase sets, in Vietnamese and English. */
export const STARTER_RULES: RuleSet = { phraseSets: STARTER_PHRASE_SETS, rules: RULES };

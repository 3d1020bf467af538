import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extractObservables } from './extract-observables.js';

// Realistic English and French messages, scam and benign, with exactly what each must yield: parcel and
// refund phishing, prize and "hi mum" scams, crypto giveaways, and the ordinary traffic around them.

function found(text: string): string[] {
  return extractObservables(text).map((e) => {
    let line = `${e.kind} ${e.raw} -> ${e.value?.canonical ?? '?'}`;
    if (e.shortened === true) line += ' [shortened]';
    if (e.lookalike === true) line += ` [lookalike ${e.skeleton ?? '?'}]`;
    return line;
  });
}

const MESSAGES: readonly (readonly [string, readonly string[]])[] = [
  [
    'USPS: Your package could not be delivered due to an incomplete address. Update here: https://usps-redelivery.info/track?id=8812',
    ['url https://usps-redelivery.info/track?id=8812 -> https://usps-redelivery.info/track?id=8812'],
  ],
  [
    'Congratulations! You won $5,000. Claim at winner-prize[.]xyz or call +1 (415) 555-2671',
    ['domain winner-prize[.]xyz -> winner-prize.xyz', 'phone +1 (415) 555-2671 -> +14155552671'],
  ],
  [
    'Hi mum, I lost my phone. This is my new number, text me on WhatsApp +44 7911 123456',
    ['phone +44 7911 123456 -> +447911123456'],
  ],
  [
    'Crypto giveaway: send 0.1 ETH to 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed and get 0.2 back',
    ['wallet 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed -> eth:0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed'],
  ],
  [
    'Netflix: your payment failed. Update your card within 24h at netflix-billing-update.com/account or lose access.',
    ['url netflix-billing-update.com/account -> http://netflix-billing-update.com/account'],
  ],
  [
    'HSBC alert: unusual sign-in. If this was not you, verify at hxxps://hsbc-secure-login[.]net/verify',
    ['url hxxps://hsbc-secure-login[.]net/verify -> https://hsbc-secure-login.net/verify'],
  ],
  [
    'Job offer: earn $300/day liking videos. Contact our HR on Telegram or email hr.team (at) tiktok-jobs (dot) top',
    ['email hr.team (at) tiktok-jobs (dot) top -> hr.team@tiktok-jobs.top'],
  ],
  [
    'Pay the release fee of 1500 USDT to bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4 to unlock your account',
    ['wallet bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4 -> btc:bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4'],
  ],
  [
    'Votre colis est en attente, payez 1,99 € sur https://laposte-suivi.info/xyz',
    ['url https://laposte-suivi.info/xyz -> https://laposte-suivi.info/xyz'],
  ],
  [
    'Ameli: vous avez droit à un remboursement de 148,30 €. Remplissez le formulaire sur ameli-rembourse.fr',
    ['domain ameli-rembourse.fr -> ameli-rembourse.fr'],
  ],
  [
    'Votre compte CPF expire. Appelez le +33 1 23 45 67 89 ou écrivez à cpf-droits (at) gmail (dot) com',
    [
      'phone +33 1 23 45 67 89 -> +33123456789',
      'email cpf-droits (at) gmail (dot) com -> cpf-droits@gmail.com',
    ],
  ],
  [
    "Crit'Air: votre vignette doit être renouvelée. Rendez-vous sur www.certificat-air-gouv.fr avant le 15/06.",
    ['url www.certificat-air-gouv.fr -> http://www.certificat-air-gouv.fr/'],
  ],
  [
    'Chronopost: livraison impossible, choisissez un créneau sur chrono-livraison.fr/r/8812?c=FR, frais 2,99 €.',
    ['url chrono-livraison.fr/r/8812?c=FR -> http://chrono-livraison.fr/r/8812?c=FR'],
  ],
  [
    'Virement urgent: merci de régler la facture sur le compte 0123456789 Vietcombank, ref. 2024-118.',
    ['bank-account 0123456789 -> 970436:0123456789'],
  ],
  // Benign traffic.
  ['Meeting at 10.30, see you!', []],
  ['Your Amazon order #112-3456789-1234567 has shipped and will arrive Thursday.', []],
  ['Hi team, the build 1.2.3 is out. Release notes are on the wiki; ping me if anything breaks.', []],
  ['Your verification code is 483920. It expires in 10 minutes.', []],
  [
    'Bonjour, votre rendez-vous chez le Dr Martin est confirmé pour le 12/06 à 9h15. Merci de venir 10 min avant.',
    [],
  ],
  ['Rendez-vous demain à 14h30 devant la gare. Le train part à 15h05 du quai 3.Bisous', []],
  ['Le total est de 1.250,00 € TTC, payable à 30 jours.', []],
];

for (const [text, expected] of MESSAGES) {
  void test(text.length > 70 ? text.slice(0, 70) + '…' : text, () => {
    assert.deepEqual(found(text), expected);
  });
}

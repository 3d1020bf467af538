/*
 * The Vietnamese banks (and e-wallets) that take NAPAS 247 transfers and VietQR payments.
 *
 * Source: the public VietQR bank list, https://api.vietqr.io/v2/banks (BIN, code, short name, legal
 * name), as copied into public repositories in 2024-2025; every BIN below was checked against at least two
 * such copies. Renames since: 970414 OceanBank -> MBV, 970406 DongA Bank -> Vikki, 970449 LienVietPostBank
 * -> LPBank, 970454 Viet Capital Bank -> BVBank, 970430 PG Bank's legal name, and 970444 CBBank -> VCBNeo and
 * 970408 GPBank's legal name (2025, kept as aliases until the VietQR list shows them). 970499 is the BIN
 * NAPAS lists for Agribank's cards (its VietQR BIN is 970405). MoMo (971025) and PVcomBank Pay (971133)
 * appear only in the newest copies of the list.
 */

/** A bank as Tocsin names it: its NAPAS BIN, its VietQR code, and the names people write for it. */
export type Bank = {
  /** The 6-digit NAPAS acquirer BIN used in VietQR payloads: `970436`. */
  readonly bin: string;
  /** The VietQR code, upper-case, letters and digits only: `VCB`. */
  readonly short: string;
  /** The name people use: `Vietcombank`. */
  readonly name: string;
  /** The legal Vietnamese name: `Ngân hàng TMCP Ngoại thương Việt Nam`. */
  readonly legalName: string;
  /** Other names, old names, tickers and the English name. */
  readonly aliases: readonly string[];
  /** Card BINs other than `bin` (first 6 digits of the bank's NAPAS cards). */
  readonly cardBins: readonly string[];
};

type Row = readonly [
  bin: string,
  short: string,
  name: string,
  legalName: string,
  aliases?: string[],
  cardBins?: string[],
];

// prettier-ignore
const ROWS: readonly Row[] = [
  ['970436', 'VCB', 'Vietcombank', 'Ngân hàng TMCP Ngoại thương Việt Nam', ['Vietcom', 'Vietcom Bank', 'Ngoại thương', 'Bank for Foreign Trade of Vietnam']],
  ['970415', 'ICB', 'VietinBank', 'Ngân hàng TMCP Công thương Việt Nam', ['CTG', 'Vietin', 'Vietin Bank', 'Công thương', 'Vietnam Bank for Industry and Trade']],
  ['970418', 'BIDV', 'BIDV', 'Ngân hàng TMCP Đầu tư và Phát triển Việt Nam', ['Đầu tư và Phát triển', 'Bank for Investment and Development of Vietnam']],
  ['970405', 'VBA', 'Agribank', 'Ngân hàng Nông nghiệp và Phát triển Nông thôn Việt Nam', ['Agri Bank', 'VBARD', 'AGB', 'Nông nghiệp', 'Nông nghiệp và Phát triển Nông thôn'], ['970499']],
  ['970407', 'TCB', 'Techcombank', 'Ngân hàng TMCP Kỹ thương Việt Nam', ['Techcom', 'Techcom Bank', 'Kỹ thương']],
  ['970422', 'MB', 'MBBank', 'Ngân hàng TMCP Quân đội', ['MB Bank', 'MBB', 'Military Bank', 'Quân đội']],
  ['970416', 'ACB', 'ACB', 'Ngân hàng TMCP Á Châu', ['Á Châu', 'Asia Commercial Bank']],
  ['970432', 'VPB', 'VPBank', 'Ngân hàng TMCP Việt Nam Thịnh Vượng', ['VP Bank', 'Việt Nam Thịnh Vượng', 'Vietnam Prosperity Bank']],
  ['970423', 'TPB', 'TPBank', 'Ngân hàng TMCP Tiên Phong', ['TP Bank', 'Tiên Phong']],
  ['970403', 'STB', 'Sacombank', 'Ngân hàng TMCP Sài Gòn Thương Tín', ['Sacom', 'Sacom Bank', 'Sài Gòn Thương Tín']],
  ['970437', 'HDB', 'HDBank', 'Ngân hàng TMCP Phát triển Thành phố Hồ Chí Minh', ['HD Bank', 'Phát triển TP.HCM']],
  ['970441', 'VIB', 'VIB', 'Ngân hàng TMCP Quốc tế Việt Nam', ['VIB Bank', 'Quốc tế', 'Vietnam International Bank']],
  ['970443', 'SHB', 'SHB', 'Ngân hàng TMCP Sài Gòn - Hà Nội', ['Sài Gòn - Hà Nội', 'Saigon Hanoi Bank']],
  ['970431', 'EIB', 'Eximbank', 'Ngân hàng TMCP Xuất Nhập khẩu Việt Nam', ['Exim', 'Exim Bank', 'Xuất Nhập khẩu']],
  ['970426', 'MSB', 'MSB', 'Ngân hàng TMCP Hàng Hải Việt Nam', ['Maritime Bank', 'MSBank', 'Hàng Hải']],
  ['970440', 'SEAB', 'SeABank', 'Ngân hàng TMCP Đông Nam Á', ['Sea Bank', 'Đông Nam Á', 'Southeast Asia Bank']],
  ['970448', 'OCB', 'OCB', 'Ngân hàng TMCP Phương Đông', ['Phương Đông', 'Orient Commercial Bank']],
  ['970449', 'LPB', 'LPBank', 'Ngân hàng TMCP Lộc Phát Việt Nam', ['LP Bank', 'Lộc Phát', 'LienVietPostBank', 'LienViet', 'Bưu điện Liên Việt', 'Ngân hàng TMCP Bưu điện Liên Việt']],
  ['970428', 'NAB', 'NamABank', 'Ngân hàng TMCP Nam Á', ['Nam A Bank', 'Nam Á']],
  ['970419', 'NCB', 'NCB', 'Ngân hàng TMCP Quốc Dân', ['Quốc Dân', 'National Citizen Bank']],
  ['970412', 'PVCB', 'PVcomBank', 'Ngân hàng TMCP Đại Chúng Việt Nam', ['PVcom', 'PVcom Bank', 'Đại Chúng']],
  ['970429', 'SCB', 'SCB', 'Ngân hàng TMCP Sài Gòn', ['Saigon Commercial Bank']],
  ['970430', 'PGB', 'PGBank', 'Ngân hàng TMCP Thịnh vượng và Phát triển', ['PG Bank', 'Petrolimex Bank', 'Ngân hàng TMCP Xăng dầu Petrolimex', 'Xăng dầu Petrolimex']],
  ['970425', 'ABB', 'ABBANK', 'Ngân hàng TMCP An Bình', ['AB Bank', 'An Bình']],
  ['970409', 'BAB', 'BacABank', 'Ngân hàng TMCP Bắc Á', ['Bac A Bank', 'Bắc Á', 'NASB']],
  ['970438', 'BVB', 'BaoVietBank', 'Ngân hàng TMCP Bảo Việt', ['BaoViet Bank', 'Bảo Việt']],
  ['970406', 'VIKKI', 'Vikki', 'Ngân hàng TNHH MTV Số Vikki', ['Vikki Bank', 'DongA Bank', 'Dong A Bank', 'Đông Á', 'DOB', 'DAB', 'Ngân hàng TMCP Đông Á']],
  ['970452', 'KLB', 'KienLongBank', 'Ngân hàng TMCP Kiên Long', ['Kienlong Bank', 'Kiên Long']],
  ['970414', 'MBV', 'MBV', 'Ngân hàng TNHH MTV Việt Nam Hiện Đại', ['Oceanbank', 'Ocean Bank', 'OJB', 'Đại Dương', 'Ngân hàng Thương mại TNHH MTV Đại Dương']],
  ['970400', 'SGICB', 'SaigonBank', 'Ngân hàng TMCP Sài Gòn Công Thương', ['Saigon Bank', 'SGB', 'Sài Gòn Công Thương']],
  ['970427', 'VAB', 'VietABank', 'Ngân hàng TMCP Việt Á', ['Viet A Bank', 'Việt Á']],
  ['970454', 'VCCB', 'BVBank', 'Ngân hàng TMCP Bản Việt', ['BV Bank', 'VietCapitalBank', 'Viet Capital Bank', 'Bản Việt']],
  ['970433', 'VIETBANK', 'VietBank', 'Ngân hàng TMCP Việt Nam Thương Tín', ['Việt Nam Thương Tín']],
  ['970408', 'GPB', 'GPBank', 'Ngân hàng Thương mại TNHH MTV Dầu Khí Toàn Cầu', ['GP Bank', 'Dầu Khí Toàn Cầu', 'Ngân hàng Thương mại TNHH MTV Kỷ Nguyên Thịnh Vượng']],
  ['970444', 'CBB', 'CBBank', 'Ngân hàng Thương mại TNHH MTV Xây dựng Việt Nam', ['CB Bank', 'VCBNeo', 'VCB Neo', 'Ngân hàng TNHH MTV Ngoại thương Công nghệ số']],
  ['546034', 'CAKE', 'CAKE', 'TMCP Việt Nam Thịnh Vượng - Ngân hàng số CAKE by VPBank', ['CAKE by VPBank']],
  ['546035', 'UBANK', 'Ubank', 'TMCP Việt Nam Thịnh Vượng - Ngân hàng số Ubank by VPBank', ['Ubank by VPBank']],
  ['963388', 'TIMO', 'Timo', 'Ngân hàng số Timo by Ban Viet Bank', ['Timo Bank', 'Timo by BVBank']],
  ['971005', 'VTLMONEY', 'ViettelMoney', 'Tổng Công ty Dịch vụ số Viettel - Chi nhánh tập đoàn công nghiệp viễn thông Quân Đội', ['Viettel Money', 'ViettelPay', 'Viettel Pay']],
  ['971011', 'VNPTMONEY', 'VNPTMoney', 'VNPT Money', ['VNPT Pay']],
  ['971025', 'MOMO', 'MoMo', 'CTCP Dịch Vụ Di Động Trực Tuyến', ['Ví MoMo', 'M_Service']],
  ['971133', 'PVDB', 'PVcomBank Pay', 'Ngân hàng TMCP Đại Chúng Việt Nam Ngân hàng số', []],
  ['970424', 'SHBVN', 'ShinhanBank', 'Ngân hàng TNHH MTV Shinhan Việt Nam', ['Shinhan', 'Shinhan Bank']],
  ['458761', 'HSBC', 'HSBC', 'Ngân hàng TNHH MTV HSBC (Việt Nam)', ['HSBC Vietnam', 'HSBC Việt Nam']],
  ['970410', 'SCVN', 'StandardChartered', 'Ngân hàng TNHH MTV Standard Chartered Bank Việt Nam', ['Standard Chartered', 'Standard Chartered Bank']],
  ['970457', 'WVN', 'Woori', 'Ngân hàng TNHH MTV Woori Việt Nam', ['Woori Bank']],
  ['422589', 'CIMB', 'CIMB', 'Ngân hàng TNHH MTV CIMB Việt Nam', ['CIMB Bank']],
  ['970442', 'HLBVN', 'HongLeong', 'Ngân hàng TNHH MTV Hong Leong Việt Nam', ['Hong Leong', 'Hong Leong Bank']],
  ['970439', 'PBVN', 'PublicBank', 'Ngân hàng TNHH MTV Public Việt Nam', ['Public Bank']],
  ['970434', 'IVB', 'IndovinaBank', 'Ngân hàng TNHH Indovina', ['Indovina', 'Indovina Bank']],
  ['533948', 'CITIBANK', 'Citibank', 'Ngân hàng Citibank, N.A. - Chi nhánh Hà Nội', ['Citi']],
  ['796500', 'DBS', 'DBSBank', 'DBS Bank Ltd - Chi nhánh Thành phố Hồ Chí Minh', ['DBS Bank']],
  ['970458', 'UOB', 'UnitedOverseas', 'Ngân hàng United Overseas - Chi nhánh TP. Hồ Chí Minh', ['United Overseas Bank', 'UOB Vietnam']],
  ['970455', 'IBKHN', 'IBKHN', 'Ngân hàng Công nghiệp Hàn Quốc - Chi nhánh Hà Nội', ['IBK Hà Nội']],
  ['970456', 'IBKHCM', 'IBKHCM', 'Ngân hàng Công nghiệp Hàn Quốc - Chi nhánh TP. Hồ Chí Minh', ['IBK Hồ Chí Minh']],
  ['970466', 'KEBHANAHCM', 'KEBHanaHCM', 'Ngân hàng KEB Hana – Chi nhánh Thành phố Hồ Chí Minh', ['KEB Hana Hồ Chí Minh']],
  ['970467', 'KEBHANAHN', 'KEBHanaHN', 'Ngân hàng KEB Hana – Chi nhánh Hà Nội', ['KEB Hana Hà Nội']],
  ['970462', 'KBHN', 'KookminHN', 'Ngân hàng Kookmin - Chi nhánh Hà Nội', ['Kookmin Hà Nội']],
  ['970463', 'KBHCM', 'KookminHCM', 'Ngân hàng Kookmin - Chi nhánh Thành phố Hồ Chí Minh', ['Kookmin Hồ Chí Minh']],
  ['801011', 'NHBHN', 'Nonghyup', 'Ngân hàng Nonghyup - Chi nhánh Hà Nội', ['Nonghyup Bank']],
  ['668888', 'KBANK', 'KBank', 'Ngân hàng Đại chúng TNHH Kasikornbank', ['Kasikornbank', 'Kasikorn']],
  ['970421', 'VRB', 'VRB', 'Ngân hàng Liên doanh Việt - Nga', ['Việt Nga', 'Vietnam-Russia Bank']],
  ['970446', 'COOPBANK', 'Co-opBank', 'Ngân hàng Hợp tác xã Việt Nam', ['Hợp tác xã']],
  ['999888', 'VBSP', 'VBSP', 'Ngân hàng Chính sách Xã hội', ['Chính sách Xã hội']],
  ['977777', 'MAFC', 'MAFC', 'Công ty Tài chính TNHH MTV Mirae Asset (Việt Nam)', ['Mirae Asset']],
];

/** Every bank Tocsin knows, in the order of the table above. */
export const BANKS: readonly Bank[] = ROWS.map(([bin, short, name, legalName, aliases = [], cardBins = []]) =>
  Object.freeze({
    bin,
    short,
    name,
    legalName,
    aliases: Object.freeze(aliases),
    cardBins: Object.freeze(cardBins),
  }),
);

/**
 * Folds a name for lookup: lower case, Vietnamese diacritics removed (đ -> d), everything but letters and
 * digits dropped, so `Ngân hàng Á Châu`, `ngan hang a chau` and `NGANHANG-ACHAU` meet.
 */
export function foldBankName(text: string): string {
  let ascii = true;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > 0x7f) {
      ascii = false;
      break;
    }
  }
  const base = ascii ? text : text.normalize('NFD');
  let out = '';
  for (let i = 0; i < base.length; i++) {
    let c = base.charCodeAt(i);
    if (c >= 65 && c <= 90) c += 32;
    else if (c === 0x111 || c === 0x110) c = 100; // đ Đ
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) out += String.fromCharCode(c);
  }
  return out;
}

const byBin = new Map<string, Bank>();
const byName = new Map<string, Bank>();
for (const bank of BANKS) {
  byBin.set(bank.bin, bank);
  for (const cardBin of bank.cardBins) byBin.set(cardBin, bank);
  for (const key of [bank.bin, bank.short, bank.name, bank.legalName, ...bank.aliases]) {
    const folded = foldBankName(key);
    // The first bank to claim a name keeps it; banks.test.ts checks that no two banks claim one.
    if (folded !== '' && !byName.has(folded)) byName.set(folded, bank);
  }
}

// Words people put around a bank's name: "Ngân hàng TMCP …", "NH …", "… Việt Nam".
const PREFIXES = ['nganhang', 'nh', 'thuongmaicophan', 'tmcp', 'tnhhmtv', 'tnhh'];
const SUFFIXES = ['vietnam', 'vn'];

/** The bank with this 6-digit BIN (VietQR BIN or card BIN), if Tocsin knows it. */
export function bankByBin(bin: string): Bank | undefined {
  return byBin.get(bin);
}

/** Finds a bank by BIN, code, name, legal name or alias; case, diacritics, spaces and punctuation do not matter. */
export function findBank(nameOrBin: string): Bank | undefined {
  const exact = byBin.get(nameOrBin);
  if (exact !== undefined) return exact;
  let key = foldBankName(nameOrBin);
  if (key === '') return undefined;
  const found = byName.get(key);
  if (found !== undefined) return found;
  // Strip the generic words one by one, checking after each, so "NH TMCP Á Châu" still finds ACB.
  let stripped = true;
  while (stripped) {
    stripped = false;
    for (const prefix of PREFIXES) {
      if (key.length > prefix.length && key.startsWith(prefix)) {
        key = key.slice(prefix.length);
        stripped = true;
        const bank = byName.get(key);
        if (bank !== undefined) return bank;
      }
    }
  }
  for (const suffix of SUFFIXES) {
    if (key.length > suffix.length && key.endsWith(suffix)) {
      const bank = byName.get(key.slice(0, -suffix.length));
      if (bank !== undefined) return bank;
    }
  }
  return undefined;
}

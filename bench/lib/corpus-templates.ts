/**
 * Message templates for the scanner benchmark's corpus (bench/lib/corpus.ts): SMS and chat messages as the
 * national CERT sees them, ordinary traffic and scams, in Vietnamese (written with diacritics; the corpus also
 * uses them with the diacritics stripped, as most SMS are typed), English and French.
 *
 * Slots, filled per message:
 *   {PHONE}  a mobile number in a local spelling        {LINK}   a link: domain or URL, some defanged
 *   {ACCT}   an account number next to its bank's name  {EMAIL}  an e-mail address
 *   {AMOUNT} a sum of money                              {OTP}    a 6-digit code
 *   {NAME}   a first name                                {TIME}   10:30, {DATE} 23/11
 *   {CODE}   an order or parcel code                     {SITE}   a well-known legitimate link
 *   {HOTLINE} a brand's hotline (1900 xxxx)
 * In ordinary messages the values are mostly unlisted; in scams about half are listed (see corpus.ts).
 */

export type Language = 'vi' | 'en' | 'fr';

export interface Templates {
  readonly ordinary: readonly string[];
  readonly scam: readonly string[];
}

// prettier-ignore
const VI: Templates = {
  ordinary: [
    'Mẹ ơi chiều nay con về muộn, mẹ đừng nấu cơm phần con nhé.',
    'Anh ơi {TIME} họp ở phòng 302 nhé, nhớ mang laptop.',
    'Hẹn gặp lúc {TIME} ở quán cà phê cũ nhé, nhớ mang áo mưa!',
    'Em gửi anh số chị Lan nè: {PHONE}',
    'Số mới của {NAME} đây, lưu lại nhé {PHONE}',
    'Mã xác thực (OTP) của Quý khách là {OTP}. Tuyệt đối KHÔNG cung cấp mã này cho bất kỳ ai.',
    '[VCB] Mã OTP của bạn là {OTP}, hiệu lực trong 3 phút. Vietcombank không bao giờ yêu cầu cung cấp OTP.',
    'TK 0{OTP}1234 +{AMOUNT} lúc {TIME} {DATE}. SD: 12.345.678VND. ND: {NAME} chuyen tien an trua',
    'Đơn hàng {CODE} của bạn đã được giao thành công. Cảm ơn bạn đã mua sắm tại Shopee!',
    'Đơn hàng {CODE} đang được giao, shipper sẽ gọi cho bạn trong hôm nay. Theo dõi tại {SITE}',
    'Viettel: Ưu đãi 50% giá trị thẻ nạp ngày {DATE}. Chi tiết gọi {HOTLINE} (miễn phí).',
    'Chúc mừng sinh nhật {NAME}! Chúc em tuổi mới thật nhiều sức khỏe và niềm vui.',
    'Tối nay cả nhà ăn lẩu ở nhà bà nội, {TIME} có mặt nhé.',
    'Con đã chuyển {AMOUNT} tiền học phí cho cô rồi ạ, cô kiểm tra giúp con.',
    'Bạn ơi cho mình xin lại link tài liệu hôm qua nhé: {SITE}',
    'Lịch khám của bạn tại Bệnh viện Bạch Mai: {DATE} lúc {TIME}. Vui lòng đến trước 15 phút.',
    'EVN HANOI thông báo tạm ngừng cấp điện ngày {DATE} từ 8h đến 16h để bảo dưỡng lưới điện. Xin lỗi quý khách.',
    'Anh chuyển tiền nhà tháng này vào STK {ACCT} giúp em nhé, cảm ơn anh.',
    'Gửi {NAME}, lớp mình họp lớp vào {DATE}, ai đi thì báo mình qua số {PHONE}.',
    'Mình đang trên đường tới, tắc đường quá, chắc muộn 15 phút.',
    'Ok em, mai {TIME} anh qua đón nhé.',
    'Tin tức hôm nay: {SITE}',
    'Cảm ơn quý khách đã sử dụng dịch vụ. Mọi thắc mắc xin liên hệ tổng đài {HOTLINE}.',
    'Hôm nay trời mưa to, các con đi học nhớ mang áo mưa nhé.',
  ],
  scam: [
    '[VCB] Tài khoản của quý khách bị tạm khóa. Vui lòng truy cập {LINK} để xác thực và mở khóa.',
    'Vietcombank thông báo: tài khoản của quý khách sẽ bị khóa sau 24h do chưa cập nhật sinh trắc học. Cập nhật ngay tại {LINK}',
    'Chúc mừng bạn trúng thưởng {AMOUNT} từ chương trình tri ân khách hàng. Liên hệ {PHONE} hoặc truy cập {LINK} để nhận quà.',
    'Chúc mừng bạn trúng thưởng xe SH. Để nhận giải vui lòng chuyển phí {AMOUNT} vào STK {ACCT}.',
    'Cơ quan công an thông báo: bạn liên quan đến vụ án rửa tiền, yêu cầu chuyển toàn bộ tiền vào tài khoản tạm giữ {ACCT} để xác minh.',
    'Công an quận thông báo bạn có lệnh bắt giam, liên hệ điều tra viên {PHONE} ngay, không được tiết lộ cho người thân.',
    'Cục CSGT thông báo phương tiện của bạn vi phạm giao thông. Tra cứu và nộp phạt tại: {LINK}',
    'Tổng cục Thuế: hồ sơ của anh/chị cần bổ sung, vui lòng tải ứng dụng tại {LINK} hoặc gọi {PHONE}.',
    'EVN thông báo: quý khách nợ tiền điện {AMOUNT}, sẽ bị cắt điện trong hôm nay. Thanh toán qua STK {ACCT} hoặc LH {PHONE}',
    'Tuyển CTV làm việc online tại nhà, thu nhập 300-500k/ngày, chỉ cần like video. Ib Zalo {PHONE}',
    'Việc nhẹ lương cao: làm nhiệm vụ đặt đơn hàng nhận hoa hồng 20%. Đăng ký tại {LINK}',
    'Vay tiền nhanh không thẩm định, không thế chấp, giải ngân 30 phút. Liên hệ {PHONE} hoặc {LINK}',
    'Hỗ trợ vay vốn 50 triệu chỉ cần CCCD, phí hồ sơ {AMOUNT} chuyển vào STK {ACCT}.',
    'Đầu tư tiền ảo lợi nhuận 30%/tháng, cam kết không lỗ. Tham gia nhóm tại {LINK} hoặc gọi {PHONE}',
    'Mẹ ơi con bị tai nạn đang cấp cứu, mẹ chuyển gấp {AMOUNT} vào STK {ACCT} cho bác sĩ.',
    'Ngân hàng thông báo: có người đang đăng nhập tài khoản của bạn. Nếu không phải bạn, đọc mã OTP cho nhân viên qua số {PHONE}.',
    'Quý khách được tặng {AMOUNT} điểm thưởng sắp hết hạn. Quy đổi tại {LINK} trước 23h59 hôm nay.',
    'Đơn hàng {CODE} bị giữ tại kho do sai địa chỉ. Cập nhật tại {LINK} hoặc gọi {PHONE}',
    'Bạn đã được hoàn tiền {AMOUNT} cho đơn hàng {CODE}. Nhận tiền tại {LINK}, nhập mã OTP để xác nhận.',
    'Tài khoản Zalo của bạn vi phạm tiêu chuẩn cộng đồng và sẽ bị khóa. Bấm vào {LINK} để khôi phục tài khoản.',
    'Em là nhân viên ngân hàng, chị cho em xin mã OTP vừa gửi về máy để hoàn tất hồ sơ nhé. Hoặc gửi qua email {EMAIL}',
    'Bảo hiểm xã hội thông báo bạn được nhận trợ cấp {AMOUNT}. Khai báo tại {LINK}',
    'Giftcode Liên Quân miễn phí, nạp thẻ nhận x10 kim cương tại {LINK}',
    'Anh ơi em kẹt tiền quá, anh chuyển giúp em {AMOUNT} vào {ACCT}, tối em trả nhé.',
  ],
};

// prettier-ignore
const EN: Templates = {
  ordinary: [
    'Running 10 minutes late, order me a coffee please.',
    'Meeting moved to {TIME} tomorrow, room 4B.',
    'Your verification code is {OTP}. Do not share it with anyone.',
    'Your order {CODE} has shipped. Track it at {SITE}',
    'Happy birthday {NAME}! Have a great day.',
    'Can you send me the slides from today? Here is the doc: {SITE}',
    'This is {NAME}, my new number is {PHONE}',
    'Dinner at 7 at the usual place? Let me know.',
    'Your appointment with Dr. Nguyen is on {DATE} at {TIME}. Reply C to confirm.',
    'Thanks for the transfer, got the {AMOUNT} for the tickets.',
    'Reminder: the office is closed on {DATE} for the holiday.',
    'Customer service is available 24/7 on {HOTLINE}.',
  ],
  scam: [
    'Your bank account has been locked due to suspicious activity. Verify your identity at {LINK} to restore access.',
    'Congratulations! You won {AMOUNT}. Claim your prize at {LINK} or call {PHONE}',
    'USPS: Your package {CODE} could not be delivered due to an incomplete address. Update here: {LINK}',
    'Hi mum, I lost my phone. This is my new number, text me on WhatsApp {PHONE}',
    'Police notice: you are under investigation for money laundering. Transfer your funds to the safe account {ACCT} immediately.',
    'Netflix: your payment failed. Update your card within 24h at {LINK} or lose access.',
    'Job offer: earn $300/day liking videos. Contact our HR on Telegram {PHONE} or email {EMAIL}',
    'Your tax refund of {AMOUNT} is pending. Submit your details at {LINK}',
    'Guaranteed 40% monthly profit trading crypto, no risk. Join our VIP group: {LINK}',
    'Quick loan approved without credit check! Pay the processing fee of {AMOUNT} to account {ACCT} to receive the money.',
    'Your account will be suspended. Click here to unlock it: {LINK}',
    'Someone requested your OTP. If this was not you, call our security team on {PHONE} and read us the code.',
  ],
};

// prettier-ignore
const FR: Templates = {
  ordinary: [
    'Je serai en retard de dix minutes, commence sans moi.',
    'Réunion déplacée à {TIME} demain, salle 3.',
    'Votre code de vérification est {OTP}. Ne le communiquez à personne.',
    'Votre colis {CODE} a été livré. Merci pour votre commande.',
    'Joyeux anniversaire {NAME} ! Passe une excellente journée.',
    'Voici mon nouveau numéro : {PHONE}',
    'On dîne à 20h chez moi ? Dis-moi si tu viens.',
    'Votre rendez-vous est confirmé le {DATE} à {TIME}.',
    'Le lien de la réunion : {SITE}',
    'Service client joignable au {HOTLINE} du lundi au vendredi.',
  ],
  scam: [
    'Votre colis est en attente, payez 1,99 € sur {LINK}',
    'Ameli : vous avez droit à un remboursement de {AMOUNT}. Remplissez le formulaire sur {LINK}',
    'Votre compte bancaire est bloqué. Vérifiez votre identité sur {LINK} pour le débloquer.',
    'Félicitations, vous avez gagné un iPhone 15 ! Réclamez votre cadeau sur {LINK} ou appelez le {PHONE}',
    'Votre compte CPF expire. Appelez le {PHONE} ou écrivez à {EMAIL}',
    'Police : une procédure est ouverte contre vous. Virez {AMOUNT} sur le compte sécurisé {ACCT}.',
    'Crit\'Air : votre vignette expire, renouvelez-la sur {LINK}',
    'Prêt rapide sans justificatif, frais de dossier de {AMOUNT} à régler sur le compte {ACCT}.',
    'Investissement garanti, 30 % de rendement par mois. Contactez notre conseiller au {PHONE}',
    'Bonjour maman, j\'ai changé de numéro, écris-moi sur WhatsApp au {PHONE}',
  ],
};

export const TEMPLATES: Readonly<Record<Language, Templates>> = { vi: VI, en: EN, fr: FR };

/** Vietnamese as most SMS are typed: diacritics dropped, đ → d. */
export function stripDiacritics(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC');
}

// prettier-ignore
export const FIRST_NAMES = [
  'Lan', 'Hùng', 'Minh', 'Thảo', 'Tuấn', 'Hương', 'Nam', 'Linh', 'Dũng', 'Mai', 'Hoa', 'Quang',
  'Anna', 'Tom', 'Julie', 'Marc', 'Sophie', 'David',
];

// Well-known legitimate links: news, shops, banks, public services, short links.
// prettier-ignore
export const LEGIT_LINKS = [
  'https://vnexpress.net/thoi-su', 'https://dantri.com.vn/xa-hoi.htm', 'https://shopee.vn/', 'https://tiki.vn/',
  'https://www.lazada.vn/', 'https://www.facebook.com/groups/123456789', 'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
  'https://dichvucong.gov.vn', 'https://vietcombank.com.vn', 'https://docs.google.com/document/d/1aBcD/edit',
  'https://drive.google.com/file/d/1XyZ/view', 'https://zoom.us/j/123456789', 'bit.ly/3GhtK9x',
  'https://ghn.vn/blogs/trang-thai-don-hang', 'https://www.bbc.com/news', 'https://www.lemonde.fr/',
  'https://meet.google.com/abc-defg-hij', 'tuoitre.vn',
];

// prettier-ignore
export const HOTLINES = ['1900 545 413', '1800 1091', '1900 6688', '1800 8098', '18001090', '1900 558 868'];

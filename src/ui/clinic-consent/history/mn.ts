// The consent history's texts in Mongolian, fetched only when a patient reading it opens the history.
import type { HistoryTexts } from '../history.js';

const mn: HistoryTexts = {
  historyEmpty: 'Энэ хөтөчид бүртгэгдсэн сонголт одоогоор алга.',
  historyDownload: 'Түүхээ татах (JSON)',
  historyPolicy: 'нууцлалын бодлогын хувилбар {version}',
  historyAllowed: 'зөвшөөрсөн: {list}',
  historyNecessaryOnly: 'зөвхөн зайлшгүй күүки',
  historyAcceptAll: 'Бүгдийг зөвшөөрсөн',
  historyRejectAll: 'Бүгдээс татгалзсан',
  historyPreferences: 'Сонголтоо хадгалсан',
  historyWithdraw: 'Зөвшөөрлөө цуцалсан',
  historyGpc: 'Хөтчийн нууцлалын дохиогоор (GPC) татгалзсан',
  historyAcknowledged: 'эмнэлэг хүлээн авсан',
  historyPending: 'илгээхийг хүлээж байна',
  historyLocal: 'зөвхөн энэ хөтөчид хадгалагдсан',
  historyRejected: 'эмнэлгийн сервер хүлээн аваагүй',
  historyTampered: 'Анхааруулга: энэ хөтөчид хадгалсан бүртгэл үүссэнийхээ дараа өөрчлөгдсөн байна.',
};

export default mn;

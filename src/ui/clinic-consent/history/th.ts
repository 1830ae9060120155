// The consent history's texts in Thai, fetched only when a patient reading it opens the history.
import type { HistoryTexts } from '../history.js';

const th: HistoryTexts = {
  historyEmpty: 'ยังไม่มีการเลือกที่บันทึกไว้ในเบราว์เซอร์นี้',
  historyDownload: 'ดาวน์โหลดประวัติของฉัน (JSON)',
  historyPolicy: 'นโยบายความเป็นส่วนตัว ฉบับ {version}',
  historyAllowed: 'อนุญาต: {list}',
  historyNecessaryOnly: 'เฉพาะคุกกี้ที่จำเป็น',
  historyAcceptAll: 'ยอมรับทั้งหมด',
  historyRejectAll: 'ปฏิเสธทั้งหมด',
  historyPreferences: 'บันทึกตัวเลือกแล้ว',
  historyWithdraw: 'ถอนความยินยอมแล้ว',
  historyGpc: 'ปฏิเสธตามสัญญาณความเป็นส่วนตัวของเบราว์เซอร์ (GPC)',
  historyAcknowledged: 'คลินิกได้รับแล้ว',
  historyPending: 'รอส่ง',
  historyLocal: 'เก็บไว้ในเบราว์เซอร์นี้เท่านั้น',
  historyRejected: 'เซิร์ฟเวอร์ของคลินิกไม่รับ',
  historyTampered: 'โปรดทราบ: บันทึกที่เก็บในเบราว์เซอร์นี้ถูกแก้ไขหลังจากที่สร้างขึ้น',
};

export default th;

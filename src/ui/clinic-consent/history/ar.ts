// The consent history's texts in Arabic, fetched only when a patient reading it opens the history.
import type { HistoryTexts } from '../history.js';

const ar: HistoryTexts = {
  historyEmpty: 'لا توجد اختيارات مسجلة في هذا المتصفح بعد.',
  historyDownload: 'تنزيل سجلي (JSON)',
  historyPolicy: 'إصدار سياسة الخصوصية {version}',
  historyAllowed: 'المسموح: {list}',
  historyNecessaryOnly: 'الملفات الضرورية فقط',
  historyAcceptAll: 'قبول الكل',
  historyRejectAll: 'رفض الكل',
  historyPreferences: 'حفظ اختياراتي',
  historyWithdraw: 'سحب الموافقة',
  historyGpc: 'رُفضت بإشارة الخصوصية من المتصفح (GPC)',
  historyAcknowledged: 'وصلت إلى العيادة',
  historyPending: 'في انتظار الإرسال',
  historyLocal: 'محفوظة في هذا المتصفح فقط',
  historyRejected: 'لم يقبلها خادم العيادة',
  historyTampered: 'تنبيه: تغيّرت السجلات المحفوظة في هذا المتصفح بعد إنشائها.',
};

export default ar;

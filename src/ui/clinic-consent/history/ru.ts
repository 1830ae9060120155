// The consent history's texts in Russian, fetched only when a patient reading it opens the history.
import type { HistoryTexts } from '../history.js';

const ru: HistoryTexts = {
  historyEmpty: 'В этом браузере ещё нет записанных решений.',
  historyDownload: 'Скачать мою историю (JSON)',
  historyPolicy: 'версия политики конфиденциальности {version}',
  historyAllowed: 'разрешено: {list}',
  historyNecessaryOnly: 'только необходимые cookie',
  historyAcceptAll: 'Приняты все',
  historyRejectAll: 'Отклонены все',
  historyPreferences: 'Выбор сохранён',
  historyWithdraw: 'Согласие отозвано',
  historyGpc: 'Отказ по сигналу конфиденциальности браузера (GPC)',
  historyAcknowledged: 'получено клиникой',
  historyPending: 'ожидает отправки',
  historyLocal: 'хранится только в этом браузере',
  historyRejected: 'не принято сервером клиники',
  historyTampered: 'Внимание: записи в этом браузере были изменены после создания.',
};

export default ru;

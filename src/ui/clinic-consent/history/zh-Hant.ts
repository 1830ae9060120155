// The consent history's texts in Traditional Chinese, fetched only when a patient reading it opens the history.
import type { HistoryTexts } from '../history.js';

const zhHant: HistoryTexts = {
  historyEmpty: '此瀏覽器中尚無選擇紀錄。',
  historyDownload: '下載我的紀錄（JSON）',
  historyPolicy: '隱私權政策版本 {version}',
  historyAllowed: '已允許：{list}',
  historyNecessaryOnly: '僅限必要 Cookie',
  historyAcceptAll: '全部接受',
  historyRejectAll: '全部拒絕',
  historyPreferences: '儲存了我的選擇',
  historyWithdraw: '撤回了同意',
  historyGpc: '因瀏覽器的隱私訊號（GPC）而拒絕',
  historyAcknowledged: '診所已收到',
  historyPending: '等待傳送',
  historyLocal: '僅儲存在此瀏覽器中',
  historyRejected: '診所伺服器未接受',
  historyTampered: '注意：此瀏覽器中儲存的紀錄在建立後遭到變更。',
};

export default zhHant;

// The consent history's texts in Simplified Chinese, fetched only when a patient reading it opens the history.
import type { HistoryTexts } from '../history.js';

const zhHans: HistoryTexts = {
  historyEmpty: '此浏览器中尚无选择记录。',
  historyDownload: '下载我的记录（JSON）',
  historyPolicy: '隐私政策版本 {version}',
  historyAllowed: '已允许：{list}',
  historyNecessaryOnly: '仅必要 Cookie',
  historyAcceptAll: '全部同意',
  historyRejectAll: '全部拒绝',
  historyPreferences: '保存了我的选择',
  historyWithdraw: '撤回了同意',
  historyGpc: '因浏览器的隐私信号（GPC）而拒绝',
  historyAcknowledged: '诊所已收到',
  historyPending: '等待发送',
  historyLocal: '仅保存在此浏览器中',
  historyRejected: '诊所服务器未接收',
  historyTampered: '注意：此浏览器中保存的记录在生成后被更改过。',
};

export default zhHans;

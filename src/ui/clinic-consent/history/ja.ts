// The consent history's texts in Japanese, fetched only when a patient reading it opens the history.
import type { HistoryTexts } from '../history.js';

const ja: HistoryTexts = {
  historyEmpty: 'このブラウザーに記録された選択はまだありません。',
  historyDownload: '履歴をダウンロード（JSON）',
  historyPolicy: 'プライバシーポリシー バージョン {version}',
  historyAllowed: '許可: {list}',
  historyNecessaryOnly: '必須Cookieのみ',
  historyAcceptAll: 'すべて同意しました',
  historyRejectAll: 'すべて拒否しました',
  historyPreferences: '選択を保存しました',
  historyWithdraw: '同意を撤回しました',
  historyGpc: 'ブラウザーのプライバシー信号（GPC）により拒否しました',
  historyAcknowledged: 'クリニックに届いています',
  historyPending: '送信を待っています',
  historyLocal: 'このブラウザーにのみ保存されています',
  historyRejected: 'クリニックのサーバーが受け付けませんでした',
  historyTampered: 'ご注意ください。このブラウザーに保存された記録が、作成後に変更されています。',
};

export default ja;

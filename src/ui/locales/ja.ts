// 日本語テキスト: クリニックのサイトにふさわしい丁寧な「です・ます」調。外部送信規律の説明にも使います。
import type { Texts } from '../texts.js';

const ja: Texts = {
  bannerTitle: 'Cookieの使用について',
  bannerBody:
    '当院のウェブサイトでは、サイトの動作に必要なCookieを使用しています。ご同意いただいた場合は、ご来訪の頻度や時間帯、関心をお持ちの内容を把握するための分析用Cookieと、イベントページへの訪問回数をもとに関心に合った情報をお届けするためのマーケティング用Cookieも使用します。',
  bannerRefuse: '任意のCookieは拒否できます。拒否された場合、お客様に合わせたイベントのご案内など、一部のサービスをご利用いただけないことがあります。',
  policyChanged: 'プライバシーポリシーを改定しました。変更内容をご確認のうえ、Cookieの設定をあらためてお選びください。',
  itemsChanged: '次の項目の利用内容を変更しました：{items}。あらためてお選びください。',
  expired: '以前に選択されたCookie設定の有効期限が切れました。あらためてお選びください。',
  policyLink: 'プライバシーポリシーを見る',
  acceptAll: 'すべて同意する',
  rejectAll: 'すべて拒否する',
  choose: '個別に選ぶ',
  save: '選択内容を保存する',
  doneAccepted: 'すべてのCookieに同意いただきました。設定は「Cookie設定」からいつでも変更できます。',
  doneRejected: '任意のCookieを拒否されました。設定は「Cookie設定」からいつでも変更できます。',
  doneWithdrawn: '同意を撤回されました。任意のCookieを削除し、関連するサービスを停止しました。',
  doneSaved: 'Cookieの設定を保存しました。いつでも変更できます。',
  reloadHint: 'このページで動いていたサービスはすぐに停止しました。',
  reload: '再読み込み',
  hide: 'このメッセージを閉じる',
  prefsTitle: 'Cookie設定',
  prefsIntro:
    '使用を許可するCookieをお選びください。必須Cookieはサイトの動作に欠かせないため、常に有効です。選択内容の変更や同意の撤回は、いつでも行えます。',
  close: '閉じる',
  alwaysOn: '常に有効',
  services: '利用サービス（{n}件）',
  recipient: '送信先',
  country: '国・地域',
  purpose: '利用目的',
  dataSent: '送信される情報',
  cookies: 'Cookie',
  retention: '保存期間',
  recordTitle: '現在の同意内容',
  consentId: '同意ID',
  decidedAt: '選択日時',
  noRecord: 'まだ選択されていません。',
  withdraw: '同意を撤回する',
  necessaryLabel: '必須Cookie',
  necessaryPurpose: 'サイトを正しく動作させ、Cookieの選択内容を記憶するために使用します。無効にすることはできません。',
  analyticsLabel: '分析用Cookie',
  analyticsPurpose: 'ご来訪の頻度や時間帯、関心をお持ちのページや分野を分析し、サイトとサービスの改善に役立てます。',
  marketingLabel: 'マーケティング用Cookie',
  marketingPurpose: 'イベントページへの訪問回数を把握し、関心に合った情報をご案内するために使用します。',
  gpcNote:
    'お使いのブラウザからGPC（グローバル・プライバシー・コントロール）の信号が送信されているため、マーケティング用Cookieは無効にしています。ご希望の場合は、ここで有効にできます。',
  tableCaption: '当サイトで使用するCookieおよび外部送信サービス',
  service: 'サービス',
  category: '区分',
};

export default ja;

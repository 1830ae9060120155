/**
 * What each headline number means, written under it in plain words (issue 15: a marketer must be able to trust and
 * explain them). Counts are consent ids, by each one's latest decision; a consent id is one browser, not a patient.
 */
export interface NumberTexts {
  readonly withdrawn: string;
  readonly consentRateDef: string;
  readonly acceptAllDef: string;
  readonly rejectAllDef: string;
  readonly customDef: string;
  readonly withdrawnDef: string;
  readonly noChoiceDef: string;
  readonly noData: string;
  readonly consentIds: string;
  readonly views: string;
  /** `{zone}`: the site's IANA time zone. */
  readonly daysIn: string;
  /** Label of the one-row CSV table of the period's totals. */
  readonly summary: string;
}

const en: NumberTexts = {
  withdrawn: 'Withdrawn',
  consentRateDef: 'Of the consent ids whose latest decision falls in this period, the share that allows at least one optional category now. A consent id is one browser: one patient on two devices is two.',
  acceptAllDef: 'Consent ids whose latest decision was Accept all.',
  rejectAllDef: 'Consent ids whose latest decision was Reject all, or a refusal sent by the browser (GPC).',
  customDef: 'Consent ids whose latest decision was their own choice in the preference center.',
  withdrawnDef: 'Consent ids that agreed earlier and have withdrawn since: counted here, never as consent.',
  noChoiceDef: 'Banner views that ended without any decision.',
  noData: 'no data',
  consentIds: 'consent ids',
  views: 'banner views',
  daysIn: 'Days start at midnight in {zone}.',
  summary: 'Summary',
};

const ko: NumberTexts = {
  withdrawn: '철회',
  consentRateDef: '이 기간에 마지막 결정을 내린 동의 ID 중, 지금 선택 항목을 하나 이상 허용하고 있는 비율입니다. 동의 ID는 브라우저 하나이므로 한 환자가 기기 두 대를 쓰면 두 개로 셉니다.',
  acceptAllDef: '마지막 결정이 "모두 동의"인 동의 ID입니다.',
  rejectAllDef: '마지막 결정이 "모두 거부"이거나 브라우저의 거부 신호(GPC)인 동의 ID입니다.',
  customDef: '마지막 결정이 쿠키 설정에서 직접 고른 선택인 동의 ID입니다.',
  withdrawnDef: '전에 동의했다가 그 뒤 철회한 동의 ID입니다. 여기에만 세고 동의로는 세지 않습니다.',
  noChoiceDef: '아무 결정 없이 끝난 배너 노출입니다.',
  noData: '데이터 없음',
  consentIds: '동의 ID',
  views: '배너 노출',
  daysIn: '하루는 {zone} 기준 자정에 시작합니다.',
  summary: '요약',
};

const ja: NumberTexts = {
  withdrawn: '撤回',
  consentRateDef: 'この期間に最後の選択をした同意IDのうち、現在、任意の項目を一つ以上許可している割合です。同意IDはブラウザーごとのため、一人の患者さまが二台の端末を使うと二つと数えます。',
  acceptAllDef: '最後の選択が「すべて同意する」だった同意IDです。',
  rejectAllDef: '最後の選択が「すべて拒否する」、またはブラウザーの拒否信号（GPC）だった同意IDです。',
  customDef: '最後の選択がCookie設定での個別の選択だった同意IDです。',
  withdrawnDef: '以前に同意し、その後撤回した同意IDです。ここでのみ数え、同意としては数えません。',
  noChoiceDef: '何も選ばれずに終わったバナー表示です。',
  noData: 'データなし',
  consentIds: '同意ID',
  views: 'バナー表示',
  daysIn: '1日は{zone}の午前0時に始まります。',
  summary: '概要',
};

const byLang: Readonly<Record<string, NumberTexts>> = { en, ko, ja };

export const numberTexts = (lang: string): NumberTexts => byLang[lang] ?? en;

// 한국어 텍스트: 병원 홈페이지에 맞는 정중한 합니다체. PIPA의 항목별 동의를 전제로 씁니다.
import type { Texts } from '../texts.js';

const ko: Texts = {
  bannerTitle: '쿠키 사용 안내',
  bannerBody:
    '이 웹사이트는 운영에 꼭 필요한 쿠키를 사용합니다. 동의해 주시면 방문 빈도와 시간, 관심 분야를 파악하기 위한 분석 쿠키와, 이벤트 페이지 방문 횟수를 바탕으로 관심사에 맞는 정보를 드리기 위한 마케팅 쿠키도 사용합니다.',
  bannerRefuse: '선택 쿠키는 거부하실 수 있습니다. 거부하시면 맞춤 이벤트 안내 등 일부 서비스 이용이 제한될 수 있습니다.',
  policyChanged: '개인정보처리방침이 변경되었습니다. 변경 내용을 확인하시고 쿠키 사용 여부를 다시 선택해 주세요.',
  policyLink: '개인정보처리방침 보기',
  acceptAll: '모두 동의',
  rejectAll: '모두 거부',
  choose: '직접 선택',
  save: '선택 항목 저장',
  doneAccepted: '모든 쿠키 사용에 동의하셨습니다. 쿠키 설정에서 언제든지 변경하실 수 있습니다.',
  doneRejected: '선택 쿠키를 거부하셨습니다. 쿠키 설정에서 언제든지 변경하실 수 있습니다.',
  doneSaved: '쿠키 설정이 저장되었습니다. 언제든지 변경하실 수 있습니다.',
  reloadHint: '이미 실행된 서비스는 페이지를 새로고침하면 중지됩니다.',
  reload: '새로고침',
  hide: '안내 닫기',
  prefsTitle: '쿠키 설정',
  prefsIntro:
    '사용을 허용할 쿠키를 선택해 주세요. 필수 쿠키는 웹사이트 운영에 꼭 필요하므로 항상 사용됩니다. 선택하신 내용은 언제든지 변경하거나 동의를 철회하실 수 있습니다.',
  close: '닫기',
  alwaysOn: '항상 사용',
  services: '이용 서비스 ({n})',
  recipient: '제공받는 자',
  country: '국가',
  purpose: '이용 목적',
  dataSent: '제공 항목',
  cookies: '쿠키',
  retention: '보유 기간',
  recordTitle: '나의 동의 기록',
  consentId: '동의 ID',
  decidedAt: '선택 일시',
  noRecord: '아직 선택하신 내용이 없습니다.',
  withdraw: '동의 철회',
  necessaryLabel: '필수 쿠키',
  necessaryPurpose: '웹사이트가 정상적으로 작동하고 쿠키 선택을 기억하는 데 사용됩니다. 끌 수 없습니다.',
  analyticsLabel: '분석 쿠키',
  analyticsPurpose: '방문 빈도와 방문 시간, 관심 있게 보신 페이지와 분야를 분석하여 웹사이트와 서비스 개선에 활용합니다.',
  marketingLabel: '마케팅 쿠키',
  marketingPurpose: '이벤트 페이지 방문 횟수를 확인하여 관심사에 맞는 차별화된 정보를 제공하는 데 활용합니다.',
  tableCaption: '이 웹사이트에서 사용하는 쿠키 및 외부 전송 서비스',
  service: '서비스',
  category: '구분',
};

export default ko;

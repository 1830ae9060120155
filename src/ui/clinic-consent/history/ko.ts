// The consent history's texts in Korean, fetched only when a patient reading it opens the history.
import type { HistoryTexts } from '../history.js';

const ko: HistoryTexts = {
  historyEmpty: '이 브라우저에 기록된 선택이 아직 없습니다.',
  historyDownload: '내역 내려받기 (JSON)',
  historyPolicy: '개인정보 처리방침 버전 {version}',
  historyAllowed: '허용: {list}',
  historyNecessaryOnly: '필수 쿠키만 허용',
  historyAcceptAll: '모두 동의',
  historyRejectAll: '모두 거부',
  historyPreferences: '선택 저장',
  historyWithdraw: '동의 철회',
  historyGpc: '브라우저의 개인정보 보호 신호(GPC)에 따라 거부',
  historyAcknowledged: '병원에 전달됨',
  historyPending: '전송 대기 중',
  historyLocal: '이 브라우저에만 보관됨',
  historyRejected: '병원 서버에서 받지 않음',
  historyTampered: '주의: 이 브라우저에 보관된 기록이 작성된 뒤 변경되었습니다.',
};

export default ko;

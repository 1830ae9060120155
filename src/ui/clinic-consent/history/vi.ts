// The consent history's texts in Vietnamese, fetched only when a patient reading it opens the history.
import type { HistoryTexts } from '../history.js';

const vi: HistoryTexts = {
  historyEmpty: 'Chưa có lựa chọn nào được ghi lại trong trình duyệt này.',
  historyDownload: 'Tải lịch sử của tôi (JSON)',
  historyPolicy: 'chính sách bảo mật phiên bản {version}',
  historyAllowed: 'cho phép: {list}',
  historyNecessaryOnly: 'chỉ cookie cần thiết',
  historyAcceptAll: 'Đồng ý tất cả',
  historyRejectAll: 'Từ chối tất cả',
  historyPreferences: 'Đã lưu lựa chọn',
  historyWithdraw: 'Đã rút lại sự đồng ý',
  historyGpc: 'Từ chối theo tín hiệu quyền riêng tư của trình duyệt (GPC)',
  historyAcknowledged: 'phòng khám đã nhận',
  historyPending: 'đang chờ gửi',
  historyLocal: 'chỉ lưu trong trình duyệt này',
  historyRejected: 'máy chủ phòng khám không tiếp nhận',
  historyTampered: 'Lưu ý: các bản ghi lưu trong trình duyệt này đã bị thay đổi sau khi được tạo.',
};

export default vi;

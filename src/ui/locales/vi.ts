// Tiếng Việt: lời lẽ lịch sự của phòng khám với bệnh nhân, xưng “chúng tôi”, gọi “Quý khách”; câu ngắn, không dùng thuật ngữ pháp lý.
import type { Texts } from '../texts.js';

const vi: Texts = {
  bannerTitle: 'Về việc sử dụng cookie',
  bannerBody:
    'Chúng tôi sử dụng cookie cần thiết để trang web hoạt động. Nếu Quý khách đồng ý, chúng tôi sẽ dùng thêm cookie phân tích để biết Quý khách ghé thăm thường xuyên ra sao, vào lúc nào và quan tâm đến nội dung gì, cùng cookie tiếp thị để đếm số lần Quý khách xem trang sự kiện, nhờ đó gửi đến Quý khách thông tin phù hợp.',
  bannerRefuse: 'Quý khách có thể từ chối các cookie không bắt buộc. Khi đó, một số dịch vụ như thông tin sự kiện dành riêng cho Quý khách có thể bị hạn chế.',
  policyChanged: 'Chính sách bảo mật của chúng tôi đã được cập nhật. Xin Quý khách xem các thay đổi và chọn lại việc sử dụng cookie.',
  itemsChanged: 'Chúng tôi đã thay đổi cách sử dụng: {items}. Xin Quý khách chọn lại.',
  expired: 'Lựa chọn cookie trước đây của Quý khách đã hết hạn. Xin Quý khách chọn lại.',
  policyLink: 'Xem chính sách bảo mật',
  acceptAll: 'Đồng ý tất cả',
  rejectAll: 'Từ chối tất cả',
  choose: 'Tự chọn cookie',
  save: 'Lưu lựa chọn',
  doneAccepted: 'Quý khách đã đồng ý với tất cả cookie. Quý khách có thể thay đổi bất cứ lúc nào trong mục Cài đặt cookie.',
  doneRejected: 'Quý khách đã từ chối các cookie không bắt buộc. Quý khách có thể thay đổi bất cứ lúc nào trong mục Cài đặt cookie.',
  doneWithdrawn: 'Quý khách đã rút lại sự đồng ý. Cookie không bắt buộc đã được xóa và các dịch vụ dùng chúng đã dừng.',
  doneSaved: 'Đã lưu cài đặt cookie của Quý khách. Quý khách có thể thay đổi bất cứ lúc nào.',
  reloadHint: 'Các dịch vụ đã chạy trên trang này đã dừng ngay.',
  reload: 'Tải lại trang',
  hide: 'Ẩn thông báo này',
  prefsTitle: 'Cài đặt cookie',
  prefsIntro:
    'Xin Quý khách chọn những cookie cho phép chúng tôi sử dụng. Cookie cần thiết luôn được bật vì trang web không thể hoạt động nếu thiếu chúng. Quý khách có thể thay đổi lựa chọn hoặc rút lại sự đồng ý bất cứ lúc nào.',
  close: 'Đóng',
  alwaysOn: 'Luôn bật',
  services: 'Dịch vụ sử dụng ({n})',
  recipient: 'Bên nhận',
  country: 'Quốc gia',
  purpose: 'Mục đích',
  dataSent: 'Dữ liệu được gửi',
  cookies: 'Cookie',
  retention: 'Thời gian lưu',
  recordTitle: 'Thông tin đồng ý của Quý khách',
  consentId: 'Mã đồng ý',
  decidedAt: 'Thời điểm chọn',
  noRecord: 'Quý khách chưa đưa ra lựa chọn nào.',
  withdraw: 'Rút lại sự đồng ý',
  necessaryLabel: 'Cookie cần thiết',
  necessaryPurpose: 'Giúp trang web hoạt động và ghi nhớ lựa chọn cookie của Quý khách. Không thể tắt.',
  analyticsLabel: 'Cookie phân tích',
  analyticsPurpose: 'Cho chúng tôi biết mọi người ghé thăm thường xuyên ra sao, vào lúc nào và quan tâm đến trang, chủ đề nào, để cải thiện trang web và dịch vụ.',
  marketingLabel: 'Cookie tiếp thị',
  marketingPurpose: 'Đếm số lần Quý khách xem trang sự kiện để gửi thông tin phù hợp với sở thích của Quý khách.',
  gpcNote:
    'Trình duyệt của Quý khách đang gửi tín hiệu kiểm soát quyền riêng tư (GPC), nên chúng tôi không bật cookie tiếp thị. Quý khách vẫn có thể tự bật tại đây nếu muốn.',
  tableCaption: 'Cookie và dịch vụ bên ngoài được sử dụng trên trang web này',
  service: 'Dịch vụ',
  category: 'Loại',
};

export default vi;

// The demo clinic's Clinic Consent configuration, shared by every page of the site: set as a global
// before the loader runs (the other form is a JSON block per page, named by the loader's data-config).
// A text given for fewer languages falls back to English (config/localize.ts), as the company name does.
window.ClinicConsentConfig = {
  "siteId": "demo-clinic",
  "receiptEndpoint": "/v1/receipts",
  "policy": {
    "url": "/demo/privacy.html",
    "version": "2026-11-01"
  },
  "languages": [
    "ko",
    "en",
    "ja",
    "zh-Hans",
    "zh-Hant",
    "vi",
    "th",
    "ru",
    "mn",
    "ar"
  ],
  "consentLifetimeDays": 365,
  "categories": {
    "necessary": {
      "services": [
        {
          "id": "clinic-website",
          "name": {
            "ko": "서울하늘의원 웹사이트",
            "en": "Seoul Haneul Clinic website",
            "ja": "ソウルハヌル医院ウェブサイト",
            "zh-Hans": "首尔天空医院网站",
            "zh-Hant": "首爾天空醫院網站",
            "vi": "Trang web Phòng khám Seoul Haneul",
            "th": "เว็บไซต์คลินิกโซลฮานึล",
            "ru": "Сайт клиники «Сеул Ханыль»",
            "mn": "Сөүл Ханыл эмнэлгийн вэбсайт",
            "ar": "موقع عيادة سيول هانول"
          },
          "thirdParty": {
            "ko": "서울하늘의원 (자체)",
            "en": "Seoul Haneul Clinic (ourselves)",
            "ja": "ソウルハヌル医院（当院）",
            "zh-Hans": "首尔天空医院（本院）",
            "zh-Hant": "首爾天空醫院（本院）",
            "vi": "Phòng khám Seoul Haneul (chính chúng tôi)",
            "th": "คลินิกโซลฮานึล (ของเราเอง)",
            "ru": "Клиника «Сеул Ханыль» (мы сами)",
            "mn": "Сөүл Ханыл эмнэлэг (өөрсдөө)",
            "ar": "عيادة سيول هانول (نحن)"
          },
          "country": "KR",
          "purpose": {
            "ko": "쿠키 선택과 언어 설정 기억",
            "en": "Remembering your cookie choice and language",
            "ja": "Cookieの選択内容と表示言語の記憶",
            "zh-Hans": "记住您的 Cookie 选择和语言",
            "zh-Hant": "記住您的 Cookie 選擇與語言",
            "vi": "Ghi nhớ lựa chọn cookie và ngôn ngữ của Quý khách",
            "th": "จดจำการเลือกคุกกี้และภาษาของคุณ",
            "ru": "Запоминает ваш выбор cookie и язык",
            "mn": "Таны күүкиний сонголт, хэлийг санах",
            "ar": "تذكّر اختياركم لملفات تعريف الارتباط ولغتكم"
          },
          "dataSent": {
            "ko": "없음 (브라우저에만 저장)",
            "en": "None (kept in your browser)",
            "ja": "なし（ブラウザ内にのみ保存）",
            "zh-Hans": "无（仅保存在您的浏览器中）",
            "zh-Hant": "無（僅儲存在您的瀏覽器中）",
            "vi": "Không có (chỉ lưu trong trình duyệt của Quý khách)",
            "th": "ไม่มี (เก็บไว้ในเบราว์เซอร์ของคุณเท่านั้น)",
            "ru": "Нет (хранится только в вашем браузере)",
            "mn": "Байхгүй (зөвхөн Таны хөтөчид хадгалагдана)",
            "ar": "لا شيء (تُحفظ في متصفحكم فقط)"
          },
          "cookies": [
            {
              "name": "__Host-cc_choice",
              "retention": {
                "ko": "12개월",
                "en": "12 months",
                "ja": "12か月",
                "zh-Hans": "12 个月",
                "zh-Hant": "12 個月",
                "vi": "12 tháng",
                "th": "12 เดือน",
                "ru": "12 месяцев",
                "mn": "12 сар",
                "ar": "12 شهرًا"
              }
            }
          ]
        }
      ]
    },
    "analytics": {
      "services": [
        {
          "id": "medisian-analytics",
          "name": "Medisian Analytics",
          "thirdParty": {
            "ko": "(주)메디시안",
            "en": "Medisian Inc."
          },
          "country": "KR",
          "purpose": {
            "ko": "방문 빈도·시간 및 관심 분야 분석",
            "en": "Analysing how often and when pages are visited, and which topics interest visitors",
            "ja": "訪問の頻度・時間帯と関心分野の分析",
            "zh-Hans": "分析访问频率、访问时间和关注的内容",
            "zh-Hant": "分析造訪頻率、時段與關注的主題",
            "vi": "Phân tích tần suất, thời gian truy cập và chủ đề được quan tâm",
            "th": "วิเคราะห์ความถี่และช่วงเวลาที่เข้าชม และเรื่องที่ผู้เข้าชมสนใจ",
            "ru": "Анализ частоты и времени посещений и интересующих тем",
            "mn": "Зочлох давтамж, цаг, сонирхсон сэдвийн шинжилгээ",
            "ar": "تحليل عدد الزيارات وأوقاتها والمواضيع التي تهمّ الزوار"
          },
          "dataSent": {
            "ko": "방문 페이지, 방문 시각, 기기 종류",
            "en": "Pages visited, time of visit, device type",
            "ja": "閲覧ページ、訪問日時、端末の種類",
            "zh-Hans": "浏览的页面、访问时间、设备类型",
            "zh-Hant": "瀏覽的頁面、造訪時間、裝置類型",
            "vi": "Trang đã xem, thời gian truy cập, loại thiết bị",
            "th": "หน้าที่เข้าชม เวลาที่เข้าชม ประเภทอุปกรณ์",
            "ru": "Просмотренные страницы, время посещения, тип устройства",
            "mn": "Үзсэн хуудас, зочилсон цаг, төхөөрөмжийн төрөл",
            "ar": "الصفحات التي تمت زيارتها ووقت الزيارة ونوع الجهاز"
          },
          "cookies": [
            {
              "name": "_mda",
              "retention": {
                "ko": "1년",
                "en": "1 year",
                "ja": "1年",
                "zh-Hans": "1 年",
                "zh-Hant": "1 年",
                "vi": "1 năm",
                "th": "1 ปี",
                "ru": "1 год",
                "mn": "1 жил",
                "ar": "سنة واحدة"
              }
            }
          ]
        }
      ]
    },
    "marketing": {
      "services": [
        {
          "id": "medisian-event-pixel",
          "name": "Medisian Event Pixel",
          "thirdParty": {
            "ko": "(주)메디시안",
            "en": "Medisian Inc."
          },
          "country": "KR",
          "purpose": {
            "ko": "이벤트 페이지 방문 횟수 집계 및 맞춤 정보 제공",
            "en": "Counting visits to event pages to offer information that matches your interests",
            "ja": "イベントページの訪問回数の集計と、関心に合った情報のご案内",
            "zh-Hans": "统计活动页面的访问次数，为您提供符合兴趣的信息",
            "zh-Hant": "計算活動頁面的造訪次數，提供符合您興趣的資訊",
            "vi": "Đếm số lần xem trang sự kiện để gửi thông tin phù hợp với sở thích",
            "th": "นับจำนวนครั้งที่เข้าชมหน้ากิจกรรม เพื่อนำเสนอข้อมูลที่ตรงกับความสนใจ",
            "ru": "Подсчёт посещений страниц акций, чтобы предлагать информацию по интересам",
            "mn": "Урамшууллын хуудсанд зочилсон тоог тоолж, сонирхолд тохирсон мэдээлэл хүргэх",
            "ar": "حساب زيارات صفحات العروض لتقديم معلومات تناسب اهتماماتكم"
          },
          "dataSent": {
            "ko": "이벤트 페이지 방문 횟수, 방문 시각",
            "en": "Number of event page visits, time of visit",
            "ja": "イベントページの訪問回数、訪問日時",
            "zh-Hans": "活动页面访问次数、访问时间",
            "zh-Hant": "活動頁面造訪次數、造訪時間",
            "vi": "Số lần xem trang sự kiện, thời gian truy cập",
            "th": "จำนวนครั้งที่เข้าชมหน้ากิจกรรม เวลาที่เข้าชม",
            "ru": "Число посещений страниц акций, время посещения",
            "mn": "Урамшууллын хуудсанд зочилсон тоо, цаг",
            "ar": "عدد زيارات صفحات العروض ووقت الزيارة"
          },
          "cookies": [
            {
              "name": "_mdp",
              "retention": {
                "ko": "90일",
                "en": "90 days",
                "ja": "90日",
                "zh-Hans": "90 天",
                "zh-Hant": "90 天",
                "vi": "90 ngày",
                "th": "90 วัน",
                "ru": "90 дней",
                "mn": "90 хоног",
                "ar": "90 يومًا"
              }
            }
          ]
        }
      ]
    }
  },
  "ui": {
    "floatingButton": true
  },
  "checked": "0.1.0:1gkqpdbawfl"
};

// The demo clinic's Clinic Consent configuration, shared by every page of the site: set as a global
// before the loader runs (the other form is a JSON block per page, named by the loader's data-config).
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
    "ja"
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
            "ja": "ソウルハヌル医院ウェブサイト"
          },
          "thirdParty": {
            "ko": "서울하늘의원 (자체)",
            "en": "Seoul Haneul Clinic (ourselves)",
            "ja": "ソウルハヌル医院（当院）"
          },
          "country": "KR",
          "purpose": {
            "ko": "쿠키 선택과 언어 설정 기억",
            "en": "Remembering your cookie choice and language",
            "ja": "Cookieの選択内容と表示言語の記憶"
          },
          "dataSent": {
            "ko": "없음 (브라우저에만 저장)",
            "en": "None (kept in your browser)",
            "ja": "なし（ブラウザ内にのみ保存）"
          },
          "cookies": [
            {
              "name": "__Host-cc_choice",
              "retention": {
                "ko": "12개월",
                "en": "12 months",
                "ja": "12か月"
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
            "en": "Medisian Inc.",
            "ja": "Medisian Inc."
          },
          "country": "KR",
          "purpose": {
            "ko": "방문 빈도·시간 및 관심 분야 분석",
            "en": "Analysing how often and when pages are visited, and which topics interest visitors",
            "ja": "訪問の頻度・時間帯と関心分野の分析"
          },
          "dataSent": {
            "ko": "방문 페이지, 방문 시각, 기기 종류",
            "en": "Pages visited, time of visit, device type",
            "ja": "閲覧ページ、訪問日時、端末の種類"
          },
          "cookies": [
            {
              "name": "_mda",
              "retention": {
                "ko": "1년",
                "en": "1 year",
                "ja": "1年"
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
            "en": "Medisian Inc.",
            "ja": "Medisian Inc."
          },
          "country": "KR",
          "purpose": {
            "ko": "이벤트 페이지 방문 횟수 집계 및 맞춤 정보 제공",
            "en": "Counting visits to event pages to offer information that matches your interests",
            "ja": "イベントページの訪問回数の集計と、関心に合った情報のご案内"
          },
          "dataSent": {
            "ko": "이벤트 페이지 방문 횟수, 방문 시각",
            "en": "Number of event page visits, time of visit",
            "ja": "イベントページの訪問回数、訪問日時"
          },
          "cookies": [
            {
              "name": "_mdp",
              "retention": {
                "ko": "90일",
                "en": "90 days",
                "ja": "90日"
              }
            }
          ]
        }
      ]
    }
  },
  "ui": {
    "floatingButton": true
  }
};

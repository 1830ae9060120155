<?php
/**
 * Plugin Name: Clinic Consent
 * Description: Prints the Clinic Consent config and loader first in <head>, before every tag it must control.
 * Version: 0.1.0
 * Requires PHP: 7.0
 *
 * Setup: copy the package's dist/ folder to /clinic-consent/ on the site (or change CLINIC_CONSENT_SRC), replace
 * the config below with the clinic's own (README, "Add it to a clinic site"), then put this file in
 * wp-content/plugins/clinic-consent/ and activate the plugin. docs/platforms/wordpress.md says how to check it.
 */

defined('ABSPATH') || exit;

/** Where the loader is served; its ui/ and parts/ files sit beside it. */
const CLINIC_CONSENT_SRC = '/clinic-consent/clinic-consent.js';

/** The clinic's config, printed as it is: JSON (never user input), so it needs no escaping beyond staying JSON. */
const CLINIC_CONSENT_CONFIG = <<<'JSON'
{
  "siteId": "seoul-skin-clinic",
  "policy": { "url": "/privacy", "version": "2024-05" },
  "receiptEndpoint": "https://consent.example-clinic.kr/v1/receipts",
  "categories": {
    "analytics": {
      "services": [
        { "id": "naver-analytics", "name": "Naver Analytics", "thirdParty": "NAVER Corp.", "country": "KR",
          "purpose": { "ko": "방문 빈도와 시간, 관심사 분석", "en": "Visit frequency and time, tastes and interests" },
          "cookies": [{ "name": "wcs_bt", "retention": "1 year" }] }
      ]
    },
    "marketing": {
      "services": [
        { "id": "meta-pixel", "name": "Meta Pixel", "thirdParty": "Meta Platforms, Inc.", "country": "US",
          "purpose": { "ko": "이벤트 방문 횟수 파악 및 차별화된 광고 제공", "en": "Event visit counts, for ads that suit the patient" },
          "cookies": [{ "name": "_fbp", "retention": "90 days" }] }
      ]
    }
  }
}
JSON;

/**
 * Priority PHP_INT_MIN: before everything else hooked to wp_head, so before the enqueued styles and scripts of
 * the theme and plugins (WordPress prints them at priorities 8 and 9). Not async, not defer: the loader decides
 * before the page's other scripts run.
 */
add_action('wp_head', static function () {
    echo '<script type="application/json" id="clinic-privacy-config">', CLINIC_CONSENT_CONFIG, "</script>\n";
    echo '<script src="', esc_url(CLINIC_CONSENT_SRC), '" data-config="clinic-privacy-config"></script>', "\n";
}, PHP_INT_MIN);

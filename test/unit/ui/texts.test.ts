// The UI picks a clinic's localized text the way the rest of the SDK does (config/localize.ts).
import { describe, expect, it } from 'vitest';
import { localize } from '../../../src/ui/texts.js';

describe('localize in the UI', () => {
  it('falls back from a regional locale to its language, as the placeholder and receipts do', () => {
    // Regression (issue 12): the UI's own copy skipped the language, so "ko-KR" showed the English text.
    expect(localize({ ko: '방문 분석', en: 'Visit analysis' }, 'ko-KR')).toBe('방문 분석');
  });

  it('then English, then the first given, and "" for nothing', () => {
    expect(localize({ ja: '分析', en: 'Analysis' }, 'ko')).toBe('Analysis');
    expect(localize({ ja: '分析' }, 'ko')).toBe('分析');
    expect(localize('Plain', 'ko')).toBe('Plain');
    expect(localize(undefined, 'ko')).toBe('');
  });
});

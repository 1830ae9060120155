// Which form fields make a page sensitive: a name, a phone number, a birth date, health details, in
// Korean, Japanese, Chinese and English, by label, name, type or autocomplete token.
import { describe, expect, it } from 'vitest';
import { fieldKind, type FieldInfo } from '../../../../src/cli/scan/forms.js';

const field = (overrides: Partial<FieldInfo>): FieldInfo => ({ tag: 'input', type: 'text', name: '', id: '', autocomplete: '', label: '', action: '', ...overrides });

describe('fieldKind', () => {
  it.each([
    [{ label: '이름' }, 'name'],
    [{ label: 'お名前' }, 'name'],
    [{ label: '姓名' }, 'name'],
    [{ name: 'patient_name' }, 'name'],
    [{ name: 'firstName' }, 'name'],
    [{ autocomplete: 'family-name' }, 'name'],
    [{ type: 'tel' }, 'phone'],
    [{ label: '연락처' }, 'phone'],
    [{ label: '携帯電話' }, 'phone'],
    [{ label: '手机号码' }, 'phone'],
    [{ autocomplete: 'tel-national' }, 'phone'],
    [{ label: '생년월일', type: 'date' }, 'birth date'],
    [{ label: '生年月日' }, 'birth date'],
    [{ label: '出生日期' }, 'birth date'],
    [{ autocomplete: 'bday' }, 'birth date'],
    [{ name: 'dob' }, 'birth date'],
    [{ tag: 'textarea', label: '증상' }, 'health'],
    [{ label: '현재 복용 중인 약' }, 'health'],
    [{ label: '症状' }, 'health'],
    [{ label: '既往歴' }, 'health'],
    [{ label: '过敏史' }, 'health'],
    [{ label: 'Medical history' }, 'health'],
  ] as const)('%j is a %s field', (overrides, kind) => {
    expect(fieldKind(field(overrides))).toBe(kind);
  });

  it.each([[{ label: '이메일', type: 'email' }], [{ label: '희망 날짜', type: 'date', name: 'visit_date' }], [{ name: 'username' }], [{ name: 'hotel' }], [{ label: 'Newsletter' }]])('%j asks for nothing sensitive', (overrides) => {
    expect(fieldKind(field(overrides))).toBeUndefined();
  });
});

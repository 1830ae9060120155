// Form fields that ask a patient for a name, a phone number, a birth date or health details: the
// pages holding them are candidates for `tracking.sensitivePaths`, where no tracker may run. Read
// from the rendered page (booking widgets build their forms with script), classified here by the
// field's name, id, type, autocomplete token, label and placeholder, in Korean, Japanese, Chinese
// and English.

export interface FieldInfo {
  readonly tag: string;
  readonly type: string;
  readonly name: string;
  readonly id: string;
  readonly autocomplete: string;
  /** Label, aria-label and placeholder texts. */
  readonly label: string;
  /** The form's action (absolute), or "" for a field outside a form. */
  readonly action: string;
}

export type FieldKind = 'name' | 'phone' | 'birth date' | 'health';

export interface SensitiveField {
  readonly kind: FieldKind;
  /** How the page names the field: its label, else its name attribute. */
  readonly field: string;
  readonly action: string;
}

/** Runs in the page: every fillable field with what names it. Self-contained (page.evaluate). */
export function readFields(): FieldInfo[] {
  const skip = /^(hidden|submit|button|reset|image|password|search|file|range|color)$/i;
  const fields = Array.from(document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>('input, textarea, select'));
  return fields
    .filter((field) => !skip.test(field.getAttribute('type') ?? ''))
    .map((field) => {
      const labels = Array.from(field.labels ?? []).map((label) => label.textContent ?? '');
      const texts = [...labels, field.getAttribute('aria-label') ?? '', field.getAttribute('placeholder') ?? ''];
      return {
        tag: field.tagName.toLowerCase(),
        type: (field.getAttribute('type') ?? '').toLowerCase(),
        name: field.getAttribute('name') ?? '',
        id: field.id,
        autocomplete: (field.getAttribute('autocomplete') ?? '').toLowerCase(),
        label: texts.join(' ').replace(/\s+/g, ' ').trim(),
        action: field.form ? field.form.action : '',
      };
    });
}

const WORDS: readonly [FieldKind, RegExp][] = [
  ['birth date', /생년월일|생일|生年月日|出生日期|出生年月|生日|birth|bday|(?<![a-z])dob(?![a-z])/i],
  ['phone', /연락처|전화|휴대폰|핸드폰|휴대전화|電話|携帯|电话|手机|手機|phone|mobile|(?<![a-z])tel(?![a-z])/i],
  ['health', /증상|질환|병력|진료|상담\s*내용|복용|알레르기|症状|病歴|既往|病史|病情|过敏|過敏|symptom|condition|medical|health|diagnos|medication|allerg/i],
  ['name', /이름|성명|성함|氏名|お名前|名前|姓名|名字|(?<![a-z])name(?![a-z])|full[\s_-]?name|given[\s_-]?name|family[\s_-]?name|first[\s_-]?name|last[\s_-]?name/i],
];

/** The kind of personal detail a field asks for, if any. */
export function fieldKind(field: FieldInfo): FieldKind | undefined {
  if (field.type === 'tel' || field.autocomplete.startsWith('tel')) return 'phone';
  if (field.autocomplete.startsWith('bday')) return 'birth date';
  if (/^(name|given-name|family-name|additional-name)$/.test(field.autocomplete)) return 'name';
  const said = [field.name, field.id, field.label].join(' ');
  return WORDS.find(([, words]) => words.test(said))?.[0];
}

export function sensitiveFields(fields: readonly FieldInfo[]): SensitiveField[] {
  return fields.flatMap((field) => {
    const kind = fieldKind(field);
    return kind ? [{ kind, field: field.label || field.name || field.id || field.tag, action: field.action }] : [];
  });
}

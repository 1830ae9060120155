// The record queueOnce() keeps ("once per page and day", issue 19): a page script can write anything into the
// browser's storage, so a stored record of another shape counts as empty and is replaced, never trusted or thrown on.
import { describe, expect, it } from 'vitest';
import { addMark } from '../../../src/storage/receipt-store.js';

describe('addMark', () => {
  it('adds a mark once per day', () => {
    const first = addMark(undefined, 'leak /doctors', '2026-11-23');
    expect(first).toEqual({ day: '2026-11-23', marks: ['leak /doctors'] });
    expect(addMark(first, 'leak /doctors', '2026-11-23'), 'the same page the same day').toBeNull();
    expect(addMark(first, 'leak /implants', '2026-11-23')).toEqual({ day: '2026-11-23', marks: ['leak /doctors', 'leak /implants'] });
    expect(addMark(first, 'leak /doctors', '2026-11-24'), 'a new day starts empty').toEqual({ day: '2026-11-24', marks: ['leak /doctors'] });
  });

  it.each([
    ['a string', 'leak /doctors'],
    ['a number', 42],
    ['null', null],
    ['marks as a string that contains the mark', { day: '2026-11-23', marks: 'leak /doctors' }],
    ['a day that is not a string', { day: 20261123, marks: ['leak /doctors'] }],
    ['an array', ['leak /doctors']],
  ])('treats %s as no record', (_name, stored) => {
    expect(addMark(stored, 'leak /doctors', '2026-11-23')).toEqual({ day: '2026-11-23', marks: ['leak /doctors'] });
  });

  it('keeps only the strings of a mixed list, and a bounded number of marks', () => {
    expect(addMark({ day: '2026-11-23', marks: [1, { toString: 'leak /doctors' }, 'leak /a'] }, 'leak /doctors', '2026-11-23')).toEqual({ day: '2026-11-23', marks: ['leak /a', 'leak /doctors'] });
    const full = { day: '2026-11-23', marks: Array.from({ length: 500 }, (_, index) => `leak /p${index}`) };
    const next = addMark(full, 'leak /new', '2026-11-23');
    expect(next?.marks).toHaveLength(200);
    expect(next?.marks.at(-1)).toBe('leak /new');
  });
});

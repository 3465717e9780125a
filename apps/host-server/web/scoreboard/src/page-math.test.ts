import { describe, expect, it } from 'vitest';
import { pageOfRow, pageSlice, rowsPerPage } from './page-math';

describe('page math', () => {
  it.each([
    [900, 45, 20],
    [899, 45, 19],
    [10, 45, 1],
    [900, 0, 1],
  ])('%d px at %d px a row is %d rows', (available, row, expected) => {
    expect(rowsPerPage(available, row)).toBe(expected);
  });

  it.each([
    [300, 20, 0, { page: 0, pageCount: 15, start: 0, end: 20 }],
    [300, 20, 14, { page: 14, pageCount: 15, start: 280, end: 300 }],
    [300, 20, 15, { page: 0, pageCount: 15, start: 0, end: 20 }],
    [301, 20, 15, { page: 15, pageCount: 16, start: 300, end: 301 }],
    [10, 20, 3, { page: 0, pageCount: 1, start: 0, end: 10 }],
    [0, 20, 0, { page: 0, pageCount: 1, start: 0, end: 0 }],
  ])('%d rows, %d a page, page %d', (total, perPage, page, expected) => {
    expect(pageSlice(total, perPage, page)).toEqual(expected);
  });

  it('finds the page of a row', () => {
    expect(pageOfRow(0, 20)).toBe(0);
    expect(pageOfRow(19, 20)).toBe(0);
    expect(pageOfRow(20, 20)).toBe(1);
  });
});

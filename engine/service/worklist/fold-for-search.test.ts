import { describe, expect, it } from 'vitest';
import { foldForSearch } from './fold-for-search.ts';

describe('foldForSearch', () => {
  it.each([
    ['Nguyễn Văn An', 'nguyen van an'],
    ['  ĐẶNG   Thị  Ðào ', 'dang thi dao'],
    ['Trần Quốc Toản', 'tran quoc toan'],
    ['Lê Thị Hồng Nhung', 'le thi hong nhung'],
    ['Phạm Ưng Ỷ', 'pham ung y'],
    ['H04.101-260302-0001', 'h04.101-260302-0001'],
  ])('%s → %s', (text, folded) => {
    expect(foldForSearch(text)).toBe(folded);
  });
});

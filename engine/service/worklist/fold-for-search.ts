// Folds text for accent-insensitive search: "Nguyễn Văn An" → "nguyen van an".
// Decomposes (NFD), drops the combining marks, maps đ to d (a letter of its
// own, not a d with a mark; also the look-alike ð, Ð often typed for it), lower-cases and collapses spaces. The
// applicant_search column (migration 0007) folds stored names the same way.
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐðÐ]/g, 'd').toLowerCase().replace(/\s+/g, ' ').trim();
}

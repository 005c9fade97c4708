// Agency identifiers of QCVN 102:2016/BTTTT: `LLL.KK.JJ.XNN`, 13 characters. XNN is the level-1 unit (H01–H63 for
// provinces, G.. for ministries), JJ level 2, KK level 3, LLL level 4; zeros mean "this level is not used".
// Example: 000.00.00.H20 is the People's Committee of Đồng Tháp. (DOMAIN.md §2)

const PATTERN = /^(\d{3})\.(\d{2})\.(\d{2})\.([A-Z]\d{2})$/;

export interface AgencyCode {
  level1: string;
  level2: string;
  level3: string;
  level4: string;
  /** 1 for a level-1 unit (000.00.00.XNN) up to 4. */
  depth: 1 | 2 | 3 | 4;
}

export function parseAgencyCode(identifier: string): AgencyCode | null {
  const m = PATTERN.exec(identifier);
  if (!m) return null;
  const [, l4, l3, l2, l1] = m as unknown as [string, string, string, string, string];
  // A lower level cannot be set while a higher one is empty (000.05.00.H05 names nothing).
  if (l2 === '00' && (l3 !== '00' || l4 !== '000')) return null;
  if (l3 === '00' && l4 !== '000') return null;
  const depth = l4 !== '000' ? 4 : l3 !== '00' ? 3 : l2 !== '00' ? 2 : 1;
  return { level1: l1, level2: l2, level3: l3, level4: l4, depth };
}

export const AGENCY_CODE_RULE =
  'Mã định danh phải có dạng LLL.KK.JJ.XNN theo QCVN 102:2016/BTTTT, ví dụ 000.00.00.H05 (mỗi cấp dưới chỉ dùng khi cấp trên đã có).';

/** The identifier of the unit one level up (000.00.01.H05 → 000.00.00.H05), or null for a level-1 unit. */
export function parentAgencyCode(code: AgencyCode): string | null {
  switch (code.depth) {
    case 1:
      return null;
    case 2:
      return `000.00.00.${code.level1}`;
    case 3:
      return `000.00.${code.level2}.${code.level1}`;
    case 4:
      return `000.${code.level3}.${code.level2}.${code.level1}`;
  }
}

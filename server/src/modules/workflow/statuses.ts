// The macro-statuses as people read them, and their codes on the national public-service portal (DVCQG).

import type { MacroStatus } from './definition.ts';

export const MACRO_STATUS_NAMES: Record<MacroStatus, string> = {
  draft: 'Hồ sơ nháp',
  waiting_receipt: 'Chờ tiếp nhận',
  supplement_requested: 'Yêu cầu bổ sung hồ sơ',
  processing: 'Đang giải quyết',
  waiting_payment: 'Chờ nộp phí, lệ phí',
  waiting_other_agency: 'Chờ cơ quan khác (liên thông)',
  resolved: 'Đã giải quyết, chờ trả kết quả',
  returned: 'Đã trả kết quả',
  refused: 'Từ chối giải quyết',
  withdrawn: 'Rút hồ sơ theo yêu cầu',
  cancelled: 'Đã hủy',
};

/** A status as the national portal knows it; `confirmed` stays false until checked against the official spec. */
export interface NationalStatus {
  code: string;
  name: string;
  confirmed: boolean;
}

/**
 * Default mapping to the DVCQG "TrangThaiHoSo" codes as provincial integrations appear to use them (?). None is
 * confirmed (DOMAIN.md §8 gives no code list), so this is seed data for the status-mapping setting, not a rule:
 * an operator corrects it, and `null` means the status is not sent (a draft never leaves the platform).
 */
export const DEFAULT_NATIONAL_STATUSES: Record<MacroStatus, NationalStatus | null> = {
  draft: null,
  waiting_receipt: { code: '1', name: 'Mới đăng ký', confirmed: false },
  supplement_requested: { code: '5', name: 'Yêu cầu bổ sung giấy tờ', confirmed: false },
  processing: { code: '4', name: 'Đang xử lý', confirmed: false },
  waiting_payment: { code: '6', name: 'Yêu cầu thực hiện nghĩa vụ tài chính', confirmed: false },
  waiting_other_agency: { code: '4', name: 'Đang xử lý', confirmed: false },
  resolved: { code: '9', name: 'Đã xử lý xong', confirmed: false },
  returned: { code: '10', name: 'Đã trả kết quả', confirmed: false },
  refused: { code: '3', name: 'Không được tiếp nhận', confirmed: false },
  withdrawn: { code: '7', name: 'Công dân yêu cầu rút hồ sơ', confirmed: false },
  cancelled: { code: '8', name: 'Dừng xử lý', confirmed: false },
};

// RFC 9457 problem details: every error a client sees has a stable `type`, a Vietnamese `title`, and for bad
// input the fields at fault. Nothing else (no stack, no SQL) leaves the server.
export interface FieldError {
  field: string;
  message: string;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
}

const TYPE_BASE = 'https://congso.vn/problems/';

export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly slug: string,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
  ) {
    super(title);
  }

  body(instance?: string): ProblemBody {
    return {
      type: `${TYPE_BASE}${this.slug}`,
      title: this.title,
      status: this.status,
      ...(this.detail ? { detail: this.detail } : {}),
      ...(instance ? { instance } : {}),
      ...(this.errors ? { errors: this.errors } : {}),
    };
  }
}

export const invalid = (errors: FieldError[], title?: string) =>
  new Problem(
    400,
    'validation',
    title ?? (errors.length === 1 ? errors[0]!.message : 'Dữ liệu gửi lên không hợp lệ.'),
    undefined,
    errors,
  );
export const invalidField = (field: string, message: string) => invalid([{ field, message }]);
export const unauthenticated = (detail?: string) => new Problem(401, 'unauthenticated', 'Bạn cần đăng nhập.', detail);
export const forbidden = (detail?: string) =>
  new Problem(403, 'forbidden', 'Bạn không có quyền thực hiện thao tác này.', detail);
export const notFound = (what: string) => new Problem(404, 'not-found', `Không tìm thấy ${what}.`);
export const conflict = (title: string, detail?: string) => new Problem(409, 'conflict', title, detail);
export const preconditionFailed = () =>
  new Problem(
    412,
    'stale-version',
    'Dữ liệu đã được người khác thay đổi. Hãy tải lại và thử lại.',
    'Phiên bản trong If-Match không còn là phiên bản hiện tại.',
  );
export const tooManyRequests = (detail?: string) =>
  new Problem(429, 'rate-limited', 'Bạn đã thử quá nhiều lần. Vui lòng đợi rồi thử lại.', detail);
export const unavailable = (detail?: string) =>
  new Problem(503, 'unavailable', 'Hệ thống tạm thời không phục vụ được. Vui lòng thử lại sau.', detail);

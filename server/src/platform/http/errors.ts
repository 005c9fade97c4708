// Turns any error into a problem+json answer. Known causes get their own Vietnamese message; anything else is
// logged with the request id and answered as a plain 500 without internals.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { invalid, notFound, Problem, tooManyRequests, unavailable } from './problem.ts';
import { fieldErrors } from './validation-messages.ts';

const DB_DOWN_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '08000',
  '08001',
  '08003',
  '08006',
]);

export function isDatabaseDown(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | undefined;
  if (!e) return false;
  if (e.code && DB_DOWN_CODES.has(e.code)) return true;
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
    e.message ?? '',
  );
}

const VALIDATION_PART: Record<string, string> = {
  body: 'nội dung',
  querystring: 'tham số truy vấn',
  params: 'đường dẫn',
  headers: 'tiêu đề',
};

export function toProblem(err: FastifyError & { code?: string }): Problem {
  if (err instanceof Problem) return err;
  if (err.validation) {
    const part = VALIDATION_PART[err.validationContext ?? 'body'] ?? 'yêu cầu';
    const errors = fieldErrors(err.validation as never);
    return invalid(errors, errors.length === 1 ? errors[0]!.message : `Dữ liệu trong ${part} không hợp lệ.`);
  }
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new Problem(413, 'too-large', 'Dữ liệu gửi lên vượt quá dung lượng cho phép.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new Problem(415, 'unsupported-media-type', 'Kiểu nội dung (Content-Type) không được hỗ trợ.');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return invalid([{ field: '(toàn bộ)', message: 'Nội dung JSON bị trống.' }]);
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return invalid([{ field: '(toàn bộ)', message: 'Nội dung JSON không đúng cú pháp.' }]);
    case '23505':
      return new Problem(409, 'conflict', 'Dữ liệu trùng với một bản ghi đã có.');
  }
  if (err.statusCode === 429) return tooManyRequests();
  if (err instanceof SyntaxError && err.statusCode === 400) {
    return invalid([{ field: '(toàn bộ)', message: 'Nội dung JSON không đúng cú pháp.' }]);
  }
  if (isDatabaseDown(err)) return unavailable('Không kết nối được cơ sở dữ liệu.');
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    return new Problem(err.statusCode, 'bad-request', 'Yêu cầu không hợp lệ.');
  }
  return new Problem(500, 'internal', 'Lỗi hệ thống. Vui lòng thử lại sau hoặc báo cho quản trị viên.');
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest, problem: Problem): FastifyReply {
  const body = problem.body(request.url);
  return reply
    .code(problem.status)
    .type('application/problem+json; charset=utf-8')
    .send({ ...body, requestId: request.id });
}

export function errorHandler(err: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const problem = toProblem(err);
  if (problem.status >= 500) request.log.error({ err }, 'request failed');
  else request.log.info({ status: problem.status, type: problem.slug }, 'request refused');
  return sendProblem(reply, request, problem);
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply) {
  return sendProblem(reply, request, notFound(`đường dẫn ${request.method} ${request.url.split('?')[0]}`));
}

// The operational settings a system administrator changes at run time, each defined once: its label and help in
// both languages, the JSON schema of its value, and its default, taken from the process configuration so that the
// environment variable stays the default and the README stays true. Pure: the values live in the database
// (store.ts) and reach their consumers through the cached getter (cache.ts).
import { Ajv } from 'ajv';
import { type Static, type TSchema, Type } from 'typebox';
import type { Config } from '../../config.ts';
import type { Permission } from '../../platform/auth/roles.ts';
import type { FieldError } from '../../platform/http/problem.ts';
import { fieldErrors } from '../../platform/http/validation-messages.ts';
import { parseCodePattern } from '../dossiers/code.ts';

export interface Wording {
  vi: string;
  en: string;
}

export interface SettingDefinition<S extends TSchema = TSchema> {
  label: Wording;
  help: Wording;
  schema: S;
  /** The environment variable whose value (or built-in default) is the setting's default, if any. */
  variable: string | null;
  defaultOf(config: Config): Static<S>;
  /** A rule the schema cannot say; returns the Vietnamese reason a value breaks it, a sentence of its own. */
  check?(value: Static<S>): string | null;
  /** Who may change it. */
  permission: Permission;
  /** Readable by anyone, without signing in (shown on the portal). */
  public: boolean;
}

/** Plain text on one or more lines: no control character but the line break. */
const PLAIN_TEXT = '^[^\\u0000-\\u0009\\u000B-\\u001F\\u007F]*$';
export const NOTICE_MAX_LENGTH = 500;

const define = <S extends TSchema>(definition: SettingDefinition<S>) => definition;

export const SETTINGS = {
  'dossier.dueSoonHours': define({
    label: { vi: 'Số giờ làm việc báo “sắp đến hạn”', en: 'Working hours for “due soon”' },
    help: {
      vi: 'Hồ sơ đang giải quyết được đánh dấu "sắp đến hạn" khi còn ít hơn số giờ làm việc này trước ngày hẹn trả. Áp dụng từ lần tính hạn tiếp theo (thao tác trên hồ sơ hoặc lượt quét hạn định kỳ).',
      en: 'An open dossier is marked "due soon" when fewer than this many working hours remain before its appointment. Applies from the next time its due state is computed (an action on it, or the periodic deadline scan).',
    },
    schema: Type.Integer({ minimum: 1, maximum: 400 }),
    variable: 'DOSSIER_DUE_SOON_HOURS',
    defaultOf: (config) => config.dossierDueSoonHours,
    permission: 'settings.manage',
    public: false,
  }),
  'dossier.codePattern': define({
    label: { vi: 'Mẫu mã hồ sơ', en: 'Dossier code pattern' },
    help: {
      vi: 'Mã cấp cho hồ sơ khi tiếp nhận: {unit} (mã định danh nơi tiếp nhận), {yyyy} hoặc {yy}, {mm}, {dd} (ngày theo giờ Việt Nam), {seq:N} (số thứ tự N chữ số, đánh lại từ đầu mỗi kỳ mà mẫu thể hiện). Chỉ áp dụng cho hồ sơ tiếp nhận sau khi lưu; mã đã cấp không đổi.',
      en: 'The code a dossier gets when accepted: {unit} (identifier of the receiving unit), {yyyy} or {yy}, {mm}, {dd} (date in Vietnam), {seq:N} (an N-digit number restarting each period the pattern shows). Applies to dossiers accepted after saving; codes already given do not change.',
    },
    schema: Type.String({ minLength: 1, maxLength: 100 }),
    variable: 'DOSSIER_CODE_PATTERN',
    defaultOf: (config) => config.dossierCodePattern,
    check: (value) => {
      const parsed = parseCodePattern(value);
      return typeof parsed === 'string' ? parsed : null;
    },
    permission: 'settings.manage',
    public: false,
  }),
  'portal.notice': define({
    label: { vi: 'Thông báo trên trang chủ cổng dịch vụ công', en: 'Notice on the portal home page' },
    help: {
      vi: `Một thông báo ngắn, văn bản thuần (không định dạng), tối đa ${NOTICE_MAX_LENGTH} ký tự, hiện trên đầu trang chủ cổng dịch vụ công, ví dụ lịch nghỉ hoặc thời gian bảo trì. Để trống thì không hiện gì.`,
      en: `A short plain-text notice of at most ${NOTICE_MAX_LENGTH} characters at the top of the portal home page, e.g. office closures or maintenance. Empty: nothing is shown.`,
    },
    schema: Type.String({ maxLength: NOTICE_MAX_LENGTH, pattern: PLAIN_TEXT }),
    variable: null,
    defaultOf: () => '',
    permission: 'settings.manage',
    public: true,
  }),
} as const;

export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = Static<(typeof SETTINGS)[K]['schema']>;

export const SETTING_KEYS = Object.keys(SETTINGS) as SettingKey[];

export const isSettingKey = (key: string): key is SettingKey => Object.hasOwn(SETTINGS, key);

export function definitionOf<K extends SettingKey>(key: K): SettingDefinition<(typeof SETTINGS)[K]['schema']> {
  return SETTINGS[key] as SettingDefinition<(typeof SETTINGS)[K]['schema']>;
}

// The same options as the API's body validator: a value is taken exactly as sent, never coerced.
const ajv = new Ajv({ allErrors: true, strict: false, coerceTypes: false });
const validators = new Map(
  SETTING_KEYS.map((key) => [key, ajv.compile(Type.Object({ value: SETTINGS[key].schema }))] as const),
);

/**
 * Why `value` cannot be the setting's value, as field errors on `value` whose messages name the setting in
 * Vietnamese; empty when it can.
 */
export function settingProblems(key: SettingKey, value: unknown): FieldError[] {
  const definition = definitionOf(key);
  const validate = validators.get(key)!;
  const named = (message: string) => message.replace('Trường "value"', definition.label.vi);
  if (!validate({ value })) {
    return fieldErrors(validate.errors ?? []).map((e) => ({ field: 'value', message: named(e.message) }));
  }
  const reason = definition.check?.(value as never);
  return reason ? [{ field: 'value', message: reason }] : [];
}

export const isValidSetting = (key: SettingKey, value: unknown) => settingProblems(key, value).length === 0;

// Table types for Kysely. Each migration that adds or changes a table updates this file in the same commit.
import type { ColumnType, Generated, JSONColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A column the database fills in (default) but that can also be written. */
type Defaulted<T> =
  T extends ColumnType<infer S, infer I, infer U> ? ColumnType<S, I | undefined, U> : ColumnType<T, T | undefined, T>;

export interface AuditEntryTable {
  seq: number;
  at: Timestamp;
  actor_id: string | null;
  actor_label: string;
  action: string;
  target_type: string;
  target_id: string | null;
  request_id: string | null;
  summary: JSONColumnType<Record<string, unknown>, string, string>;
  prev_hash: string;
  hash: string;
}

export interface AuditChainHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface OutboxTable {
  id: Generated<number>;
  topic: string;
  payload: JSONColumnType<Record<string, unknown>, string, string>;
  created_at: Defaulted<Timestamp>;
  dispatched_at: Timestamp | null;
}

export interface AdminUnitTable {
  id: Generated<string>;
  code: string;
  name: string;
  level: 'province' | 'district' | 'commune';
  kind: string;
  parent_id: string | null;
  valid_from: string;
  valid_to: string | null;
}

export interface AgencyTable {
  id: Generated<string>;
  identifier: string;
  name: string;
  short_name: string | null;
  kind: string;
  parent_id: string | null;
  admin_unit_id: string | null;
  address: string | null;
  phone: string | null;
  email: string | null;
  valid_from: string;
  valid_to: string | null;
  version: Generated<number>;
}

export interface AgencyClosureTable {
  ancestor_id: string;
  descendant_id: string;
  depth: number;
}

export interface DepartmentTable {
  id: Generated<string>;
  agency_id: string;
  code: string;
  name: string;
}

export interface StaffTable {
  id: Generated<string>;
  username: string;
  full_name: string;
  email: string | null;
  phone: string | null;
  position: string | null;
  agency_id: string;
  department_id: string | null;
  password_hash: string;
  demo_password: Generated<boolean>;
  active: Generated<boolean>;
  failed_logins: Generated<number>;
  locked_until: Timestamp | null;
  password_changed_at: Defaulted<Timestamp>;
  created_at: Defaulted<Timestamp>;
  version: Generated<number>;
  temporary_password_until: Timestamp | null;
}

export interface RoleGrantTable {
  id: Generated<string>;
  staff_id: string;
  role: string;
  agency_id: string;
  granted_at: Defaulted<Timestamp>;
}

export interface StaffSessionTable {
  id: Generated<string>;
  token_hash: string;
  csrf_token: string;
  staff_id: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  ip: string | null;
  user_agent: string | null;
}

export interface CalendarTable {
  id: Generated<string>;
  agency_id: string;
  is_province: Generated<boolean>;
  name: string;
  own_hours: Generated<boolean>;
  paper_cut_off: number | null;
  version: Generated<number>;
  updated_at: Defaulted<Timestamp>;
}

export interface CalendarEntryTable {
  calendar_id: string;
  date: string;
  kind: 'holiday' | 'substitute' | 'swap' | 'make_up';
  name: string;
  legal_note: string;
}

export interface CalendarYearTable {
  calendar_id: string;
  year: number;
  status: 'official' | 'provisional' | 'confirmed';
  confirmed_by: string | null;
  confirmed_at: Timestamp | null;
}

export interface CalendarPeriodTable {
  calendar_id: string;
  day: number;
  start_minute: number;
  end_minute: number;
}

// ---------- catalog (0004) ----------

export interface CatalogTemplateTable {
  sha256: string;
  content_type: string;
  size: number;
  content: Uint8Array;
  created_at: Defaulted<Timestamp>;
}

export interface ProcedureTable {
  id: Generated<string>;
  code: string;
  managing_agency_id: string;
  revision: Generated<number>;
  created_at: Defaulted<Timestamp>;
  current_version_id: string | null;
  name: string | null;
  name_folded: ColumnType<string | null, never, never>;
  sort_key: string | null;
  field_code: string | null;
  field_name: string | null;
  levels: Defaulted<string[]>;
  applicant_types: Defaulted<string[]>;
  online_level: string | null;
  offered_at: Defaulted<string[]>;
}

export interface ProcedureVersionTable {
  id: Generated<string>;
  procedure_id: string;
  number: number;
  status: 'draft' | 'published' | 'retired';
  /** The version's content (model.ts ProcedureContent), as json text so that key order is kept. */
  content: ColumnType<unknown, string, string>;
  valid_from: string | null;
  valid_to: string | null;
  created_at: Defaulted<Timestamp>;
  created_by: string | null;
  published_at: Timestamp | null;
  published_by: string | null;
}

export interface ProcedureOfferingTable {
  version_id: string;
  agency_id: string;
  position: number;
  workflow_code: string | null;
}

export interface WorkflowDefinitionTable {
  code: string;
  version: number;
  name: string;
  status: 'draft' | 'published' | 'retired';
  definition: JSONColumnType<Record<string, unknown>, string, string>;
  owner_agency_id: string | null;
  revision: Generated<number>;
  created_at: Defaulted<Timestamp>;
  created_by: string | null;
  published_at: Timestamp | null;
  published_by: string | null;
}

// ---------- dossiers (0006) ----------

type Json<T> = ColumnType<T, string, string>;

export interface DossierTable {
  id: Generated<string>;
  code: string | null;
  receiving_unit_id: string;
  resolving_agency_id: string;
  current_agency_id: string;
  agency_ids: string[];
  procedure_version_id: string;
  procedure_code: string;
  procedure_name: string;
  workflow_code: string;
  workflow_version: number;
  channel: 'online' | 'desk' | 'post';
  applicant: Json<Record<string, unknown>>;
  applicant_name: string;
  applicant_name_folded: ColumnType<string | null, never, never>;
  applicant_identity: string | null;
  applicant_phone: string | null;
  applicant_email: string | null;
  applicant_account: string | null;
  eform: Json<Record<string, unknown>>;
  state: Json<unknown>;
  status: string;
  step: string;
  clock_phase: 'idle' | 'running' | 'paused' | 'stopped';
  assignee_id: string | null;
  /** The step's role and work queue (0009), for the work queues' SQL. */
  step_role: Defaulted<string | null>;
  step_queue: Defaulted<'receive' | 'process' | 'approve' | 'sign' | 'return' | null>;
  opened_at: Timestamp;
  received_at: Timestamp | null;
  schedule: Json<unknown>;
  due_at: Timestamp | null;
  original_due_at: Timestamp | null;
  extended_due_at: Timestamp | null;
  step_due_at: Timestamp | null;
  returned_at: Timestamp | null;
  outcome: 'early' | 'on_time' | 'late' | null;
  due_state: 'on_time' | 'due_soon' | 'overdue' | null;
  calendar_version: string | null;
  tracking_secret_hash: string | null;
  version: Generated<number>;
  created_at: Defaulted<Timestamp>;
  updated_at: Defaulted<Timestamp>;
}

export interface DossierComponentFileTable {
  id: Generated<string>;
  dossier_id: string;
  component_index: number;
  component_name: string;
  file_name: string;
  file_type: string;
  mime: string;
  size: number;
  sha256: string;
  uploaded_by: string | null;
  /** The applicant's account when they uploaded it through the portal (0012). */
  uploaded_by_applicant: Defaulted<string | null>;
  uploaded_at: Timestamp;
}

/** The applicant's Decree 61 rating of a dossier's handling (0012); each criterion 0–2, `feedback` optional. */
export interface DossierRatingTable {
  dossier_id: string;
  applicant_id: string;
  resolving_agency_id: string;
  receiving_unit_id: string;
  procedure_code: string;
  total_time: number;
  agency_time: number;
  agencies_contacted: number;
  contacts: number;
  attitude: number;
  feedback: number | null;
  comment: string | null;
  rated_at: Timestamp;
}

export interface DossierEventTable {
  dossier_id: string;
  seq: number;
  at: Timestamp;
  actor: Json<unknown>;
  action: string;
  input: Json<Record<string, unknown>>;
  from_step: string;
  to_step: string;
  note: string | null;
  effects: Json<unknown[]>;
}

export interface DossierCodeCounterTable {
  unit_id: string;
  period: string;
  last: number;
}

export interface IdempotencyKeyTable {
  actor: string;
  key: string;
  request_hash: string;
  status: number;
  response: Json<unknown>;
  created_at: Defaulted<Timestamp>;
}

export interface DB {
  audit_entry: AuditEntryTable;
  audit_chain_head: AuditChainHeadTable;
  outbox: OutboxTable;
  admin_unit: AdminUnitTable;
  agency: AgencyTable;
  agency_closure: AgencyClosureTable;
  department: DepartmentTable;
  staff: StaffTable;
  role_grant: RoleGrantTable;
  staff_session: StaffSessionTable;
  calendar: CalendarTable;
  calendar_entry: CalendarEntryTable;
  calendar_year: CalendarYearTable;
  calendar_period: CalendarPeriodTable;
  catalog_template: CatalogTemplateTable;
  procedure: ProcedureTable;
  procedure_version: ProcedureVersionTable;
  procedure_offering: ProcedureOfferingTable;
  workflow_definition: WorkflowDefinitionTable;
  dossier: DossierTable;
  dossier_event: DossierEventTable;
  dossier_component_file: DossierComponentFileTable;
  dossier_code_counter: DossierCodeCounterTable;
  dossier_rating: DossierRatingTable;
  idempotency_key: IdempotencyKeyTable;
  signing_key: SigningKeyTable;
  signature_record: SignatureRecordTable;
  result_template: ResultTemplateTable;
  result_document: ResultDocumentTable;
  result_revision: ResultRevisionTable;
  result_number_counter: ResultNumberCounterTable;
  applicant: ApplicantTable;
  applicant_external_identity: ApplicantExternalIdentityTable;
  applicant_verification: ApplicantVerificationTable;
  applicant_session: ApplicantSessionTable;
  applicant_oidc_login: ApplicantOidcLoginTable;
  setting: SettingTable;
}

// ---------- signing (0007) ----------

export interface SigningKeyTable {
  id: Generated<string>;
  owner_kind: 'staff' | 'agency';
  staff_id: string | null;
  agency_id: string;
  backend: 'software' | 'remote';
  pkcs12: Uint8Array | null;
  password_sealed: Uint8Array | null;
  remote_url: string | null;
  remote_key_id: string | null;
  certificate_chain: string;
  subject: string;
  issuer: string;
  serial: string;
  not_before: Timestamp;
  not_after: Timestamp;
  image: Uint8Array | null;
  status: Defaulted<'active' | 'retired'>;
  created_at: Defaulted<Timestamp>;
  retired_at: Timestamp | null;
}

export interface SignatureRecordTable {
  id: string;
  key_id: string;
  signed_by: string;
  layout: 'signer' | 'seal' | 'attachment';
  signer_name: string;
  agency_name: string;
  signed_at: Timestamp;
  input_sha256: string;
  output_sha256: string;
}

// ---------- citizens (0008) ----------

export interface ApplicantTable {
  id: Generated<string>;
  kind: 'citizen' | 'business';
  email: string | null;
  phone: string | null;
  email_verified_at: Timestamp | null;
  phone_verified_at: Timestamp | null;
  password_hash: string | null;
  password_changed_at: Timestamp | null;
  full_name: string | null;
  identity_number: string | null;
  identity_verified_at: Timestamp | null;
  tax_code: string | null;
  business_name: string | null;
  address_line: string | null;
  admin_unit_id: string | null;
  failed_logins: Generated<number>;
  locked_until: Timestamp | null;
  created_at: Defaulted<Timestamp>;
  version: Generated<number>;
}

export interface ApplicantExternalIdentityTable {
  issuer: string;
  subject: string;
  applicant_id: string;
  created_at: Timestamp;
  last_used_at: Timestamp;
}

export interface ApplicantVerificationTable {
  id: Generated<string>;
  applicant_id: string;
  channel: 'email' | 'phone';
  address: string;
  code_hash: string | null;
  created_at: Timestamp;
  sent_at: Timestamp | null;
  expires_at: Timestamp | null;
  attempts: Generated<number>;
  used_at: Timestamp | null;
}

export interface ApplicantSessionTable {
  id: Generated<string>;
  token_hash: string;
  csrf_token: string;
  applicant_id: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  ip: string | null;
  user_agent: string | null;
}

export interface ApplicantOidcLoginTable {
  browser_hash: string;
  state: string;
  nonce: string;
  code_verifier: string;
  return_to: string;
  expires_at: Timestamp;
}

// ---------- results (0011) ----------

export interface ResultTemplateTable {
  code: string;
  version: number;
  name: string;
  kind: 'licence' | 'certificate' | 'decision' | 'other';
  /** yyyy-mm-dd */
  effective_from: string;
  procedures: ColumnType<string[], string[] | undefined, string[]>;
  owner_agency_id: string | null;
  definition: JSONColumnType<Record<string, unknown>, string, string>;
  revision: Generated<number>;
  created_at: Defaulted<Timestamp>;
  created_by: string | null;
  updated_at: Defaulted<Timestamp>;
  updated_by: string | null;
}

export interface ResultDocumentTable {
  id: Generated<string>;
  dossier_id: string;
  title: string;
  source: 'template' | 'upload';
  template_code: string | null;
  template_version: number | null;
  issuing_agency_id: string;
  number_symbol: string | null;
  /** yyyy-mm-dd */
  issued_on: string;
  signature_slots: JSONColumnType<SignatureSlotJson[], string | undefined, string>;
  created_by: string;
  created_at: Timestamp;
}

export interface SignatureSlotJson {
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ResultRevisionTable {
  result_id: string;
  revision: number;
  sha256: string;
  size: number;
  signature_id: string | null;
  layout: 'signer' | 'seal' | null;
  slot: number | null;
  created_by: string;
  created_at: Timestamp;
}

export interface ResultNumberCounterTable {
  agency_id: string;
  year: number;
  last: number;
}

// ---------- settings (0013) ----------

export interface SettingTable {
  key: string;
  /** Null: reset to the default of the registry. */
  value: ColumnType<unknown, string | null, string | null>;
  version: number;
  updated_by: string | null;
  updated_by_label: string;
  updated_at: Timestamp;
}

/**
 * The contract of schema/constraints.json: the API writes it (`npm run schema:emit`), the
 * console reads it. One declaration for both sides, so they cannot drift apart.
 */

/** What the console needs to validate a mutation argument exactly like the server does. */
export interface FieldConstraint {
  required?: boolean;
  minLength?: number;
  maxLength?: number;
  min?: number;
  max?: number;
  pattern?: string;
  patternMessage?: string;
  maxItems?: number;
  email?: boolean;
  integer?: boolean;
  /** The resource an argument points at; by its id unless `referenceField` names the field it stores. */
  reference?: string;
  referenceField?: string;
  /**
   * Which records of the reference may be picked: `writable`, only those the caller may write
   * (`me.writableOuIds`, and null only with `me.canWriteUnorganized`). Default: any it may read.
   */
  pickFrom?: 'writable';
  /** What null means for a nullable reference, e.g. "Unorganized" or "None (top level)". */
  nullLabel?: string;
  /** The console widget that edits the argument, e.g. the permission tree of a role. */
  widget?: 'permission-tree';
  /** The query (no arguments) that lists the widget's choices, e.g. `permissionCatalogue`. */
  options?: string;
  /**
   * Which targets a reference picker offers, by the form's values: per field of the target's list
   * filter, the form field whose value it must equal (`{ type: 'type' }`: queues of the form's
   * type). The form field is one of the same input object, else of the one around it; a dotted
   * `accessCodeId.mediaType` is the `mediaType` of the record the form's `accessCodeId` names.
   */
  filterBy?: Record<string, string>;
  /**
   * Per filter of `filterBy`, the filter value each form value stands for when they differ
   * (`{ mediaClass: { AUDIO: 'VOICE_VIDEO', MULTIMEDIA: 'MULTIMEDIA' } }`: an agent's type → the
   * media class of its queues). A form value not listed narrows nothing (a VERSATILE agent).
   */
  filterValues?: Record<string, Record<string, string>>;
  /**
   * Shown only while every named field (of the same input object, else of the one around it)
   * holds one of the listed values (`{ type: ['VOICE', 'VIDEO'], queuingMethod: ['CUSTOM_TONE'] }`).
   * A hidden input's value is not sent: omitted, it stays unchanged (or takes its default on create).
   */
  shownWhen?: Record<string, (string | number | boolean)[]>;
  /**
   * For an input object or a list of them: the constraints and hints of its fields (an OU grant's
   * `ouId`, a handler's `skillQueueId`), nested ones with their own `fields` (a work time's segments).
   */
  fields?: Record<string, FieldConstraint>;
  /** The text rules apply to each item of a list argument (maxItems to the list itself). */
  each?: boolean;
  /**
   * The password policy (ServerConstraints.passwordPolicy) applies: `account` names the form field
   * holding the account the password must differ from, else it is the signed-in user's.
   */
  passwordPolicy?: { account?: string };
  /** A boolean filter field refining another filter field (`includeSubOus` → `ouId`), shown beside it as a switch starting at `initial`. */
  refines?: { field: string; initial: boolean };
  /** A time argument whose earliest value is this tenant parameter's number of days ago (`contactRecordSpanDays`). */
  spanDays?: string;
  /** On a create mutation: the value a new record takes when the argument is left out (a switch's initial position). */
  default?: boolean;
}

export interface ServerConstraints {
  /**
   * Per root operation (`Query.allCustomers`, `Mutation.updateMyTenant`, `Subscription.queueStatsChanged`): its access declaration,
   * as the server checks it: `public`, `authenticated`, `tenant-admin`, or the permission codes
   * it needs joined by ` & ` (all of them are needed).
   */
  operations: Record<string, string>;
  /** Per mutation, per argument: the limits the server enforces, so forms check the same. */
  mutations: Record<string, Record<string, FieldConstraint>>;
  /** Per root query with hints on its arguments, per argument: the hints (`contactHistory`'s `customerId` refers to a Customer). */
  queries: Record<string, Record<string, FieldConstraint>>;
  /**
   * Per object type and input type (list filters included), `references`: the resource each of
   * its `…Id` / `…Ids` fields names (`Customer.ouId` → `OrgUnit`). An id field not listed names
   * no one resource (an audit entry's `recordId`, `principalId`). `arguments`: the same for the
   * `…Id` arguments of its fields (`SkillQueue.canTransferTo(queueId)` → `SkillQueue`).
   */
  types: Record<
    string,
    {
      references: Record<string, string>;
      arguments?: Record<string, Record<string, string>>;
      /** Boolean filter fields that refine another field (`includeSubOus` refines `ouId`, on at first). */
      refines?: Record<string, { field: string; initial: boolean }>;
    }
  >;
  /** Per listed resource (GraphQL type): the fields its lists sort by, `id` first. */
  resources: Record<string, { sortable: string[] }>;
  /** The password rules the server checks (identity/password.ts), for forms to list and check as the user types. */
  passwordPolicy: PasswordPolicy;
  /** The query limits (depth, aliases, cost, ...) and the largest page. */
  queryLimits: Record<string, number> & { maxPerPage: number; exactCountLimit: number };
}

export interface PasswordPolicy {
  minLength: number;
  maxLength: number;
  /** Patterns (regular expression sources) a password must match, each with its label and field error. */
  rules: { code: string; pattern: string; label: string; message: string }[];
  /** Neither the account name nor it reversed (ignoring case). */
  notAccount: { label: string; message: string };
}

import type { ComponentType } from 'react';
import type { SortPayload } from 'react-admin';
import AccountTreeIcon from '@mui/icons-material/AccountTree';
import AdminPanelSettingsIcon from '@mui/icons-material/AdminPanelSettings';
import AssignmentIcon from '@mui/icons-material/Assignment';
import CallSplitIcon from '@mui/icons-material/CallSplit';
import ChatIcon from '@mui/icons-material/Chat';
import ContactPhoneIcon from '@mui/icons-material/ContactPhone';
import DialpadIcon from '@mui/icons-material/Dialpad';
import EventBusyIcon from '@mui/icons-material/EventBusy';
import GroupWorkIcon from '@mui/icons-material/GroupWork';
import HistoryIcon from '@mui/icons-material/History';
import HomeWorkIcon from '@mui/icons-material/HomeWork';
import PeopleIcon from '@mui/icons-material/People';
import PhoneForwardedIcon from '@mui/icons-material/PhoneForwarded';
import QueueIcon from '@mui/icons-material/Queue';
import RecordVoiceOverIcon from '@mui/icons-material/RecordVoiceOver';
import SupportAgentIcon from '@mui/icons-material/SupportAgent';
import TextFieldsIcon from '@mui/icons-material/TextFields';
import TuneIcon from '@mui/icons-material/Tune';
import VpnKeyIcon from '@mui/icons-material/VpnKey';
import { resourceLabels, singletonLabels } from '../i18n/generated';
import { humanize } from '../schema/humanize';
import { mergeResources, publishedResources } from './published';
import { resourceNameKey } from '../i18n/generated';
import { inSentence, optionalMessage, translateNow } from './wording';

export type AnyRecord = Record<string, unknown>;

/**
 * A mutation run on one record from its page (e.g. "Rotate secret"): the argument naming the
 * record (`id`, or `activityId` on an Activity) and `version` come from the record; any other
 * argument is asked for in a dialog generated like a form. A secret in the reply is shown once.
 * Offered when the caller may run the mutation (its declaration in schema/constraints.json)
 * and the record's `access.canEdit` allows.
 */
export interface RecordActionEntry {
  mutation: string;
  label: string;
  /** Ask before running; the mutation's description is the question. */
  confirm?: boolean;
  /** Not offered for records where this holds (e.g. revoked clients). */
  hiddenFor?: (record: AnyRecord) => boolean;
  icon?: ComponentType;
  /**
   * A dialog of its own instead of the generated form, by name (DIALOGS in admin/src/pages/panels.ts),
   * where the inputs depend on one another (a move's requests are those of the customer chosen).
   */
  dialog?: string;
}

/**
 * A panel shown as a tab of a record's page (e.g. a customer's journey): the panel by name
 * (admin/src/pages/panels.ts) and the query it reads, whose label names the tab and whose access
 * declaration says who sees it (the tab is left out for a caller who may not run the query).
 */
export interface PanelTabEntry {
  panel: string;
  query: string;
  /** The tab's English label (its key is the query's label, translated like the other tabs). */
  label: string;
}

/**
 * The presentation of a resource of the ra-data-graphql-simple grammar. Everything else (list
 * columns, search, forms, inputs, validation, references) is derived from
 * schema/introspection.json and schema/constraints.json by the generator, and a resource the
 * server publishes without an entry in REGISTRY gets a generated one (`defaultEntry`).
 */
export interface ResourceEntry {
  /** GraphQL type name, e.g. "OrgUnit" (queries allOrgUnits, OrgUnit, createOrgUnit, ...). */
  name: string;
  /** Plural label for the menu and list title. */
  label: string;
  /** Singular label for page titles; defaults to the label. */
  singular?: string;
  icon?: ComponentType;
  /** Whether the menu lists it (default true); false for records reached from another page. */
  inMenu?: boolean;
  /** Field (or function) naming a record (references, autocomplete, titles); defaults to path/name/code. */
  representation?: string | ((record: AnyRecord) => string);
  /** A second line under the record's name in pickers, telling apart records of one name (a customer's number and phone). */
  subtitle?: (record: AnyRecord) => string;
  /** Default list order; must be a field the server sorts by. */
  sort?: SortPayload;
  /** Fields left out of the list (id, version and createdAt are always left out). */
  hideInList?: string[];
  /** Fields never shown, in the list or on the record's page (shown through another field's widget). */
  hidden?: string[];
  /** Fields shown by a widget of the catalogue (admin/src/generator/widgets/fieldWidgets.ts) instead of by their type, e.g. an audit entry's change set. */
  widgets?: Record<string, string>;
  /** Text filters picked from the type names a query lists (e.g. the audit log's record types), shown by their labels. */
  filterChoices?: Record<string, string>;
  /** Label overrides by field or argument name. */
  labels?: Record<string, string>;
  /** What a list row opens: `show` (the record's page) or, by default, the form when the record may be edited. */
  rowClick?: 'show' | 'edit';
  /** Filters shown without "Add filter". */
  alwaysOnFilters?: string[];
  /** Filters on an id of one of several resources (no reference in the schema), e.g. the audit log's principal. */
  filterReferences?: Record<string, string[]>;
  /** Fields shown first, in this order (list columns and the record's page); the rest follow by kind. */
  order?: string[];
  /** Mutations offered on the record's page (beyond edit and delete). */
  actions?: RecordActionEntry[];
  /** Resources listed on the record's page: those whose list filter takes `<name>Id` (e.g. a customer's requests). */
  related?: string[];
  /** Queries taking `<name>Id` shown as tabs of the record's page (e.g. a customer's contact history). */
  queries?: string[];
  /** Panels shown as tabs of the record's page after its queries (e.g. a customer's journey). */
  tabs?: PanelTabEntry[];
  /** Mutation taking the record's id, called when its page opens (e.g. openCustomer: recent customers). */
  openMutation?: string;
  /** Query listing the records the caller opened last, shown under the menu (e.g. recentCustomers). */
  recentQuery?: string;
  /** Panels shown on the record's page below its fields, by name (admin/src/pages/panels.ts), e.g. a queue's call simulator. */
  panels?: string[];
  /** Reload the record's page this often, for live values (a queue's device usage and queued calls). */
  refreshSeconds?: number;
  /** Shown right after an input of its forms, by argument name: parts by name (admin/src/pages/panels.ts), e.g. an agent type's quota usage. */
  beside?: Record<string, string>;
  /** Buttons of the list's toolbar and of its selected rows, by name (admin/src/pages/panels.ts), e.g. the agents' batch configuration. */
  listActions?: string[];
  bulkActions?: string[];
}

/** Presentation chosen for some resources (labels, icons, order, actions), in menu order; optional for each. */
export const REGISTRY: ResourceEntry[] = [
  {
    name: 'OrgUnit',
    label: 'Organization units',
    singular: 'Organization unit',
    icon: AccountTreeIcon,
    representation: 'path',
    sort: { field: 'path', order: 'ASC' },
    labels: { parentId: 'Parent OU' },
    // An agents' setting edited on the OU's page; the list keeps the tree's columns.
    hideInList: ['maxConcurrentSessions'],
  },
  {
    name: 'Employee',
    label: 'Employees',
    singular: 'Employee',
    icon: PeopleIcon,
    representation: 'name',
    subtitle: (r) => String(r.account ?? ''),
    sort: { field: 'account', order: 'ASC' },
    hideInList: ['email', 'phone', 'gender', 'managerId', 'mustChangePassword', 'updatedAt'],
    labels: { homeOuId: 'Home OU', isTenantAdmin: 'Tenant admin', roleIds: 'Roles', grants: 'OU grants' },
  },
  {
    name: 'Role',
    label: 'Roles',
    singular: 'Role',
    icon: AdminPanelSettingsIcon,
    sort: { field: 'name', order: 'ASC' },
    hideInList: ['permissions'],
  },
  {
    name: 'ApiClient',
    label: 'API clients',
    singular: 'API client',
    icon: VpnKeyIcon,
    sort: { field: 'name', order: 'ASC' },
    hideInList: ['description', 'roleIds', 'updatedAt'],
    labels: { roleIds: 'Roles', grants: 'OU grants', clientId: 'Client ID' },
    actions: [
      { mutation: 'rotateApiClientSecret', label: 'Rotate secret', confirm: true, hiddenFor: (r) => !!r.revokedAt },
      { mutation: 'revokeApiClient', label: 'Revoke', confirm: true, hiddenFor: (r) => !!r.revokedAt },
    ],
  },
  {
    name: 'AuditEntry',
    label: 'Audit log',
    singular: 'Audit entry',
    icon: HistoryIcon,
    // Read at call time: the entry's page title ("Created customer").
    representation: (r) => auditActionText(r),
    sort: { field: 'at', order: 'DESC' },
    hideInList: ['ouId'],
    hidden: ['principalId', 'principalKind', 'action'],
    labels: { at: 'When', principalHandle: 'Who', principalId: 'Who', operation: 'What', recordId: 'Record', ouId: 'OU' },
    order: ['at', 'principalHandle', 'operation', 'recordType', 'recordId', 'changes', 'ouId'],
    widgets: { principalHandle: 'auditPrincipal', operation: 'auditAction', recordType: 'recordType', recordId: 'auditRecord', changes: 'auditChanges' },
    alwaysOnFilters: ['recordType'],
    filterChoices: { recordType: 'auditRecordTypes' },
    filterReferences: { principalId: ['Employee', 'ApiClient'] },
  },
  {
    name: 'Customer',
    label: 'Customers',
    singular: 'Customer',
    icon: ContactPhoneIcon,
    representation: (r) => (r.name ? String(r.name) : `#${String(r.customerNumber ?? '')}`),
    subtitle: (r) => [`#${String(r.customerNumber ?? '')}`, ...(Array.isArray(r.phones) ? r.phones.slice(0, 1) : [])].join(' · '),
    sort: { field: 'customerNumber', order: 'DESC' },
    hideInList: ['gender', 'address', 'addressDetail', 'remark', 'updatedAt'],
    labels: { ouId: 'OU' },
    order: ['customerNumber', 'name', 'phones', 'emails', 'company', 'address', 'addressDetail', 'gender', 'ouId', 'remark'],
    rowClick: 'show',
    alwaysOnFilters: ['phone', 'email'],
    related: ['CustomerRequest', 'Activity'],
    queries: ['contactHistory'],
    tabs: [{ panel: 'journey', query: 'customerJourney', label: 'Journey' }],
    openMutation: 'openCustomer',
    recentQuery: 'recentCustomers',
    listActions: ['customerImport'],
  },
  {
    name: 'CustomerRequest',
    label: 'Customer requests',
    singular: 'Customer request',
    icon: AssignmentIcon,
    sort: { field: 'lastActivityAt', order: 'DESC' },
    hideInList: ['description', 'closedAt'],
    related: ['Activity'],
  },
  {
    name: 'Activity',
    label: 'Activities',
    singular: 'Activity',
    inMenu: false,
    representation: (r) =>
      `${String(r.mediaType ?? '')} ${String(r.createdAt ?? '')
        .slice(0, 16)
        .replace('T', ' ')}`.trim(),
    sort: { field: 'createdAt', order: 'DESC' },
    rowClick: 'show',
    actions: [
      { mutation: 'addComment', label: 'Add comment' },
      { mutation: 'moveActivity', label: 'Move', dialog: 'moveActivity' },
    ],
  },
  {
    name: 'AddressOption',
    label: 'Address options',
    singular: 'Address option',
    icon: HomeWorkIcon,
    representation: 'value',
    sort: { field: 'value', order: 'ASC' },
  },
  {
    name: 'ActivityFieldDefinition',
    label: 'Activity fields',
    singular: 'Activity field',
    icon: TextFieldsIcon,
    representation: 'key',
    sort: { field: 'key', order: 'ASC' },
  },
  { name: 'AccessCode', label: 'Access codes', singular: 'Access code', icon: DialpadIcon, representation: 'code' },
  // The generated label would read "Ivrs".
  { name: 'Ivr', label: 'IVRs', singular: 'IVR', icon: CallSplitIcon, representation: 'name' },
  { name: 'VoicePrompt', label: 'Voice prompts', singular: 'Voice prompt', icon: RecordVoiceOverIcon, representation: 'name' },
  {
    name: 'SkillQueue',
    label: 'Skill queues',
    singular: 'Skill queue',
    icon: QueueIcon,
    representation: 'name',
    hideInList: ['description', 'subtypes', 'maxCallSeconds', 'queuingPromptId', 'queuingIvrId', 'holdPromptId', 'answerPromptId', 'updatedAt'],
    // The live load first on the queue's page.
    order: ['name', 'type', 'deviceUsage', 'queuedCalls', 'effectiveMaxQueuedCalls', 'effectiveWrapUpSeconds'],
    rowClick: 'show',
    panels: ['callSimulator'],
    refreshSeconds: 10,
  },
  { name: 'SkillQueueGroup', label: 'Skill queue groups', singular: 'Skill queue group', icon: GroupWorkIcon, representation: 'name' },
  { name: 'CalledRoute', label: 'Called routes', singular: 'Called route', icon: PhoneForwardedIcon, representation: 'dialledNumber' },
  {
    name: 'WebChannel',
    label: 'Web channels',
    singular: 'Web channel',
    icon: ChatIcon,
    representation: 'channelCode',
    hideInList: [
      'transferKeywords',
      'clickToDialTarget',
      'clickToDialRouteId',
      'clickToDialIvrId',
      'dialogEndNoReplyMinutes',
      'dialogEndConclusion',
      'workTime',
      'queueReminderText',
      'chatbotAvatarUrl',
      'chatbotName',
      'chatbotGender',
      'chatbotAccessCode',
      'chatbotDefaultReply',
      'chatbotTimeoutReply',
      'chatbotTransferPrompt',
      'robotAssistantAccessCode',
      'robotAssistantSilentRouteId',
      'updatedAt',
    ],
    related: ['WorkTimeException'],
  },
  {
    name: 'WorkTimeException',
    label: 'Holidays and special hours',
    singular: 'Holiday or special hours',
    icon: EventBusyIcon,
    representation: 'date',
    sort: { field: 'date', order: 'ASC' },
    order: ['date', 'channelId', 'closed', 'segments', 'note'],
    labels: { channelId: 'Web channel' },
    hideInList: ['updatedAt'],
  },
  {
    name: 'Agent',
    label: 'Agents',
    singular: 'Agent',
    icon: SupportAgentIcon,
    representation: 'agentId',
    sort: { field: 'agentId', order: 'ASC' },
    hideInList: [
      'phone',
      'phoneOnly',
      'anonymizationFlag',
      'smartFormFilling',
      'intelligentFormFillingActive',
      'intelligentRecognition',
      'webrtcEnabled',
      'skills',
      'hasSoftphonePassword',
      'updatedAt',
    ],
    labels: { agentId: 'Agent ID', skills: 'Skill queues', skillQueueGroupId: 'Skill queue group', webrtcEnabled: 'WebRTC enabled' },
    beside: { agentType: 'agentTypeQuota', intelligentRecognition: 'intelligentQuota' },
    listActions: ['configureAgentRange'],
    bulkActions: ['configureSelectedAgents', 'resetSelectedParameters', 'syncSelectedParameters'],
    panels: ['agentParameters'],
  },
];

/**
 * Presentation of an input object type's fields wherever a form edits one (a group of inputs, or
 * the rows of a list): labels, field order (the schema's is alphabetical), switches that imply
 * others (granting write implies read, as the server does) and a new row's values.
 */
export interface InputTypeEntry {
  labels?: Record<string, string>;
  order?: string[];
  implies?: Record<string, string>;
  defaults?: Record<string, unknown>;
  /** Switches at most one row of a list has on (an agent's default skill queue): turning one on turns the others off. */
  exclusive?: string[];
  /**
   * Every field may be left out, which keeps what the records have (a batch's changes): what
   * switches and choices offer for that, beside their values ("Keep"), instead of a default.
   */
  unsetLabel?: string;
}

export const INPUT_TYPES: Record<string, InputTypeEntry> = {
  OuGrantInput: { labels: { ouId: 'OU', canRead: 'Read', canWrite: 'Write' }, implies: { canWrite: 'canRead' }, defaults: { canRead: true, canWrite: false } },
  TimeSegmentInput: { order: ['start', 'end'] },
  WorkTimeInput: { order: ['timeZone', 'workdays', 'workdaySegments', 'nonWorkdaySegments', 'nonWorkingTimeNotice'] },
  QueueHandlerInput: { order: ['action', 'targetType', 'ivrId', 'skillQueueId'] },
  AgentSkillInput: { labels: { skillQueueId: 'Skill queue', isDefault: 'Default' }, order: ['skillQueueId', 'isDefault'], exclusive: ['isDefault'] },
  AgentChangesInput: { unsetLabel: 'Keep' },
  BusyHandlerInput: {
    order: ['action', 'targetType', 'ivrId', 'skillQueueId', 'queueUsageThreshold', 'busyCondition', 'busyConditionValue', 'maxQueuedMode', 'maxQueuedValue'],
  },
};

/** Every resource with a page: the registry's entries over their defaults, then the other published resources by label. */
export const RESOURCES: ResourceEntry[] = mergeResources(REGISTRY, publishedResources());

const byName = new Map(RESOURCES.map((r) => [r.name, r]));
export const findResource = (name: string): ResourceEntry | undefined => byName.get(name);

type Translate = typeof translateNow;

/** A record type's name as a person reads it: its page's singular name, else the console's own word (`app.audit.record_types`). */
export function typeLabel(typeName: string, translate: Translate = translateNow): string {
  if (findResource(typeName)) return translate(resourceNameKey(typeName), { smart_count: 1 });
  return optionalMessage(translate, `app.audit.record_types.${typeName}`) ?? humanize(typeName);
}

/**
 * The resource an audit entry's record is: its record type, unless that names a permission
 * subject shared by several resources (`CustomerContext`: requests and activities), where the
 * operation says which (`createCustomerRequest`, `moveActivity`).
 */
export function auditRecordType(r: AnyRecord): string {
  const recordType = String(r.recordType ?? '');
  if (byName.has(recordType)) return recordType;
  const operation = String(r.operation ?? '');
  const named = RESOURCES.filter((e) => operation.endsWith(e.name)).sort((a, b) => b.name.length - a.name.length)[0];
  return named?.name ?? recordType;
}

/** What an audit entry did, in words: its operation's own (`app.audit.operations`, "Issued a new secret"), else its action and the record's kind ("Created customer"). */
export function auditActionText(r: AnyRecord, translate: Translate = translateNow): string {
  const own = optionalMessage(translate, `app.audit.operations.${String(r.operation ?? '').replace(/\W+/g, '_')}`);
  if (own) return own;
  const action = ['created', 'updated', 'deleted'].includes(String(r.action)) ? String(r.action) : 'updated';
  return translate(`app.audit.did.${action}`, { type: inSentence(typeLabel(auditRecordType(r), translate)) });
}

/**
 * A record the caller has exactly one of (no list, no id in the route): a query reads it, a
 * mutation edits it. Served by the data provider as a pseudo-resource (getOne / update).
 */
export interface SingletonEntry {
  /** Pseudo-resource name used with react-admin (getOne / update / canAccess). */
  name: string;
  label: string;
  path: string;
  query: string;
  mutation: string;
  icon?: ComponentType;
  /** Form layout (presentation only; the inputs are generated): arguments sharing a prefix grouped under a title (a translation key). */
  form?: { groups?: { prefix: string; title: string }[] };
}

export const SINGLETONS: SingletonEntry[] = [
  {
    name: 'MyTenant',
    label: 'Tenant parameters',
    path: '/my-tenant',
    query: 'myTenant',
    mutation: 'updateMyTenant',
    icon: TuneIcon,
    form: { groups: [{ prefix: 'quota', title: 'app.tenant.agent_quotas' }] },
  },
];

export const findSingleton = (name: string): SingletonEntry | undefined => SINGLETONS.find((s) => s.name === name);

// The names of the pages (their labels are the English ones), for the i18n provider: recorded
// here, with the registry, so they come with whatever loads it and not with the login page.
for (const r of RESOURCES) resourceLabels(r.name, r.singular ?? r.label, r.label);
for (const s of SINGLETONS) singletonLabels(s.name, s.label);

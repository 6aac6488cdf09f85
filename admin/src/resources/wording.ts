import { helpLabel } from '../i18n/generated';

/**
 * The console's own words for the people who run a contact center (docs/decisions.md, "The
 * console's wording is its own"). Schema descriptions are written for integrators ("null =
 * Unorganized", "write needed on both") and are never shown; where this table has nothing, the
 * console shows nothing. Plain tables of strings, keyed, so the i18n provider can translate them.
 */

/**
 * Help under an input, by `Type.field`: the resource a create or update form edits
 * (`Employee.homeOuId`), the singleton (`MyTenant.…`), an input object (`OuGrantInput.…`), or
 * the mutation or query of any other form (`moveActivity.toCustomerId`, `contactHistory.from`).
 */
export const HELP: Record<string, string> = {
  'AccessCode.code': 'The number callers dial.',
  'AccessCode.mediaType': 'Which calls it takes; the queues its routes reach must be of the same kind.',
  'Activity.fields': 'Values of the activity fields your organization defined.',
  'Activity.tags': 'Free labels, up to 20.',
  'ActivityFieldDefinition.key': 'How the field is stored: letters, digits and "_"; cannot be changed later.',
  'ActivityFieldDefinition.label': 'What agents see; the key when empty.',
  'ActivityFieldDefinition.required': 'Every activity must have a value for it.',
  'Agent.agentType': 'Counts against the agent quota of this type (Tenant parameters).',
  'Agent.anonymizationFlag': 'Passed on to third parties; it does not hide numbers in the console.',
  'Agent.intelligentRecognition': 'Real-time speech recognition and suggestions; counts against the intelligent agent quota.',
  'Agent.phoneOnly': 'Signs in through a voice menu and answers calls on a phone.',
  'Agent.skillQueueGroupId': 'A group of skill queues, instead of choosing queues one by one.',
  'Agent.skills': 'The queues the agent answers; one of them is the default.',
  'Agent.smartFormFilling': 'Works only while intelligent form filling and intelligent recognition are on for the tenant.',
  'updateAgent.softphonePassword': 'Leave empty to keep the current password.',
  'Agent.webrtcEnabled': 'Answer in the browser; needs no bound phone and a voice queue.',
  'ApiClient.enabled': 'Turning it off signs the client out at once.',
  'ApiClient.grants': 'Which organization units the client reaches; each grant covers the unit and the units below it.',
  'CalledRoute.extensionCode': 'Dialled after the access code; empty for none.',
  'Customer.address': 'Chosen from your address list.',
  'Customer.emails': 'Up to 2 addresses.',
  'Customer.ouId': 'The organization unit that looks after this customer.',
  'Customer.phones': 'Up to 5 numbers, in any format; calls are matched whatever the format.',
  'CustomerRequest.status': 'A closed request can be reopened later.',
  'Employee.account': 'The name used to sign in. It cannot be the same as another account, in any organization.',
  'Employee.enabled': 'Turning it off signs the employee out at once.',
  'Employee.grants': 'Which organization units the employee reaches; each grant covers the unit and the units below it.',
  'Employee.homeOuId': 'The unit whose supervisors manage this employee. It gives the employee no access; grants do.',
  'Employee.isTenantAdmin': 'Can do everything, in every organization unit.',
  'updateEmployee.password': 'Leave empty to keep the current password.',
  'createEmployee.password': 'The employee chooses a new password when first signing in.',
  'Employee.roleIds': 'What the employee may do; grants say where.',
  'Ivr.accessCode': 'The number that reaches this voice menu directly.',
  'MyTenant.answerMode': 'How agents answer, unless an agent has a setting of their own.',
  'MyTenant.contactRecordSpanDays': 'How many days back a customer’s contact history reaches.',
  'MyTenant.intelligentFormFilling': 'Lets agents use smart form filling.',
  'MyTenant.interOrgIsolation': 'When on, employees and API clients see only the organization units granted to them. When off, they see all.',
  'MyTenant.maxConcurrentSessions': 'For every agent, unless their unit or the agent has a value of its own. 0 means no limit.',
  'MyTenant.openEyeIntegration': 'Shows the OpenEye softphone in the agents’ web page.',
  'MyTenant.twoFactorMethod': 'A second step employees take when signing in.',
  'MyTenant.unifiedCustomerContact': 'When off, agents and connected systems cannot look up a customer’s contact details.',
  'OrgUnit.maxConcurrentSessions': 'For agents in this unit; 0 uses the parent unit’s or the tenant’s value.',
  'OrgUnit.parentId': 'The unit it belongs under.',
  'OrgUnit.name': 'Unique among the units beside it.',
  'OuGrantInput.canWrite': 'Write includes read.',
  'Role.permissions': 'The pages and actions the role allows.',
  'SkillQueue.maxQueuedCalls': 'When this many calls wait, new calls are treated as busy.',
  'SkillQueue.maxWaitSeconds': 'After this long, the timeout handling applies.',
  'SkillQueue.onBusy': 'What happens to a call while the queue is busy or full.',
  'SkillQueue.onNoAgent': 'What happens to a call while no agent is on duty.',
  'SkillQueue.onTimeout': 'What happens to a call that waited too long.',
  'SkillQueue.subtypes': 'The channels a multimedia queue serves; none means all.',
  'SkillQueue.wrapUpSeconds': 'Time an agent gets after a call before the next one.',
  'SkillQueueGroup.mediaClass': 'Voice and video queues, or multimedia queues; a group holds one kind.',
  'VoicePrompt.fileUrl': 'The web address of the recording.',
  'WebChannel.chatbotEnabled': 'A chatbot answers visitors first.',
  'WebChannel.dialogEndEnabled': 'End a chat when the visitor stops replying (otherwise it ends after 20 minutes).',
  'WebChannel.robotAssistantEnabled': 'A robot assistant suggests answers to agents.',
  'WebChannel.thirdPartyAuthEnabled': 'Your website signs visitors in with a shared secret.',
  'updateWebChannel.thirdPartySecret': 'Leave empty to keep the current secret.',
  'WebChannel.transferKeywords': 'Words with which a visitor asks the chatbot for a person.',
  'WebChannel.workTime': 'When the channel is staffed, in its time zone.',
  'WorkTimeException.closed': 'Closed all day; otherwise open only in the hours below.',
  'WorkTimeException.date': 'In the channel’s time zone.',
  'WorkTimeException.note': 'For example “New Year”.',
  'contactHistory.from': 'Not earlier than the contact history period allows.',
  'moveActivity.toCustomerId': 'Leave empty to keep it with this customer; you need to be able to edit both customers.',
  'moveActivity.toRequestId': 'A request of the chosen customer; a closed one reopens.',
};

/** What a dialog says above its inputs, or the question before an action without inputs, by mutation. */
export const ACTION_TEXT: Record<string, string> = {
  addComment: 'The note is signed with your name.',
  batchResetAgentParameters:
    'Resets the parameters of each selected agent you may change to their defaults, and reports on each. A preview shows the same report and changes nothing.',
  batchSyncAgentParameters:
    'Sends the saved parameters of each selected agent you may change, and reports on each; agents that were synchronised must sign in again. A preview shows the same report and changes nothing.',
  configureAgents:
    'Applies the same changes to each selected agent you may edit, each agent completely or not at all, within its rules and quotas, and reports on each. A preview shows the same report and changes nothing.',
  moveActivity: 'The activity and its comments move to the request or customer you choose; a closed request reopens.',
  revokeApiClient: 'The client stops working at once, for good. This cannot be undone.',
  rotateApiClientSecret: 'A new secret is shown once; the current one stops working at once.',
};

/** The line above a query's answer on a record's page, by query. */
export const QUERY_TEXT: Record<string, string> = {
  contactHistory: 'Calls and messages with this customer, newest first, within the contact history period set in Tenant parameters.',
};

type Translate = (key: string, options?: Record<string, unknown>) => string;
let current: Translate = (key, options) => String(options?._ ?? key);

/** The i18n provider's translate, set by the provider: for texts built outside components (a record's title in a page title). */
export const setTranslate = (translate: Translate) => {
  current = translate;
};
export const translateNow: Translate = (key, options) => current(key, options);

/** "API client" stays, "Customer" reads "customer" inside a sentence. */
export const inSentence = (label: string) => (/^[A-Z][a-z]/.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label);

/** A message of `app.*` when it exists, else undefined (the console's own words for an audit operation or record type). */
export function optionalMessage(translate: Translate, key: string): string | undefined {
  const text = translate(key, { _: '' });
  return text && text !== key ? text : undefined;
}

/**
 * The help under an input of a form for `operation` (`createEmployee`, `updateMyTenant`,
 * `moveActivity`, an input type), as a translation key (`help.Employee.homeOuId`): the operation's
 * own, else its resource's; none when the console has none.
 */
export function helpFor(operation: string, field: string): string | undefined {
  const resource = /^(?:create|update)([A-Z]\w*)$/.exec(operation)?.[1];
  const owner = HELP[`${operation}.${field}`] ? operation : resource && HELP[`${resource}.${field}`] ? resource : undefined;
  return owner ? helpLabel(owner, field, HELP[`${owner}.${field}`]!) : undefined;
}

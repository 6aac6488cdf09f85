import { registerEnumType } from 'type-graphql';

/** The six agent parameters (SPEC §5), named as the API spells them. */
export enum AgentParameterName {
  calloutCaller = 'calloutCaller',
  answerMode = 'answerMode',
  openEyeIntegration = 'openEyeIntegration',
  openEyeVideoDisplay = 'openEyeVideoDisplay',
  webrtcAutoRegister = 'webrtcAutoRegister',
  queueSignInMode = 'queueSignInMode',
}
registerEnumType(AgentParameterName, {
  name: 'AgentParameterName',
  description: 'One of the agent parameters (SPEC §5)',
  valuesConfig: {
    calloutCaller: { description: 'The calling number of outbound calls: empty (default) or 1 to 24 digits' },
    answerMode: { description: "Answer mode: AUTOMATIC, MANUAL or TENANT (default: the tenant's answerMode)" },
    openEyeIntegration: { description: "Web-integrated OpenEye: NO, YES or TENANT (default: the tenant's openEyeIntegration)" },
    openEyeVideoDisplay: { description: 'OpenEye video display "x,y,w,h,PiP|SbS,Fit|Cut" or empty (default); set only while the integration is on' },
    webrtcAutoRegister: { description: 'WebRTC registers on sign-in: true (default) or false' },
    queueSignInMode: { description: 'How the agent signs in to skill queues: AUTOMATIC or SPECIFIED (default)' },
  },
});

/** Whether a stored value has reached the serving cache. */
export enum AgentParameterSyncState {
  SAVED = 'SAVED',
  SYNCED = 'SYNCED',
}
registerEnumType(AgentParameterSyncState, {
  name: 'AgentParameterSyncState',
  description: 'Whether a parameter value is only saved, or synchronized to the serving cache',
  valuesConfig: {
    SAVED: { description: 'Saved, not synchronized yet: the agent works with the synchronized value until a sync and its next sign-in' },
    SYNCED: { description: 'Synchronized to the serving cache (applies from the next sign-in)' },
  },
});

/** The value that follows the tenant (answerMode, openEyeIntegration). */
export const TENANT_VALUE = 'TENANT';
/** The longest value any parameter takes ("10000,10000,10000,10000,PiP,Fit" is 31). */
export const PARAMETER_VALUE_MAX = 40;
/** Bounds of the video display's position and size, in pixels. */
export const VIDEO_COORDINATE_MAX = 10_000;

const VIDEO_DISPLAY = /^(\d{1,5}),(\d{1,5}),(\d{1,5}),(\d{1,5}),(PiP|SbS),(Fit|Cut)$/;

interface Definition {
  defaultValue: string;
  /** The values it takes when they are a closed set (a picker offers them); none: a text. */
  choices?: readonly string[];
  /** The error of a value outside what the parameter allows; null when it is allowed. */
  check(value: string): string | null;
}

/** A parameter taking one of `values`: its choices, and the check refusing anything else. */
const oneOf = (label: string, values: readonly string[]): Pick<Definition, 'choices' | 'check'> => ({
  choices: values,
  check: (value) => (values.includes(value) ? null : `${label} must be one of ${values.join(', ')}`),
});

/** The error of a video display that is not "x,y,w,h,PiP|SbS,Fit|Cut" with x, y 0 to 10000 and w, h 1 to 10000; null when well formed. */
export function videoDisplayError(value: string): string | null {
  const m = VIDEO_DISPLAY.exec(value);
  const format = 'Video display must read x,y,width,height,PiP|SbS,Fit|Cut, e.g. 0,0,800,380,PiP,Fit';
  if (!m) return format;
  const [x, y, w, h] = m.slice(1, 5).map(Number) as [number, number, number, number];
  if (x > VIDEO_COORDINATE_MAX || y > VIDEO_COORDINATE_MAX) return `Video position x and y must be 0 to ${VIDEO_COORDINATE_MAX}`;
  if (w < 1 || h < 1 || w > VIDEO_COORDINATE_MAX || h > VIDEO_COORDINATE_MAX) return `Video width and height must be 1 to ${VIDEO_COORDINATE_MAX}`;
  return null;
}

/** Each parameter's default and allowed values (SPEC §5). */
export const PARAMETERS: Record<AgentParameterName, Definition> = {
  calloutCaller: {
    defaultValue: '',
    check: (v) => (v === '' || /^\d{1,24}$/.test(v) ? null : 'Callout caller must be empty or 1 to 24 digits'),
  },
  answerMode: { defaultValue: TENANT_VALUE, ...oneOf('Answer mode', ['AUTOMATIC', 'MANUAL', TENANT_VALUE]) },
  openEyeIntegration: { defaultValue: TENANT_VALUE, ...oneOf('OpenEye integration', ['NO', 'YES', TENANT_VALUE]) },
  openEyeVideoDisplay: { defaultValue: '', check: (v) => (v === '' ? null : videoDisplayError(v)) },
  webrtcAutoRegister: { defaultValue: 'true', ...oneOf('WebRTC auto-registration', ['true', 'false']) },
  queueSignInMode: { defaultValue: 'SPECIFIED', ...oneOf('Queue sign-in mode', ['AUTOMATIC', 'SPECIFIED']) },
};

/** The parameters in the order the personal center lists them (the seed's table). */
export const PARAMETER_NAMES = Object.keys(PARAMETERS) as AgentParameterName[];
/** The most choices a parameter has (a bound for the cost of reading them). */
export const MAX_PARAMETER_CHOICES = Math.max(...Object.values(PARAMETERS).map((d) => d.choices?.length ?? 0));

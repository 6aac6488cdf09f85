import { useDataProvider, type DataProvider } from 'react-admin';
import { useQuery } from '@tanstack/react-query';
import type { OperationsProvider } from '../../providers/dataProvider';

/** Where an inherited value comes from (SPEC §5). */
export type SettingSource = 'AGENT' | 'OU' | 'TENANT';

export interface Effective<T> {
  value: T;
  source: SettingSource;
}

/** `myAgent`, as the personal center reads it (three levels: its queues, its effective values). */
export interface MyAgent {
  employee: { id: string; account: string; name: string; phone: string; email: string; position: string; managerName: string | null };
  agent: {
    id: string;
    agentId: number;
    agentType: string;
    platformRole: string;
    softphoneNumber: string;
    skillQueueGroupName: string | null;
    skillQueues: { id: string; name: string; isDefault: boolean }[];
  };
  settings: Record<string, unknown>;
  /** `effectiveMaxConcurrentSessions` and any other inherited setting: `effective<Setting>`. */
  [effective: `effective${string}`]: Effective<number | string>;
}

export const MY_AGENT_KEY = ['myAgent'];

/** The signed-in employee's agent, or null without one (the personal center's menu entries are shown only with one). */
export function useMyAgent() {
  const dataProvider = useDataProvider<DataProvider & OperationsProvider>();
  return useQuery({
    queryKey: MY_AGENT_KEY,
    queryFn: () => dataProvider.query<MyAgent | null>('myAgent', {}, { depth: 3 }),
  });
}

/** The settings with an effective value (`effectiveMaxConcurrentSessions` → `maxConcurrentSessions`), and that value. */
export function effectiveSettings(agent: MyAgent): Record<string, Effective<number | string>> {
  return Object.fromEntries(
    Object.entries(agent)
      .filter(([key, v]) => key.startsWith('effective') && v && typeof v === 'object' && 'source' in v)
      .map(([key, v]) => [key.charAt(9).toLowerCase() + key.slice(10), v as Effective<number | string>]),
  );
}

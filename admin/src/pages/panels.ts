import type { ComponentType } from 'react';
import type { AnyRecord } from '../resources/registry';
import { CallSimulatorPanel } from './CallSimulatorPanel';
import { AgentTypeQuota, IntelligentQuota } from './agents/AgentQuota';
import { AgentParametersPanel } from './agents/AgentParametersPanel';
import {
  ConfigureAgentRangeButton,
  ConfigureSelectedAgentsButton,
  ResetSelectedParametersButton,
  SyncSelectedParametersButton,
} from './agents/AgentBatchButtons';
import { ImportCustomersButton } from './CustomerImportPage';
import { JourneyPanel } from './journey/JourneyPanel';
import { MoveActivityDialog } from './journey/MoveActivityDialog';

/**
 * Parts a registry entry may show, by name, each rendered in its context: panels on its records'
 * pages (`panels: ['callSimulator']`, and tabs of them, `tabs`, in the record's context), inputs' companions in its forms
 * (`beside`, in the form's context) and buttons of its list (`listActions`, `bulkActions`, in the
 * list's context). Named here, not in the registry, which the providers import.
 */
export const PANELS: Record<string, ComponentType> = {
  callSimulator: CallSimulatorPanel,
  agentParameters: AgentParametersPanel,
  agentTypeQuota: AgentTypeQuota,
  intelligentQuota: IntelligentQuota,
  configureAgentRange: ConfigureAgentRangeButton,
  configureSelectedAgents: ConfigureSelectedAgentsButton,
  resetSelectedParameters: ResetSelectedParametersButton,
  syncSelectedParameters: SyncSelectedParametersButton,
  customerImport: ImportCustomersButton,
  journey: JourneyPanel,
};

/** What a record action's own dialog is given: the record, and what to call when it closes, or when the mutation is done. */
export interface RecordDialogProps {
  record: AnyRecord;
  onClose: () => void;
  onDone: () => void;
}

/** Record actions' own dialogs (`dialog` of a registry action), by name. */
export const DIALOGS: Record<string, ComponentType<RecordDialogProps>> = {
  moveActivity: MoveActivityDialog,
};

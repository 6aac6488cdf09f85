import type { ComponentType } from 'react';
import { CallSimulatorPanel } from './CallSimulatorPanel';

/**
 * Panels a registry entry may show on its records' pages (`panels: ['callSimulator']`), each
 * rendered in the record's context. Named here, not in the registry, which the providers import.
 */
export const PANELS: Record<string, ComponentType> = {
  callSimulator: CallSimulatorPanel,
};

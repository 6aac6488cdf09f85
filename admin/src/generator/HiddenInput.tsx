import { useInput } from 'react-admin';

/**
 * Registers a value the user does not edit (e.g. `version`) so it is submitted as loaded:
 * the server compares it and answers CONFLICT when the record changed meanwhile.
 */
export const HiddenInput = ({ source }: { source: string }) => {
  const { field } = useInput({ source });
  return <input type="hidden" name={field.name} value={field.value ?? ''} readOnly data-source={source} />;
};

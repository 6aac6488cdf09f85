import { useEffect, useState } from 'react';
import { TextField } from '@mui/material';
import { InputHelperText, useInput, type Validator } from 'react-admin';

/** Text that is not valid JSON stays text in the form value, so this validator can name the problem. */
const jsonObject: Validator = (value: unknown) => {
  if (value == null) return undefined;
  if (typeof value === 'string') return 'app.validation.json';
  if (typeof value !== 'object' || Array.isArray(value)) return 'app.validation.json_object';
  return undefined;
};

const show = (value: unknown) => (value == null ? '' : typeof value === 'string' ? value : JSON.stringify(value, null, 2));

/**
 * An editor for a `JSONObject` argument: the object as indented JSON text, parsed on every
 * change (the form holds the object; text that does not parse is refused before any request).
 */
export const JsonInput = ({
  source,
  label,
  validate = [],
  helperText,
  readOnly,
}: {
  source: string;
  label: string;
  validate?: Validator[];
  helperText?: string | false;
  readOnly?: boolean;
}) => {
  const { field, fieldState, isRequired } = useInput({ source, validate: [...validate, jsonObject] });
  const [text, setText] = useState(() => show(field.value));
  // A value set from outside (record loaded, form reset) replaces the text; our own edits do not.
  useEffect(() => {
    setText((current) => {
      try {
        const parsed = current.trim() ? JSON.parse(current) : {};
        if (JSON.stringify(parsed) === JSON.stringify(field.value)) return current;
      } catch {
        if (current === field.value) return current;
      }
      return show(field.value);
    });
  }, [field.value]);
  const error = fieldState.invalid ? fieldState.error?.message : undefined;
  return (
    <TextField
      id={`json-${source}`}
      name={field.name}
      label={label}
      required={isRequired}
      value={text}
      multiline
      minRows={3}
      fullWidth
      margin="dense"
      slotProps={{ input: { readOnly, sx: { fontFamily: 'monospace', fontSize: 13 } } }}
      onBlur={field.onBlur}
      onChange={(e) => {
        const next = e.target.value;
        setText(next);
        // Emptied: no keys (the object the argument takes), not a missing value.
        if (!next.trim()) return field.onChange({});
        try {
          field.onChange(JSON.parse(next));
        } catch {
          field.onChange(next);
        }
      }}
      error={!!error}
      helperText={<InputHelperText error={error} helperText={helperText} />}
    />
  );
};

import { useEffect, useRef } from 'react';
import { Button } from '@mui/material';
import AddIcon from '@mui/icons-material/AddCircleOutlineOutlined';
import { useSimpleFormIterator } from 'react-admin';
import { useFormContext } from 'react-hook-form';

/** The label of one item: "Phones" → "Phone", "OU grants" → "OU grant". */
export const singular = (label: string) => (label.length > 1 && label.endsWith('s') ? label.slice(0, -1) : label);

const isEmpty = (v: unknown) => v == null || String(v).trim() === '';

/**
 * A list's "Add phone" / "Add OU grant", in words (a bare icon says nothing), disabled (not
 * hidden) once the list is full so the limit is visible. For a list of texts (`path` and its
 * `values` given) it goes to the last row while that row is still empty instead of adding
 * another, and a new row gets the focus.
 */
export const AddRowButton = ({ label, full = false, path, values }: { label: string; full?: boolean; path?: string; values?: readonly unknown[] }) => {
  const { add } = useSimpleFormIterator();
  const { setFocus } = useFormContext();
  const added = useRef(false);
  const last = (values?.length ?? 0) - 1;
  useEffect(() => {
    if (!added.current || !path) return;
    added.current = false;
    setFocus(`${path}.${last}`);
  }, [last, path, setFocus]);
  const onClick = () => {
    if (path && values && last >= 0 && isEmpty(values[last])) return setFocus(`${path}.${last}`);
    added.current = true;
    add();
  };
  return (
    <Button size="small" startIcon={<AddIcon />} disabled={full} onClick={onClick}>
      {label}
    </Button>
  );
};

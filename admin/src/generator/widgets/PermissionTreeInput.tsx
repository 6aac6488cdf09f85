import { useMemo } from 'react';
import { Box, Checkbox, FormControlLabel, FormHelperText, Paper, Typography } from '@mui/material';
import { FieldTitle, Labeled, useInput, useRecordContext, type Validator } from 'react-admin';
import { useMe } from '../../providers/me';
import { useCatalogue, type MenuPermission } from './catalogue';

/** Codes of the catalogue only, each operation with its menu (an operation counts only with it). */
function normalise(codes: Iterable<string>, catalogue: MenuPermission[]): string[] {
  const chosen = new Set(codes);
  const result: string[] = [];
  for (const menu of catalogue) {
    const ops = menu.operations.filter((o) => chosen.has(o.code)).map((o) => o.code);
    if (chosen.has(menu.code) || ops.length) result.push(menu.code, ...ops);
  }
  return result;
}

const MenuGroup = ({
  menu,
  value,
  onChange,
  disabled,
  readOnly,
}: {
  menu: MenuPermission;
  value: Set<string>;
  onChange?: (next: Set<string>) => void;
  disabled: (code: string) => boolean;
  readOnly?: boolean;
}) => {
  const set = (codes: string[], on: boolean) => {
    const next = new Set(value);
    for (const c of codes) on ? next.add(c) : next.delete(c);
    onChange?.(next);
  };
  const menuOn = value.has(menu.code);
  return (
    <Paper variant="outlined" role="group" aria-label={menu.label} sx={{ p: 1, breakInside: 'avoid', mb: 1.5 }}>
      <FormControlLabel
        label={<Typography variant="subtitle2">{menu.label}</Typography>}
        control={
          <Checkbox
            size="small"
            checked={menuOn}
            indeterminate={!menuOn && menu.operations.some((o) => value.has(o.code))}
            disabled={readOnly || disabled(menu.code)}
            // The menu off takes its operations with it; on, it is the page alone.
            onChange={(e) => set(e.target.checked ? [menu.code] : [menu.code, ...menu.operations.map((o) => o.code)], e.target.checked)}
          />
        }
      />
      <Box sx={{ display: 'flex', flexDirection: 'column', pl: 3 }}>
        {menu.operations.map((op) => (
          <FormControlLabel
            key={op.code}
            label={op.label}
            slotProps={{ typography: { variant: 'body2' } }}
            control={
              <Checkbox
                size="small"
                checked={value.has(op.code)}
                disabled={readOnly || disabled(op.code)}
                slotProps={{ input: { 'aria-label': op.label, 'data-code': op.code } as Record<string, string> }}
                // An operation is effective only with its menu: checking it checks the menu.
                onChange={(e) => set(e.target.checked ? [op.code, menu.code] : [op.code], e.target.checked)}
              />
            }
          />
        ))}
      </Box>
    </Paper>
  );
};

const TreeLayout = ({ children }: { children: React.ReactNode }) => <Box sx={{ columnWidth: 250, columnGap: '16px', width: '100%' }}>{children}</Box>;

/**
 * The permission codes of a `[String!]` argument the server declares as edited with the
 * permission tree (`widget: 'permission-tree'`, the catalogue query in `options`; Role.permissions):
 * menus with their operations nested. Checking an operation checks its menu; only catalogue
 * codes are kept. Codes the caller does not hold (`me.permissions`,
 * every one for a tenant admin) are disabled: the server refuses to delegate them.
 */
export const PermissionTreeInput = ({
  source,
  label,
  query,
  validate,
  readOnly,
}: {
  source: string;
  label: string;
  query: string;
  validate?: Validator[];
  readOnly?: boolean;
}) => {
  const { field, fieldState, isRequired } = useInput({ source, validate, defaultValue: [] });
  const { data: catalogue = [] } = useCatalogue(query);
  const { data: me } = useMe();
  const value = useMemo(() => new Set<string>(Array.isArray(field.value) ? (field.value as string[]) : []), [field.value]);
  // The server delegates only what the caller holds: its effective permissions (all of them for a tenant admin).
  const held = useMemo(() => new Set(me?.permissions ?? []), [me]);
  const disabled = (code: string) => !me || (!held.has(code) && !value.has(code));
  return (
    <Box sx={{ width: '100%', mb: 2 }} data-source={source}>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        <FieldTitle label={label} isRequired={isRequired} />
      </Typography>
      <TreeLayout>
        {catalogue.map((menu) => (
          <MenuGroup
            key={menu.code}
            menu={menu}
            value={value}
            disabled={disabled}
            readOnly={readOnly}
            onChange={(next) => field.onChange(normalise(next, catalogue))}
          />
        ))}
      </TreeLayout>
      {fieldState.error?.message ? <FormHelperText error>{fieldState.error.message}</FormHelperText> : null}
    </Box>
  );
};

/** The same tree, read-only, for the record's page: only the menus it holds. */
export const PermissionTreeField = ({ source, label, query }: { source: string; label?: string; query: string }) => {
  const record = useRecordContext();
  const { data: catalogue = [] } = useCatalogue(query);
  const value = new Set<string>(Array.isArray(record?.[source]) ? (record[source] as string[]) : []);
  const held = catalogue.filter((m) => value.has(m.code) || m.operations.some((o) => value.has(o.code)));
  return (
    <Labeled label={label ?? source} fullWidth>
      {held.length ? (
        <TreeLayout>
          {held.map((menu) => (
            <MenuGroup
              key={menu.code}
              menu={{ ...menu, operations: menu.operations.filter((o) => value.has(o.code)) }}
              value={value}
              disabled={() => true}
              readOnly
            />
          ))}
        </TreeLayout>
      ) : (
        <Typography variant="body2">—</Typography>
      )}
    </Labeled>
  );
};

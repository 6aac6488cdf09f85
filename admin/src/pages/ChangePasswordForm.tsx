import { useMemo, useState, type ReactNode } from 'react';
import { Box } from '@mui/material';
import { Form, PasswordInput, ResourceContextProvider, SaveButton, required, useNotify, type Validator } from 'react-admin';
import { inputFor } from '../generator/inputs';
import { authProvider, getMe, refreshMe } from '../providers/authProvider';
import { dataProvider } from '../providers/dataProvider';
import { fieldErrorsOf } from '../providers/errors';
import { getMutation } from '../schema/introspection';

const MUTATION = 'changePassword';
/** The current password first, then the new one (the schema lists them alphabetically). */
const ORDER = ['oldPassword', 'newPassword'];
const LABELS: Record<string, string> = { oldPassword: 'app.password.current', newPassword: 'app.password.new' };

const sameAs =
  (other: string): Validator =>
  (value: unknown, values: Record<string, unknown>) =>
    value === values[other] ? undefined : 'app.password.mismatch';

/**
 * The server's `changePassword` as a form: its arguments (plus a repetition of the new password,
 * checked here); the server's field errors (a wrong current password, a weak new one) land under
 * the inputs. Used by the first-login page and the profile page.
 */
export const ChangePasswordForm = ({ actions }: { actions?: ReactNode }) => {
  const notify = useNotify();
  const [saving, setSaving] = useState(false);
  const mutation = getMutation(MUTATION)!;
  const inputs = useMemo(
    () => [...mutation.args].sort((a, b) => ORDER.indexOf(a.name) - ORDER.indexOf(b.name)).map((arg) => inputFor(MUTATION, arg, { label: LABELS[arg.name] })),
    [mutation],
  );

  const submit = async (values: Record<string, unknown>) => {
    setSaving(true);
    try {
      const { repeatPassword: _repeat, ...args } = values;
      const { account } = await getMe();
      await dataProvider.mutate(MUTATION, args);
      // The change revokes every token issued before it, this session's too: sign in again with the new password.
      await authProvider.login({ username: account, password: String(args.newPassword) });
      notify('app.password.changed', { type: 'success' });
      await refreshMe();
      return undefined;
    } catch (error) {
      const fields = fieldErrorsOf(error);
      if (fields) return fields;
      notify(error instanceof Error ? error.message : 'app.password.failed', { type: 'error' });
      return undefined;
    } finally {
      setSaving(false);
    }
  };

  return (
    <ResourceContextProvider value="Me">
      <Form onSubmit={submit as never} noValidate>
        {inputs}
        <PasswordInput
          source="repeatPassword"
          label="app.password.repeat"
          validate={[required(), sameAs('newPassword')]}
          fullWidth
          autoComplete="new-password"
        />
        <Box sx={{ display: 'flex', justifyContent: 'space-between', gap: 1, mt: 2 }}>
          {actions ?? <span />}
          <SaveButton label="app.password.change" icon={<span />} disabled={saving} alwaysEnable />
        </Box>
      </Form>
    </ResourceContextProvider>
  );
};

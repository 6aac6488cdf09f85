import { useMemo, useState } from 'react';
import { Alert, Box, Button, Card, CardContent, Typography } from '@mui/material';
import LockResetIcon from '@mui/icons-material/LockReset';
import { Form, PasswordInput, ResourceContextProvider, SaveButton, required, useLogout, useNotify, type Validator } from 'react-admin';
import { inputFor } from '../generator/inputs';
import { authProvider, getMe, refreshMe } from '../providers/authProvider';
import { dataProvider } from '../providers/dataProvider';
import { fieldErrorsOf } from '../providers/errors';
import { getMutation } from '../schema/introspection';

const MUTATION = 'changePassword';
/** The current password first, then the new one (the schema lists them alphabetically). */
const ORDER = ['oldPassword', 'newPassword'];
const LABELS: Record<string, string> = { oldPassword: 'Current password', newPassword: 'New password' };

const sameAs =
  (other: string): Validator =>
  (value: unknown, values: Record<string, unknown>) =>
    value === values[other] ? undefined : 'The passwords do not match';

/**
 * The first-login page: until the employee replaced the password an admin set, the server
 * refuses everything but `me`, so the console shows this page and nothing else. The inputs
 * are the mutation's arguments (plus a repetition of the new password, checked here); the
 * server's field errors (a wrong current password, a weak new one) land under the inputs.
 */
export const ChangePasswordPage = () => {
  const notify = useNotify();
  const logout = useLogout();
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
      notify('Password changed', { type: 'success' });
      await refreshMe();
      return undefined;
    } catch (error) {
      const fields = fieldErrorsOf(error);
      if (fields) return fields;
      notify(error instanceof Error ? error.message : 'The password could not be changed', { type: 'error' });
      return undefined;
    } finally {
      setSaving(false);
    }
  };

  return (
    <Box sx={{ display: 'flex', justifyContent: 'center', alignItems: 'flex-start', minHeight: '100vh', bgcolor: 'grey.100', pt: 10 }}>
      <Card sx={{ width: 440 }} component="main" aria-labelledby="change-password-title">
        <CardContent>
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 1 }}>
            <LockResetIcon color="primary" />
            <Typography id="change-password-title" variant="h6" component="h1">
              Change your password
            </Typography>
          </Box>
          <Alert severity="info" sx={{ mb: 2 }}>
            Your password was set by an administrator. Choose your own password to continue.
          </Alert>
          <ResourceContextProvider value="Me">
            <Form onSubmit={submit as never} noValidate>
              {inputs}
              <PasswordInput
                source="repeatPassword"
                label="Repeat new password"
                validate={[required(), sameAs('newPassword')]}
                fullWidth
                autoComplete="new-password"
              />
              <Box sx={{ display: 'flex', justifyContent: 'space-between', mt: 2 }}>
                <Button onClick={() => logout()}>Sign out</Button>
                <SaveButton label="Change password" icon={<span />} disabled={saving} alwaysEnable />
              </Box>
            </Form>
          </ResourceContextProvider>
        </CardContent>
      </Card>
    </Box>
  );
};

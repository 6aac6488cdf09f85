import { Box } from '@mui/material';
import CheckIcon from '@mui/icons-material/CheckCircleOutlineOutlined';
import PendingIcon from '@mui/icons-material/RadioButtonUnchecked';
import { PasswordInput, useTranslate, useWrappedSource, type Validator } from 'react-admin';
import { useWatch } from 'react-hook-form';
import { useMe } from '../../providers/me';
import { PASSWORD_POLICY, passwordChecks, passwordProblem } from '../../schema/passwordPolicy';

export interface PolicyPasswordProps {
  source: string;
  label: string;
  validate?: Validator[];
  helperText?: string | false;
  readOnly?: boolean;
  /** The form field holding the account the password must differ from; without it, the signed-in user's. */
  account?: string;
}

/**
 * A password input under the server's published policy: its rules listed under it, each ticked
 * as the user types, and the form refusing a password that breaks one before any request (in
 * the server's words). An empty optional password (no reset) is not checked.
 */
export const PolicyPasswordInput = ({ source, label, validate = [], helperText = false, readOnly, account }: PolicyPasswordProps) => {
  const translate = useTranslate();
  const { data: me } = useMe();
  const path = useWrappedSource(source);
  const accountPath = useWrappedSource(account ?? source);
  const [value, accountValue] = useWatch({ name: [path, accountPath] }) as [unknown, unknown];
  const accountOf = (values?: Record<string, unknown>) => (account ? String((values ? values[account] : accountValue) ?? '') : (me?.account ?? ''));
  const password = value == null ? '' : String(value);
  const policy: Validator = (v: unknown, values: Record<string, unknown>) =>
    v == null || v === '' ? undefined : passwordProblem(String(v), accountOf(values));
  return (
    <Box sx={{ width: '100%' }}>
      <PasswordInput
        source={source}
        label={label}
        validate={[...validate, policy]}
        helperText={helperText}
        readOnly={readOnly}
        autoComplete="new-password"
        fullWidth
      />
      {readOnly ? null : (
        <Box component="ul" aria-label={translate('app.password.rules', { _: 'Password rules' })} sx={{ listStyle: 'none', m: 0, mt: -0.5, mb: 1.5, pl: 1.5 }}>
          {passwordChecks(password, accountOf()).map((c) => (
            <Box
              component="li"
              key={c.code}
              data-met={c.met}
              sx={{ display: 'flex', alignItems: 'center', gap: 0.75, typography: 'body2', color: c.met ? 'success.main' : 'text.secondary' }}
            >
              {c.met ? <CheckIcon fontSize="inherit" /> : <PendingIcon fontSize="inherit" />}
              {translate(`app.password.rule.${c.code}`, { _: c.label, min: PASSWORD_POLICY.minLength })}
            </Box>
          ))}
        </Box>
      )}
    </Box>
  );
};

import { Alert, Box, Button, Card, CardContent, Typography } from '@mui/material';
import LockResetIcon from '@mui/icons-material/LockReset';
import { useLogout, useTranslate } from 'react-admin';
import { ChangePasswordForm } from './ChangePasswordForm';

/**
 * The first-login page: until the employee replaced the password an admin set, the server
 * refuses everything but `me`, so the console shows this page and nothing else.
 */
export const ChangePasswordPage = () => {
  const logout = useLogout();
  const translate = useTranslate();
  return (
    <Box sx={{ display: 'flex', justifyContent: 'center', alignItems: 'flex-start', minHeight: '100vh', bgcolor: 'grey.100', pt: 10 }}>
      <Card sx={{ width: 440 }} component="main" aria-labelledby="change-password-title">
        <CardContent>
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 1 }}>
            <LockResetIcon color="primary" />
            <Typography id="change-password-title" variant="h6" component="h1">
              {translate('app.password.first_title')}
            </Typography>
          </Box>
          <Alert severity="info" sx={{ mb: 2 }}>
            {translate('app.password.first_info')}
          </Alert>
          <ChangePasswordForm actions={<Button onClick={() => logout()}>{translate('app.sign_out')}</Button>} />
        </CardContent>
      </Card>
    </Box>
  );
};

import { defaultDarkTheme, defaultLightTheme, type RaThemeOptions } from 'react-admin';
import type { CheckboxOwnerState } from '@mui/material';
import { deepmerge } from '@mui/utils';

/**
 * react-admin's light theme, made to pass axe-core's checks (WCAG AA):
 * - the app bar's blue (secondary, #2196f3) gives white text 3.1:1, and the buttons' blue (primary,
 *   #1976d2) 4.4:1 on the page's background: darker blues give 8.6:1 and 5.9:1;
 * - a checkbox's `aria-label` (react-admin's "Select this row") goes on its input, where a screen
 *   reader and axe look for the name, not on the span around it (where ARIA forbids it).
 */
export const lightTheme: RaThemeOptions = deepmerge(defaultLightTheme, {
  palette: {
    primary: { light: '#5e92f3', main: '#1565c0', dark: '#003c8f', contrastText: '#fff' },
    secondary: { light: '#5472d3', main: '#0d47a1', dark: '#002171', contrastText: '#fff' },
  },
  components: {
    // react-admin's loading indicators (the app bar's, a list's) are progress bars without a name.
    MuiCircularProgress: { defaultProps: { 'aria-label': 'Loading' } },
    MuiCheckbox: {
      defaultProps: {
        slotProps: {
          root: () => ({ 'aria-label': undefined }),
          input: (ownerState: CheckboxOwnerState) => ({ 'aria-label': (ownerState as { 'aria-label'?: string })['aria-label'] }),
        },
      },
    },
  },
});

/** react-admin's dark theme, kept (giving `theme` alone would drop the light/dark toggle). */
export const darkTheme: RaThemeOptions = deepmerge(defaultDarkTheme, {
  components: { MuiCircularProgress: lightTheme.components?.MuiCircularProgress, MuiCheckbox: lightTheme.components?.MuiCheckbox },
});

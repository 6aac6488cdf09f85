import type { ReactNode } from 'react';
import { Box, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';

/** A titled box of related inputs (e.g. the agent quotas), laid out in a responsive grid, or one below the other (`stacked`, e.g. with lists). `title` is a translation key. */
export const FieldGroup = ({ title: key, children, stacked }: { title: string; children: ReactNode; stacked?: boolean }) => {
  const title = useTranslate()(key);
  return (
    <Box
      component="fieldset"
      role="group"
      aria-label={title}
      sx={{ border: 1, borderColor: 'divider', borderRadius: 1, px: 2, pt: 0.5, pb: 0, mx: 0, mb: 2, width: '100%', boxSizing: 'border-box' }}
    >
      <Typography component="legend" variant="subtitle2" sx={{ px: 0.5 }}>
        {title}
      </Typography>
      <Box sx={{ display: 'grid', gridTemplateColumns: stacked ? '1fr' : { xs: '1fr', md: 'repeat(auto-fill, minmax(180px, 1fr))' }, columnGap: 2 }}>
        {children}
      </Box>
    </Box>
  );
};

import type { ReactNode } from 'react';
import { Box, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';

/** A titled section of the home page; `title` is a translation key. */
export const HomeSection = ({ title, id, children }: { title: string; id: string; children: ReactNode }) => {
  const translate = useTranslate();
  return (
    <Box component="section" aria-labelledby={`home-${id}`} data-home-section={id} sx={{ mb: 3 }}>
      <Typography variant="h6" component="h2" id={`home-${id}`} sx={{ mb: 1 }}>
        {translate(title)}
      </Typography>
      {children}
    </Box>
  );
};

/** A home section's table with narrower cells on a phone, so several columns of numbers fit 390 px. */
export const COMPACT_TABLE = { '& .MuiTableCell-root': { px: { xs: 1, sm: 2 } } } as const;

import { QueryClient } from '@tanstack/react-query';

/** Statuses that another attempt will not change: answered at once (401 signs out without delay). */
const FINAL = new Set([400, 401, 403, 404, 409]);

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (failureCount, error) => {
        const status = (error as { status?: number } | null)?.status;
        return !(status && FINAL.has(status)) && failureCount < 2;
      },
    },
  },
});

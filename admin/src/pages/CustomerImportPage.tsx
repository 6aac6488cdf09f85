import { useState, type ChangeEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import {
  Alert,
  Box,
  Button as MuiButton,
  Card,
  CardContent,
  LinearProgress,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import UploadIcon from '@mui/icons-material/UploadFile';
import DownloadIcon from '@mui/icons-material/GetApp';
import { gql } from '@apollo/client';
import { useQuery } from '@tanstack/react-query';
import { Button, Form, SaveButton, Title, downloadCSV, useNotify, useTranslate } from 'react-admin';
import { publishedText } from '../i18n/generated';
import { useIntlLocale } from '../i18n/fields';
import { API_URL, apolloClient } from '../providers/apollo';
import { useMe } from '../providers/me';
import { mayRun } from '../providers/permissions';
import { getToken } from '../providers/session';
import { toCsv } from '../generator/csv';
import { WritableReferenceInput } from '../generator/widgets/WritableReferenceInput';

export const IMPORT_PATH = '/imports/customers';

/** The columns of the file, as the server reads them (api/src/modules/customer/import/rows.ts). */
const COLUMNS = ['name', 'gender', 'phones', 'emails', 'company', 'address', 'addressDetail', 'remark', 'ou'];
/** Rejected rows shown on the page; the download has them all. */
const SHOWN_REJECTIONS = 100;
const POLL_MS = 500;

const IMPORT = gql`
  query customerImportProgress($id: ID!, $first: Int!) {
    customerImport(id: $id) {
      id
      fileName
      state
      error
      fileSize
      bytesRead
      rows
      imported
      duplicates
      rejected
      rowsPerSecond
      startedAt
      finishedAt
      rejections(first: $first) {
        line
        field
        reason
        values
      }
    }
  }
`;

const REJECTIONS = gql`
  query customerImportRejections($id: ID!, $afterLine: Int!) {
    customerImport(id: $id) {
      id
      rejections(afterLine: $afterLine, first: 1000) {
        line
        field
        reason
        values
      }
    }
  }
`;

const RECENT = gql`
  query myCustomerImports {
    myCustomerImports {
      id
      fileName
      state
      rows
      imported
      duplicates
      rejected
      startedAt
    }
  }
`;

interface Rejection {
  line: number;
  field: string;
  reason: string;
  values: string[];
}

interface ImportJob {
  id: string;
  fileName: string;
  state: 'RUNNING' | 'DONE' | 'FAILED';
  error: string | null;
  fileSize: number;
  bytesRead: number;
  rows: number;
  imported: number;
  duplicates: number;
  rejected: number;
  rowsPerSecond: number;
  startedAt: string;
  finishedAt: string | null;
  rejections: Rejection[];
}

interface ServerError {
  /** The server's message, or a translation key of the console's own. */
  message: string;
  status?: number;
  extensions?: { code?: string; fields?: Record<string, string> };
}

/**
 * Sends the file as the request body (POST /api/imports/customers), reporting upload progress;
 * resolves with the import's id, or rejects with the server's first error (its field errors).
 */
function uploadFile(file: File, ouId: string | null, onProgress: (fraction: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const query = new URLSearchParams({ name: file.name, ...(ouId ? { ou: ouId } : {}) });
    xhr.open('POST', `${API_URL}/imports/customers?${query}`);
    xhr.setRequestHeader('content-type', 'text/csv');
    const token = getToken();
    if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onerror = () => reject({ message: 'app.import.upload_failed' } satisfies ServerError);
    xhr.onload = () => {
      let reply: { data?: { id: string }; errors?: ServerError[] } = {};
      try {
        reply = JSON.parse(xhr.responseText);
      } catch {
        // A reply that is not ours (a proxy's error page): its status says enough.
      }
      if (xhr.status === 202 && reply.data) resolve(reply.data.id);
      else reject(reply.errors?.[0] ?? ({ message: 'app.import.upload_failed_status', status: xhr.status } satisfies ServerError));
    };
    xhr.send(file);
  });
}

/** Every rejected row of an import, page by page, as the CSV the CLI writes (with the row as read). */
async function downloadRejections(job: ImportJob) {
  const rows: Rejection[] = [];
  for (let afterLine = 0; ; ) {
    const { data } = await apolloClient.query<{ customerImport: { rejections: Rejection[] } }>({ query: REJECTIONS, variables: { id: job.id, afterLine } });
    const page = data.customerImport.rejections;
    // A page ends at a line boundary only if it is shorter than a full page: re-read from its last complete line.
    if (page.length < 1000) {
      rows.push(...page);
      break;
    }
    const last = page[page.length - 1]!.line;
    rows.push(...page.filter((r) => r.line < last));
    afterLine = last - 1;
  }
  const csv = await toCsv(
    ['line', 'field', 'reason', ...COLUMNS],
    rows.map((r) => [String(r.line), r.field, r.reason, ...r.values]),
  );
  downloadCSV(csv, `${job.fileName.replace(/\.csv$/i, '')}.rejected`);
}

const percent = (job: ImportJob) => (job.fileSize ? Math.min(100, (job.bytesRead / job.fileSize) * 100) : 100);

const Progress = ({ id }: { id: string }) => {
  const { data, error } = useQuery({
    queryKey: ['customerImport', id],
    queryFn: async () =>
      (await apolloClient.query<{ customerImport: ImportJob }>({ query: IMPORT, variables: { id, first: SHOWN_REJECTIONS } })).data.customerImport,
    refetchInterval: (q) => (q.state.data?.state === 'RUNNING' ? POLL_MS : false),
  });
  const translate = useTranslate();
  const locale = useIntlLocale();
  if (error) return <Alert severity="error">{error.message}</Alert>;
  if (!data) return <LinearProgress aria-label={translate('app.import.loading')} />;
  const n = (v: number) => v.toLocaleString(locale);
  const running = data.state === 'RUNNING';
  return (
    <Card>
      <CardContent>
        <Stack spacing={1.5}>
          <Typography variant="h6" component="h2">
            {data.fileName}
          </Typography>
          <LinearProgress variant="determinate" value={percent(data)} aria-label={translate('app.import.progress')} />
          <Typography role="status">
            {translate(running ? 'app.import.status_running' : data.state === 'DONE' ? 'app.import.status_done' : 'app.import.status_stopped', {
              rows: n(data.rows),
              rate: n(Math.round(data.rowsPerSecond)),
              imported: n(data.imported),
              duplicates: n(data.duplicates),
              rejected: n(data.rejected),
            })}
          </Typography>
          {running ? <Typography variant="body2">{translate('app.import.leave')}</Typography> : null}
          {data.error ? <Alert severity="error">{data.error}</Alert> : null}
          {data.rejected > 0 ? <RejectionTable job={data} /> : null}
        </Stack>
      </CardContent>
    </Card>
  );
};

const RejectionTable = ({ job }: { job: ImportJob }) => {
  const notify = useNotify();
  const translate = useTranslate();
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      await downloadRejections(job);
    } catch (e) {
      notify(e instanceof Error ? e.message : 'app.import.download_failed', { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Box>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography variant="subtitle1" component="h3">
          {translate('app.import.rejected_rows')}
        </Typography>
        <Button label="app.import.download" onClick={download} disabled={busy || job.state === 'RUNNING'}>
          <DownloadIcon />
        </Button>
      </Stack>
      {job.rejected > job.rejections.length ? (
        <Typography variant="body2">{translate('app.import.first_of', { count: job.rejections.length })}</Typography>
      ) : null}
      <Box sx={{ overflowX: 'auto' }}>
        <Table size="small" aria-label={translate('app.import.rejected_rows')}>
          <TableHead>
            <TableRow>
              <TableCell>{translate('app.import.line')}</TableCell>
              <TableCell>{translate('app.import.column')}</TableCell>
              <TableCell>{translate('app.import.reason')}</TableCell>
              <TableCell>{translate('app.import.name')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {job.rejections.map((r) => (
              <TableRow key={`${r.line}:${r.field}`}>
                <TableCell>{r.line}</TableCell>
                <TableCell>{r.field}</TableCell>
                {/* The server's reason, as it sends it. */}
                <TableCell>{r.reason}</TableCell>
                <TableCell>{r.values[0]}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Box>
    </Box>
  );
};

const RecentImports = ({ onOpen, refresh }: { onOpen: (id: string) => void; refresh: string | null }) => {
  const { data } = useQuery({
    queryKey: ['myCustomerImports', refresh],
    queryFn: async () => (await apolloClient.query<{ myCustomerImports: ImportJob[] }>({ query: RECENT })).data.myCustomerImports,
    refetchInterval: (q) => (q.state.data?.some((job) => job.state === 'RUNNING') ? POLL_MS * 2 : false),
  });
  const translate = useTranslate();
  const locale = useIntlLocale();
  if (!data?.length) return null;
  return (
    <Card>
      <CardContent>
        <Typography variant="h6" component="h2">
          {translate('app.import.recent')}
        </Typography>
        <Box sx={{ overflowX: 'auto' }}>
          <Table size="small" aria-label={translate('app.import.recent')}>
            <TableHead>
              <TableRow>
                <TableCell>{translate('app.import.file')}</TableCell>
                <TableCell>{translate('app.import.started')}</TableCell>
                <TableCell>{translate('app.import.state')}</TableCell>
                <TableCell>{translate('app.import.imported')}</TableCell>
                <TableCell>{translate('app.import.duplicates')}</TableCell>
                <TableCell>{translate('app.import.rejected')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {data.map((job) => (
                <TableRow key={job.id} hover>
                  <TableCell>
                    <Button label={job.fileName} onClick={() => onOpen(job.id)} />
                  </TableCell>
                  <TableCell>{new Date(job.startedAt).toLocaleString(locale)}</TableCell>
                  <TableCell>{translate(`app.import.states.${job.state}`)}</TableCell>
                  <TableCell>{job.imported}</TableCell>
                  <TableCell>{job.duplicates}</TableCell>
                  <TableCell>{job.rejected}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      </CardContent>
    </Card>
  );
};

/** The file picker and the OU of rows without one; the form's submit uploads. */
const FileField = ({ file, onFile, uploading }: { file: File | null; onFile: (f: File | null) => void; uploading: number | null }) => {
  const translate = useTranslate();
  return (
    <Stack spacing={1}>
      <Box>
        <MuiButton component="label" variant="outlined" startIcon={<UploadIcon />}>
          {file ? translate('app.import.file_named', { name: file.name }) : translate('app.import.choose')}
          <input hidden type="file" accept=".csv,text/csv" onChange={(e: ChangeEvent<HTMLInputElement>) => onFile(e.target.files?.[0] ?? null)} />
        </MuiButton>
      </Box>
      {uploading !== null ? <LinearProgress variant="determinate" value={uploading * 100} aria-label={translate('app.import.upload_progress')} /> : null}
    </Stack>
  );
};

export const CustomerImportPage = () => {
  const { data: me } = useMe();
  const navigate = useNavigate();
  const translate = useTranslate();
  const [params] = useSearchParams();
  const id = params.get('id');
  const [file, setFile] = useState<File | null>(null);
  const [uploading, setUploading] = useState<number | null>(null);
  const [problem, setProblem] = useState<ServerError | null>(null);
  const open = (importId: string) => navigate(`${IMPORT_PATH}?id=${importId}`);

  if (me && !mayRun(me, { root: 'Query', name: 'customerImport' })) {
    return <Alert severity="warning">{translate('app.import.not_allowed')}</Alert>;
  }

  const submit = async (values: { ouId?: string | null }) => {
    if (!file) return;
    setProblem(null);
    setUploading(0);
    try {
      open(await uploadFile(file, values.ouId ?? null, setUploading));
      setFile(null);
    } catch (e) {
      setProblem(e as ServerError);
    } finally {
      setUploading(null);
    }
  };

  return (
    <Stack spacing={2} sx={{ mt: 2, maxWidth: 960 }}>
      <Title title="app.import.title" />
      <Card>
        <CardContent>
          <Typography variant="body2" sx={{ mb: 2 }}>
            {translate('app.import.explain', { columns: COLUMNS.join(', ') })}
          </Typography>
          <Form onSubmit={submit} record={{ ouId: null }}>
            <Stack spacing={2}>
              <FileField file={file} onFile={setFile} uploading={uploading} />
              <WritableReferenceInput source="ouId" label="app.import.ou" reference="OrgUnit" nullLabel={publishedText('Unorganized')} />
              {problem ? (
                <Alert severity="error" role="alert">
                  {/* The server's message, as it sends it; the console's own by its key. */}
                  {Object.values(problem.extensions?.fields ?? {})[0] ?? translate(problem.message, { status: problem.status })}
                </Alert>
              ) : null}
              <Box>
                <SaveButton label="app.import.run" icon={<UploadIcon />} alwaysEnable={!!file && uploading === null} disabled={!file || uploading !== null} />
              </Box>
            </Stack>
          </Form>
        </CardContent>
      </Card>
      {id ? <Progress id={id} /> : null}
      <RecentImports onOpen={open} refresh={id} />
    </Stack>
  );
};

/** The Customers list's "Import" button, for those who may add customers. */
export const ImportCustomersButton = () => {
  const { data: me } = useMe();
  const navigate = useNavigate();
  if (!me || !mayRun(me, { root: 'Query', name: 'customerImport' })) return null;
  return (
    <Button label="app.import.run" onClick={() => navigate(IMPORT_PATH)}>
      <UploadIcon />
    </Button>
  );
};

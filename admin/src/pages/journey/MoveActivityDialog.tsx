import { useEffect, useRef } from 'react';
import { Box, Button, Chip, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle } from '@mui/material';
import {
  Form,
  ReferenceInput,
  ResourceContextProvider,
  SaveButton,
  SelectInput,
  useDataProvider,
  useNotify,
  useRecordContext,
  useTranslate,
  type DataProvider,
} from 'react-admin';
import { useFormContext, useWatch } from 'react-hook-form';
import { argLabel, enumLabel, operationDescriptionLabel, operationDoneLabel, operationLabel } from '../../i18n/generated';
import type { OperationsProvider } from '../../providers/dataProvider';
import { fieldErrorsOf } from '../../providers/errors';
import { findResource } from '../../resources/registry';
import { ACTION_TEXT, helpFor } from '../../resources/wording';
import { getMutation } from '../../schema/introspection';
import { doneMessage } from '../../generator/dialogs';
import { inputFor } from '../../generator/inputs';
import type { RecordDialogProps } from '../panels';

const MUTATION = 'moveActivity';
/** The moved activity's resource: the dialog's labels are its fields' (To customer, To request). */
const RESOURCE = 'Activity';
/** Requests a customer has open and closed, at most this many offered (the newest by their last activity). */
const REQUESTS_OFFERED = 100;

interface Values {
  toCustomerId?: string | null;
  toRequestId?: string | null;
}

/** A request as the picker offers it: its title and its status (joining a closed one reopens it). */
const RequestOption = () => {
  const record = useRecordContext();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Box component="span" sx={{ display: 'inline-flex', alignItems: 'center', gap: 1 }}>
      {String(record.title ?? '')}
      <Chip size="small" variant="outlined" label={translate(enumLabel('RequestStatus', String(record.status)))} data-status={String(record.status)} />
    </Box>
  );
};

/**
 * The requests of the customer chosen above (by default the activity's own), with their status;
 * "No request" takes the activity out of any. Choosing another customer empties the choice: a
 * request belongs to one customer.
 */
const RequestPicker = ({ customerId }: { customerId: string }) => {
  const chosen = useWatch<Values>({ name: 'toCustomerId' }) as string | null | undefined;
  const { setValue } = useFormContext<Values>();
  const target = chosen || customerId;
  const previous = useRef(target);
  useEffect(() => {
    if (previous.current === target) return;
    previous.current = target;
    setValue('toRequestId', null);
  }, [target, setValue]);
  return (
    <ReferenceInput
      source="toRequestId"
      reference="CustomerRequest"
      filter={{ customerId: target }}
      sort={findResource('CustomerRequest')?.sort}
      perPage={REQUESTS_OFFERED}
    >
      <SelectInput
        label={argLabel(MUTATION, 'toRequestId', 'To request', RESOURCE)}
        optionText={<RequestOption />}
        emptyText="app.journey.no_request"
        helperText={helpFor(MUTATION, 'toRequestId') ?? false}
        fullWidth
      />
    </ReferenceInput>
  );
};

/**
 * Moves an activity (from the journey, or the activity's own Move action): to another request of
 * its customer, out of any request, or to another customer (and one of its requests). The server's field errors show under the input
 * they name.
 */
export const MoveActivityDialog = ({ record: activity, onClose, onDone }: RecordDialogProps) => {
  const translate = useTranslate();
  const notify = useNotify();
  const dataProvider = useDataProvider<DataProvider & OperationsProvider>();
  const customerArg = getMutation(MUTATION)?.args.find((a) => a.name === 'toCustomerId');
  const label = operationLabel(MUTATION, 'Move');
  const submit = async (values: Values) => {
    // Always a request or null (out of any); the customer only when another one is chosen.
    const variables = {
      activityId: activity.id,
      toRequestId: values.toRequestId || null,
      ...(values.toCustomerId ? { toCustomerId: values.toCustomerId } : {}),
    };
    try {
      await dataProvider.mutate(MUTATION, variables);
    } catch (error) {
      const fields = fieldErrorsOf(error);
      if (fields) return fields;
      notify(error instanceof Error ? error.message : 'app.request_failed', { type: 'error' });
      return undefined;
    }
    notify(operationDoneLabel(MUTATION, doneMessage(MUTATION)), { type: 'success' });
    onDone();
    return undefined;
  };
  return (
    <Dialog open onClose={onClose} aria-labelledby="move-activity-title" maxWidth="sm" fullWidth>
      <ResourceContextProvider value={RESOURCE}>
        <Form onSubmit={submit as never} defaultValues={{ toCustomerId: null, toRequestId: activity.requestId ?? '' }} noValidate>
          <DialogTitle id="move-activity-title">{translate(label)}</DialogTitle>
          <DialogContent>
            {ACTION_TEXT[MUTATION] ? (
              <DialogContentText sx={{ mb: 1 }}>{translate(operationDescriptionLabel(MUTATION, ACTION_TEXT[MUTATION]))}</DialogContentText>
            ) : null}
            {customerArg ? inputFor(MUTATION, customerArg, { resource: RESOURCE, helperText: helpFor(MUTATION, 'toCustomerId') }) : null}
            <RequestPicker customerId={String(activity.customerId)} />
          </DialogContent>
          <DialogActions>
            <Button onClick={onClose}>{translate('ra.action.cancel')}</Button>
            <SaveButton label={label} icon={<span />} alwaysEnable />
          </DialogActions>
        </Form>
      </ResourceContextProvider>
    </Dialog>
  );
};

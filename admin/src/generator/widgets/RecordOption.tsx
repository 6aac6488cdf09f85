import { Box } from '@mui/material';
import { useRecordContext, type OptionText } from 'react-admin';
import { findResource, type AnyRecord } from '../../resources/registry';
import { representationOf, representRecord } from '../representation';

/** A picker's option: the record's name, and under it the resource's second line (a customer's number and phone). */
const RecordOption = ({ resource }: { resource: string }) => {
  const record = useRecordContext();
  const name = representRecord(resource, record);
  const second = record ? findResource(resource)?.subtitle?.(record) : undefined;
  return (
    <Box component="span" data-option={name} sx={{ display: 'block' }}>
      {name}{' '}
      {second ? (
        <Box component="span" sx={{ display: 'block', typography: 'caption', color: 'text.secondary' }}>
          {second}
        </Box>
      ) : null}
    </Box>
  );
};

/**
 * How a single reference picker (AutocompleteInput in a ReferenceInput, searching the server's
 * `q` as the user types) names the records of `resource`: with its registry `subtitle`, an
 * option of two lines and the name alone in the input; without one, the name.
 */
export function optionProps(resource: string): { optionText: OptionText; inputText?: (record: AnyRecord) => string } {
  if (!findResource(resource)?.subtitle) return { optionText: representationOf(resource) as OptionText };
  // react-admin renders the element in each choice's record context.
  const option = (<RecordOption resource={resource} />) as unknown as OptionText;
  return { optionText: option, inputText: (record) => representRecord(resource, record) };
}

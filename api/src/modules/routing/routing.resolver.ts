import { defineResource } from '../../common/resource';
import { AccessCode } from './access-code.entity';
import { AccessCodeFields, AccessCodeFilter } from './access-code.inputs';

export const accessCodes = defineResource({
  name: 'AccessCode',
  entity: AccessCode,
  label: 'Access code',
  filter: AccessCodeFilter,
  fields: AccessCodeFields,
  required: ['code', 'mediaType'],
  defaultSort: { code: 'ASC' },
});

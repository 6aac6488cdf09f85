import type { ErrorRequestHandler } from 'express';
import { ErrorCode } from '../base/errors';

/** The reply to a GraphQL POST whose body is not a JSON object or array. */
export const MALFORMED_JSON_REPLY = { errors: [{ message: 'Malformed JSON body', extensions: { code: 'BAD_REQUEST' } }] };

/** Body-parser failures answered in the GraphQL error shape with a stable code. */
export const bodyErrors: ErrorRequestHandler = (err, _req, res, next) => {
  if (err?.type === 'entity.too.large') {
    res.status(413).json({ errors: [{ message: 'Request body too large', extensions: { code: ErrorCode.PAYLOAD_TOO_LARGE } }] });
    return;
  }
  if (err?.type === 'entity.parse.failed') {
    res.status(400).json(MALFORMED_JSON_REPLY);
    return;
  }
  next(err);
};

/**
 * The TAXII 2.1 error message (section 3.6.1) for an error of Tocsin's catalogue: `title` the reason
 * phrase, `description` the message, `error_code` the `TOCSIN_ERR_…` code, `http_status` as a string, and
 * `details` with the per-field problems. `error_id` names the request, for the server's log.
 */
import { statusText, type TocsinError } from '../errors/errors.js';

export interface TaxiiErrorBody {
  readonly title: string;
  readonly description?: string;
  readonly error_id?: string;
  readonly error_code?: string;
  readonly http_status?: string;
  readonly external_details?: string;
  readonly details?: Readonly<Record<string, string>>;
}

export function taxiiErrorBody(e: TocsinError, errorId: string, externalDetails?: string): TaxiiErrorBody {
  const details: Record<string, string> = {};
  for (const d of e.details ?? [])
    details[d.path] = details[d.path] === undefined ? d.message : `${details[d.path]}; ${d.message}`;
  return {
    title: statusText(e.statusCode),
    description: e.message,
    error_id: errorId,
    error_code: e.code,
    http_status: String(e.statusCode),
    ...(externalDetails === undefined ? {} : { external_details: externalDetails }),
    ...(Object.keys(details).length === 0 ? {} : { details }),
  };
}

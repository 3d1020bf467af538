/** Checks of organization and user input that no JSON schema can make. */
import type { ErrorDetail } from '../errors/errors.js';
import { isCountryCode } from './countries.js';
import { ORG_KINDS, SECTORS } from './organization.js';
import { ROLES } from './user.js';

export function checkOrgInput(input: {
  name?: string;
  country?: string;
  sector?: string;
  kind?: string;
}): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  if (input.name !== undefined && (input.name.trim() === '' || input.name.length > 200)) {
    out.push({ path: 'name', message: 'must be 1 to 200 characters' });
  }
  if (input.country !== undefined && !isCountryCode(input.country)) {
    out.push({
      path: 'country',
      message: `"${input.country}" is not an ISO 3166-1 alpha-2 code (e.g. VN, FR, US)`,
    });
  }
  if (input.sector !== undefined && !(SECTORS as readonly string[]).includes(input.sector)) {
    out.push({ path: 'sector', message: `must be one of ${SECTORS.join(', ')}` });
  }
  if (input.kind !== undefined && !(ORG_KINDS as readonly string[]).includes(input.kind)) {
    out.push({ path: 'kind', message: `must be one of ${ORG_KINDS.join(', ')}` });
  }
  return out;
}

export function checkUserInput(input: { name?: string; email?: string; role?: string }): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  if (input.name !== undefined && (input.name.trim() === '' || input.name.length > 200)) {
    out.push({ path: 'name', message: 'must be 1 to 200 characters' });
  }
  if (input.email !== undefined && !/^[^@\s]{1,64}@[^@\s]+\.[^@\s]+$/.test(input.email.trim())) {
    out.push({ path: 'email', message: 'must be an e-mail address' });
  }
  if (input.role !== undefined && !(ROLES as readonly string[]).includes(input.role)) {
    out.push({ path: 'role', message: `must be one of ${ROLES.join(', ')}` });
  }
  return out;
}

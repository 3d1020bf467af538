/** The operator's own allow-list: a text file of domains, one a line, `#` comments; added to the built-in list. */
import { readFileSync } from 'node:fs';
import { AllowList } from '../core/check/allow-list.js';
import { KNOWN_DOMAINS } from '../core/check/known-domains.js';
import { tocsinError } from '../core/errors/errors.js';

export function loadAllowList(file: string | undefined): AllowList {
  if (file === undefined) return AllowList.builtIn();
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw tocsinError(
      'TOCSIN_ERR_CONFIG',
      `cannot read the allow-list file ${file}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`,
      { cause: e },
    );
  }
  const own = text
    .split('\n')
    .map((l) => l.replace(/#.*/, '').trim())
    .filter((l) => l !== '');
  return new AllowList([...KNOWN_DOMAINS, ...own]);
}

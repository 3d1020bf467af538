// The official OASIS STIX 2.1 JSON schemas (../shared/data/stix/schemas) as Ajv validators, one per STIX type,
// for tests that check what Tocsin writes. The same setup as src/core/stix/export/stix-schemas.test.ts: the
// schemas are draft 2020-12 and refer to each other by relative $ref resolved against their $id, so they are
// all loaded into one Ajv2020 instance, with the formats they use from ajv-formats.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

export const SHARED_DATA = fileURLToPath(new URL('../../../shared/data', import.meta.url));
export const STIX_SCHEMAS = join(SHARED_DATA, 'stix', 'schemas');
 
const CI = process.env['CI'] === 'true';

/** A reason to skip when `path` is absent (never under CI=true, where the run must fail instead). */
export const absent = (path: string): string | false =>
  !CI && !existsSync(path) ? `${path} is absent` : false;

export function jsonFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? jsonFiles(join(dir, e.name)) : e.name.endsWith('.json') ? [join(dir, e.name)] : [],
    )
    .sort();
}

/** One validator per STIX type, from the schema whose title is the type (`indicator`, `ipv4-addr`…). */
export function schemaValidators(): Map<string, ValidateFunction> {
  // `unicodeRegExp: false`: the schemas' patterns are ECMA-262 without the `u` flag; `strict: false`: they use
  // keywords Ajv does not know (`definitions` beside `$defs`).
  const ajv = new Ajv2020({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  // ajv-formats has no idn-hostname; Ajv would ignore it with a warning, as the OASIS validator does not check it.
  ajv.addFormat('idn-hostname', true);
  const byTitle = new Map<string, string>();
  for (const file of jsonFiles(STIX_SCHEMAS)) {
    const schema = JSON.parse(readFileSync(file, 'utf8')) as { $id: string; title?: string };
    ajv.addSchema(schema);
    if (schema.title !== undefined) byTitle.set(schema.title, schema.$id);
  }
  const out = new Map<string, ValidateFunction>();
  for (const [title, id] of byTitle) {
    const validate = ajv.getSchema(id);
    assert.ok(validate !== undefined, `schema ${id} did not compile`);
    out.set(title, validate);
  }
  return out;
}

/** Asserts that every object validates against its type's schema (Tocsin's own SCO types have none). */
export function assertSchemaValid(
  objects: readonly { readonly type: string; readonly id: string }[],
  validators: Map<string, ValidateFunction>,
  where: string,
): void {
  for (const o of objects) {
    if (o.type.startsWith('x-tocsin-')) continue;
    const validate = validators.get(o.type);
    assert.ok(validate !== undefined, `no schema for ${o.type}`);
    assert.ok(validate(o), `${where}: ${o.id} ${JSON.stringify(validate.errors?.slice(0, 3))}`);
  }
}

// Every object Tocsin's exporter and MISP mapper produce on real data validates against the official OASIS
// STIX 2.1 JSON schemas in ../shared/data/stix/schemas. The schemas are draft 2020-12 and refer to each other
// by relative $ref (`../common/core.json`) resolved against their $id, so they are all loaded into one Ajv2020
// instance under their $id, with the formats they use (uri, email, idn-hostname) from ajv-formats.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { mispEventToStix, type StixObject } from '../../misp/misp-to-stix.js';
import { exportedSamples } from '../../../../test/support/stix-export-samples.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

const SHARED = fileURLToPath(new URL('../../../../../shared/data', import.meta.url));
const SCHEMAS = join(SHARED, 'stix', 'schemas');
const MISP = join(SHARED, 'misp');
// eslint-disable-next-line no-restricted-syntax -- CI decides whether absent shared data fails or skips.
const CI = process.env['CI'] === 'true';
const absent = (path: string): string | false => (!CI && !existsSync(path) ? `${path} is absent` : false);

function jsonFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? jsonFiles(join(dir, e.name)) : e.name.endsWith('.json') ? [join(dir, e.name)] : [],
  );
}

/** One validator per STIX type, from the schema whose title is the type (`indicator`, `ipv4-addr`…). */
function schemaValidators(): Map<string, ValidateFunction> {
  // JSON Schema patterns are ECMA-262 regular expressions without the `u` flag; under it the schemas' own
  // `\\-` (an escaped hyphen in core.json's type pattern) is a syntax error. `strict: false` because the
  // schemas use keywords Ajv does not know (`definitions` beside `$defs`).
  const ajv = new Ajv2020({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  const byTitle = new Map<string, string>();
  for (const file of jsonFiles(SCHEMAS)) {
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

function checkAll(
  objects: readonly StixObject[],
  validators: Map<string, ValidateFunction>,
  where: string,
): void {
  for (const o of objects) {
    // Tocsin's own SCO types have no OASIS schema; the extension-definition and TLP markings do.
    if (o.type.startsWith('x-tocsin-')) continue;
    const validate = validators.get(o.type);
    assert.ok(validate !== undefined, `no schema for ${o.type}`);
    const valid = validate(o);
    assert.ok(valid, `${where}: ${o.id} ${JSON.stringify(validate.errors?.slice(0, 3))}`);
  }
}

void test(
  'every official STIX 2.1 schema compiles with Ajv (draft 2020-12)',
  { skip: absent(SCHEMAS) },
  () => {
    const validators = schemaValidators();
    for (const type of [
      'indicator',
      'identity',
      'report',
      'observed-data',
      'marking-definition',
      'bundle',
      'file',
    ]) {
      assert.ok(validators.has(type), type);
    }
    assert.ok(validators.size >= 50, `${validators.size} schemas`);
    // The schemas do reject: an indicator without a pattern.
    assert.equal(
      validators.get('indicator')!({
        type: 'indicator',
        spec_version: '2.1',
        id: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
        created: '2016-04-06T20:03:48.000Z',
        modified: '2016-04-06T20:03:48.000Z',
        pattern_type: 'stix',
        valid_from: '2016-01-01T00:00:00Z',
      }),
      false,
    );
  },
);

void test(
  'every exported indicator, identity and marking validates against the OASIS schemas',
  { skip: absent(SCHEMAS) },
  () => {
    const validators = schemaValidators();
    const { indicators, referenced } = exportedSamples();
    checkAll([...indicators, ...referenced], validators, 'export');
    // The OASIS bundle schema predates extension definitions: it takes one for a custom object, which then
    // matches both core.json and cyber-observable-core.json and fails its oneOf. Each extension definition was
    // checked above against its own schema (common/extension-definition.json); the envelope is checked without it.
    const objects = [...indicators, ...referenced].filter((o) => o.type !== 'extension-definition');
    const bundle = { type: 'bundle', id: 'bundle--0f3c2e1a-4b5d-4c6e-8f7a-9b0c1d2e3f4a', objects };
    assert.ok(
      validators.get('bundle')!(bundle),
      JSON.stringify(validators.get('bundle')!.errors?.slice(0, 3)),
    );
  },
);

void test(
  'every object mapped from the real MISP events validates against the OASIS schemas',
  { skip: absent(SCHEMAS) || absent(MISP) },
  (t) => {
    const validators = schemaValidators();
    let objects = 0;
    for (const file of jsonFiles(MISP).filter((f) => !f.endsWith('manifest.json'))) {
      const r = mispEventToStix(JSON.parse(readFileSync(file, 'utf8')));
      assert.ok(r.ok, file);
      checkAll(r.value.objects, validators, file);
      objects += r.value.objects.length;
    }
    t.diagnostic(`${objects} objects`);
    assert.ok(objects > 1500);
  },
);

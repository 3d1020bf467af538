// Validates the real STIX data in ../shared/data/stix (beside the repository): the OASIS examples and MITRE ATT&CK for
// Mobile 17.1. Every object must be free of errors; warnings are counted and reported.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stixErrors, validateBundle, validateStixObject, type StixProblem } from './validate.js';

const DATA = fileURLToPath(new URL('../../../../shared/data/stix', import.meta.url));
const EXAMPLES = join(DATA, 'oasis-examples');
const ATTACK = join(DATA, 'mobile-attack-17.1.json');

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8')) as unknown;
}

function jsonFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? jsonFiles(join(dir, e.name)) : e.name.endsWith('.json') ? [join(dir, e.name)] : [],
  );
}

function describe(problems: readonly StixProblem[]): string {
  return problems
    .slice(0, 10)
    .map((p) => `${p.path}: ${p.message}`)
    .join('\n');
}

void test(
  'every object of every OASIS example validates without errors',
  { skip: !existsSync(EXAMPLES) && `${EXAMPLES} is absent` },
  (t) => {
    let objects = 0;
    let warnings = 0;
    for (const file of jsonFiles(EXAMPLES)) {
      const json = readJson(file) as { type?: unknown; objects?: unknown[] };
      const problems = json.type === 'bundle' ? validateBundle(json) : validateStixObject(json);
      assert.deepEqual(stixErrors(problems), [], `${file}\n${describe(stixErrors(problems))}`);
      objects += json.type === 'bundle' ? (json.objects?.length ?? 0) : 1;
      warnings += problems.length;
    }
    t.diagnostic(`${objects} objects, ${warnings} warnings`);
    assert.ok(objects >= 250, `only ${objects} objects were read`);
  },
);

void test(
  'the OASIS examples warn only where they depart from a SHOULD',
  { skip: !existsSync(EXAMPLES) && `${EXAMPLES} is absent` },
  () => {
    const problems = validateBundle(readJson(join(EXAMPLES, 'infrastructure.json')));
    // Random UUIDs on SCOs (SHOULD be deterministic UUIDv5) and one upper-case UUID.
    assert.deepEqual(
      problems.map((p) => [p.severity, p.path]),
      [
        ['warning', 'objects[4].id'],
        ['warning', 'objects[8].id'],
        ['warning', 'objects[9].id'],
      ],
    );
    assert.match(problems[0]!.message, /ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4/);
  },
);

void test(
  'all 2,148 objects of MITRE ATT&CK Mobile 17.1 validate without errors',
  { skip: !existsSync(ATTACK) && `${ATTACK} is absent` },
  (t) => {
    const bundle = readJson(ATTACK) as { objects: unknown[] };
    assert.equal(bundle.objects.length, 2148);
    const problems = validateBundle(bundle);
    assert.deepEqual(stixErrors(problems), [], describe(stixErrors(problems)));
    // ATT&CK's own relationship types (subtechnique-of, detects, revoked-by) are not in the spec: a SHOULD.
    assert.ok(
      problems.every((p) => p.path.endsWith('.relationship_type')),
      describe(problems),
    );
    t.diagnostic(`${problems.length} warnings, all on relationship_type`);
    assert.equal(problems.length, 264);
  },
);

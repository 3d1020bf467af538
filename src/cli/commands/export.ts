/**
 * `tocsin export stix`: the indicators (and optionally a TAXII collection) as one STIX 2.1 bundle, streamed
 * to a file or standard output; directly on the configured database as the local operator (who sees
 * everything), or through a running server (`--server`: what that key's user may see).
 */
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Option, type Command } from 'commander';
import { SYSTEM } from '../../core/auth/principal.js';
import { CATEGORIES, type Category } from '../../core/indicators/indicator.js';
import { OBSERVABLE_KINDS } from '../../core/observables/observable-value.js';
import type { ObservableKind } from '../../core/observables/observable.js';
import type { ExportSelection } from '../../services/stix-export-service.js';
import { remoteOptions, targetOf, type RemoteOptions } from '../api-client.js';
import { withServices } from '../context.js';
import type { CliIo } from '../io.js';

type Global = () => { config?: string };

interface ExportOpts extends RemoteOptions {
  kind?: ObservableKind;
  category?: Category;
  sourceOrg?: string;
  status?: 'active' | 'revoked' | 'all';
  contains?: string;
  collection?: string;
  indicators: boolean;
  out?: string;
}

/** Writes the pieces to the file, or to standard output. */
async function write(
  io: CliIo,
  pieces: AsyncIterable<string | Uint8Array>,
  out: string | undefined,
): Promise<void> {
  if (out !== undefined) {
    await pipeline(Readable.from(pieces), createWriteStream(out));
    return;
  }
  const decoder = new TextDecoder();
  for await (const p of pieces) io.stdout(typeof p === 'string' ? p : decoder.decode(p, { stream: true }));
  io.stdout(decoder.decode() + '\n');
}

export function exportCommands(program: Command, io: CliIo, global: Global): void {
  const exp = program.command('export').description('export what you may see as STIX 2.1');
  remoteOptions(
    exp
      .command('stix')
      .description('indicators (and optionally a TAXII collection) as one STIX 2.1 bundle')
      .addOption(new Option('--kind <kind>', 'only this kind').choices(OBSERVABLE_KINDS))
      .addOption(new Option('--category <category>', 'only this category').choices(CATEGORIES))
      .option('--source-org <id>', 'only indicators of this organization')
      .addOption(
        new Option('--status <status>', 'active (default), revoked or all').choices([
          'active',
          'revoked',
          'all',
        ]),
      )
      .option('--contains <text>', 'canonical value contains this')
      .option('--collection <id-or-alias>', 'also the objects of this TAXII collection')
      .option('--no-indicators', "leave Tocsin's indicators out")
      .option('--out <file>', 'write the bundle here (default: standard output)'),
  ).action(async (o: ExportOpts) => {
    const selection: ExportSelection = {
      kind: o.kind,
      category: o.category,
      sourceOrgId: o.sourceOrg,
      status: o.status,
      contains: o.contains,
      collection: o.collection,
      indicators: o.indicators,
    };
    const t = targetOf(io, global().config, o);
    if (t.kind === 'server') {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(selection))
        if (v !== undefined && !(k === 'indicators' && v === true)) params.set(k, String(v));
      const res = await t.api.stream('GET', `/api/v1/export/stix?${params.toString()}`);
      if (res.body === null) throw new Error('the server sent no bundle');
      await write(io, res.body, o.out);
    } else
      await withServices(t.config, async (s) =>
        write(io, await s.stixExport.export(SYSTEM, selection), o.out),
      );
    if (o.out !== undefined) io.stderr(`wrote ${o.out}\n`);
  });
}

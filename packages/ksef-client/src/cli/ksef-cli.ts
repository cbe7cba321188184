#!/usr/bin/env node
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { basename } from 'node:path';
import { Command, Option } from 'commander';
import { type TokenPermissionType } from '../generated/ksef-api.models';
import { KsefError } from '../http/ksef-errors';
import { initialCursor, type SyncCursor } from '../retrieval/incremental-sync';
import { type CliIo, emit, mask, processIo, progress } from './cli-io';
import { buildClient, type GlobalOptions, login } from './cli-session';

/** Builds the `ksef` command tree; `io` is injectable for in-process tests. */
export function buildCli(io: CliIo = processIo): Command {
  const program = new Command('ksef')
    .description('Klient KSeF 2.0 dla integratorów i wsparcia')
    .addOption(new Option('--env <env>', 'TEST, DEMO, PRD lub adres API').env('KSEF_ENV').default('TEST'))
    .addOption(new Option('--context <value>', 'identyfikator kontekstu (np. NIP)').env('KSEF_CONTEXT'))
    .addOption(
      new Option('--context-type <type>', 'typ kontekstu')
        .choices(['Nip', 'InternalId', 'NipVatUe', 'PeppolId'])
        .default('Nip')
        .env('KSEF_CONTEXT_TYPE'),
    )
    .addOption(new Option('--token <token>', 'token KSeF (nie jest nigdy wypisywany)').env('KSEF_TOKEN'))
    .addOption(new Option('--cert <file>', 'certyfikat PEM do logowania XAdES').env('KSEF_CERT'))
    .addOption(new Option('--key <file>', 'klucz prywatny PEM do logowania XAdES').env('KSEF_KEY'))
    .option('--json', 'wynik w formacie JSON', false)
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
    .exitOverride();

  const global = (): GlobalOptions => program.opts<GlobalOptions>();
  const session = () => {
    const client = buildClient(global());
    return { client, session: login(client, global()) };
  };

  program
    .command('test-login')
    .description('loguje się i wypisuje dane sesji uwierzytelnienia')
    .action(async () => {
      const { session: s } = session();
      const token = await s.accessToken();
      const current = (await s.listAuthSessions()).find((x) => x.isCurrent);
      emit(
        io,
        global().json,
        {
          context: s.context,
          referenceNumber: s.authReferenceNumber,
          method: current?.authenticationMethodInfo,
          accessToken: mask(token),
        },
        () =>
          `Zalogowano w kontekście ${s.contextKey} (operacja ${s.authReferenceNumber ?? '?'}, token ${mask(token)})`,
      );
    });

  program
    .command('send')
    .description('wysyła faktury (sesja interaktywna lub wsadowa)')
    .argument('<files...>', 'pliki XML faktur')
    .option('--batch', 'wyślij w sesji wsadowej', false)
    .option('--offline', 'faktury wystawione w trybie offline', false)
    .action(async (files: string[], cmd: { batch: boolean; offline: boolean }) => {
      const { client, session: s } = session();
      if (cmd.batch) {
        // The number of parts is known only after the archive is built, so the bar is created on first progress.
        let bar: ((done: number) => void) | undefined;
        const state = await client.batch(s).send(
          files.map((f) => ({ name: basename(f), content: readFileSync(f) })),
          {
            offlineMode: cmd.offline,
            onProgress: (done, total) => (bar ??= progress(io, 'Wysyłanie części', total))(done),
          },
        );
        const results = await client.batch(s).results(state.referenceNumber);
        emit(
          io,
          global().json,
          { referenceNumber: state.referenceNumber, status: results.status.status, invoices: results.invoices },
          () =>
            [
              `Sesja wsadowa ${state.referenceNumber}: ${results.status.status.code} ${results.status.status.description}`,
              ...results.invoices.map(
                (i) =>
                  `${i.invoiceFileName ?? i.referenceNumber}: ${i.status.code} ${i.ksefNumber ?? i.status.description}`,
              ),
            ].join('\n'),
        );
        return;
      }
      const online = await client.online(s).open();
      const bar = progress(io, 'Wysyłanie', files.length);
      const results: { file: string; referenceNumber?: string; ksefNumber?: string | null; error?: string }[] = [];
      const sent: { file: string; referenceNumber: string }[] = [];
      for (const [i, file] of files.entries()) {
        try {
          const r = await online.send(readFileSync(file), { offlineMode: cmd.offline });
          sent.push({ file, referenceNumber: r.referenceNumber });
        } catch (err) {
          results.push({ file, error: err instanceof Error ? err.message : String(err) });
        }
        bar(i + 1);
      }
      for (const { file, referenceNumber } of sent) {
        try {
          const inv = await online.waitForInvoice(referenceNumber);
          results.push({ file, referenceNumber, ksefNumber: inv.ksefNumber });
        } catch (err) {
          results.push({ file, referenceNumber, error: err instanceof Error ? err.message : String(err) });
        }
      }
      await online.close();
      emit(io, global().json, { referenceNumber: online.referenceNumber, invoices: results }, () =>
        [`Sesja ${online.referenceNumber}`, ...results.map((r) => `${r.file}: ${r.ksefNumber ?? r.error ?? '?'}`)].join(
          '\n',
        ),
      );
    });

  program
    .command('status')
    .description('status sesji (i faktury z --invoice)')
    .argument('<sessionRef>')
    .option('--invoice <invoiceRef>')
    .action(async (ref: string, cmd: { invoice?: string }) => {
      const { client, session: s } = session();
      const api = client.sessions(s);
      const data = cmd.invoice ? await api.invoice(ref, cmd.invoice) : await api.status(ref);
      emit(io, global().json, data, () => `${data.status.code} ${data.status.description}`);
    });

  program
    .command('upo')
    .description('pobiera UPO faktury po numerze KSeF')
    .argument('<ksefNumber>')
    .requiredOption('--session <sessionRef>', 'numer referencyjny sesji, w której wysłano fakturę')
    .option('-o, --output <file>', 'zapisz do pliku')
    .action(async (ksefNumber: string, cmd: { session: string; output?: string }) => {
      const { client, session: s } = session();
      const upo = await client.sessions(s).invoiceUpoByKsefNumber(cmd.session, ksefNumber);
      if (cmd.output) writeFileSync(cmd.output, upo.content);
      else io.out(upo.content.toString('utf8'));
    });

  program
    .command('sync')
    .description('przyrostowa synchronizacja metadanych faktur (reguły HWM)')
    .option('--since <date>', 'data początkowa (ISO), gdy brak kursora')
    .option('--subject <type>', 'Subject1 | Subject2 | Subject3 | SubjectAuthorized', 'Subject2')
    .option('--cursor <file>', 'plik kursora (wznawianie)')
    .action(async (cmd: { since?: string; subject: string; cursor?: string }) => {
      const { client, session: s } = session();
      let cursor: SyncCursor;
      if (cmd.cursor && existsSync(cmd.cursor)) cursor = JSON.parse(readFileSync(cmd.cursor, 'utf8')) as SyncCursor;
      else if (cmd.since) cursor = initialCursor(cmd.subject as SyncCursor['subjectType'], cmd.since);
      else throw new Error('Podaj --since <data> albo istniejący --cursor <plik>');
      const it = client.sync(s, cursor);
      for (;;) {
        const next = await it.next();
        if (next.done) {
          cursor = next.value;
          break;
        }
        emit(
          io,
          global().json,
          next.value.invoice,
          () => `${next.value.invoice.ksefNumber} ${next.value.invoice.invoiceNumber}`,
        );
        cursor = next.value.cursor;
        if (cmd.cursor) writeFileSync(cmd.cursor, JSON.stringify(cursor));
      }
      if (cmd.cursor) writeFileSync(cmd.cursor, JSON.stringify(cursor));
    });

  const tokens = program.command('tokens').description('tokeny KSeF');
  tokens.command('list').action(async () => {
    const { client, session: s } = session();
    const list = await client.tokens(s).list();
    emit(io, global().json, list, () =>
      list.map((t) => `${t.referenceNumber} ${t.status} ${t.description}`).join('\n'),
    );
  });
  tokens
    .command('generate')
    .requiredOption('--permissions <list>', 'np. InvoiceWrite,InvoiceRead')
    .requiredOption('--description <text>')
    .option('--output <file>', 'zapisz sekret tokenu do pliku zamiast wypisywać')
    .action(async (cmd: { permissions: string; description: string; output?: string }) => {
      const { client, session: s } = session();
      const res = await client.tokens(s).generate(cmd.permissions.split(',') as TokenPermissionType[], cmd.description);
      if (cmd.output) writeFileSync(cmd.output, res.token, { mode: 0o600 });
      // The token is the one secret the user asked for; it is shown once unless written to a file.
      emit(
        io,
        global().json,
        { referenceNumber: res.referenceNumber, token: cmd.output ? mask(res.token) : res.token },
        () => `Token ${res.referenceNumber}: ${cmd.output ? `zapisano w ${cmd.output}` : res.token}`,
      );
    });
  tokens
    .command('revoke')
    .argument('<referenceNumber>')
    .action(async (ref: string) => {
      const { client, session: s } = session();
      await client.tokens(s).revoke(ref);
      emit(io, global().json, { revoked: ref }, () => `Unieważniono ${ref}`);
    });

  const certs = program.command('certs').description('certyfikaty KSeF');
  certs.command('list').action(async () => {
    const { client, session: s } = session();
    const list = await client.certificates(s).query();
    emit(io, global().json, list, () =>
      list.map((c) => `${c.certificateSerialNumber} ${c.type} ${c.status} ${c.name}`).join('\n'),
    );
  });
  certs
    .command('enroll')
    .requiredOption('--name <name>')
    .option('--type <type>', 'Authentication | Offline', 'Authentication')
    .option('--algorithm <alg>', 'rsa | ec', 'ec')
    .requiredOption('--out <prefix>', 'zapisze <prefix>.crt.pem i <prefix>.key.pem')
    .action(async (cmd: { name: string; type: 'Authentication' | 'Offline'; algorithm: 'rsa' | 'ec'; out: string }) => {
      const { client, session: s } = session();
      const issued = await client.certificates(s).enrollAndRetrieve(cmd.name, cmd.type, cmd.algorithm);
      const pem = `-----BEGIN CERTIFICATE-----\n${issued.certificate.certificate.match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`;
      writeFileSync(`${cmd.out}.crt.pem`, pem);
      writeFileSync(`${cmd.out}.key.pem`, issued.privateKeyPem, { mode: 0o600 });
      emit(
        io,
        global().json,
        { serialNumber: issued.certificate.certificateSerialNumber },
        () =>
          `Wydano certyfikat ${issued.certificate.certificateSerialNumber} (${cmd.out}.crt.pem, klucz ${cmd.out}.key.pem)`,
      );
    });
  certs
    .command('revoke')
    .argument('<serialNumber>')
    .option('--reason <reason>', 'Unspecified | Superseded | KeyCompromise')
    .action(async (serial: string, cmd: { reason?: 'Unspecified' | 'Superseded' | 'KeyCompromise' }) => {
      const { client, session: s } = session();
      await client.certificates(s).revoke(serial, cmd.reason);
      emit(io, global().json, { revoked: serial }, () => `Unieważniono certyfikat ${serial}`);
    });

  program
    .command('limits')
    .description('limity kontekstu, podmiotu i limity zapytań API')
    .action(async () => {
      const { client, session: s } = session();
      const api = client.limits(s);
      const data = { context: await api.context(), subject: await api.subject(), rateLimits: await api.rateLimits() };
      emit(io, global().json, data, () =>
        Object.entries(
          data.rateLimits as unknown as Record<string, { perSecond: number; perMinute: number; perHour: number }>,
        )
          .map(([g, v]) => `${g}: ${v.perSecond}/s ${v.perMinute}/min ${v.perHour}/h`)
          .join('\n'),
      );
    });

  return program;
}

/** Runs the CLI; returns the exit code. */
export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  try {
    await buildCli(io).parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'commander.helpDisplayed' || code === 'commander.version') return 0;
    if (code?.startsWith('commander.')) return 2;
    if (err instanceof KsefError) {
      io.err(`${err.name}: ${err.message}${err.codes.length ? ` [kody: ${err.codes.join(', ')}]` : ''}`);
      const corr = Object.entries(err.correlation).filter(([, v]) => v);
      if (corr.length) io.err(`Dane korelacyjne: ${corr.map(([k, v]) => `${k}=${v}`).join(' ')}`);
    } else {
      io.err(err instanceof Error ? err.message : String(err));
    }
    return 1;
  }
}

if (require.main === module) {
  void runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}

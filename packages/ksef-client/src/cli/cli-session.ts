import { readFileSync } from 'node:fs';
import { type ContextIdentifier, type ContextIdentifierType } from '../crypto/auth-token-request';
import { resolveEnvironment } from '../environment/ksef-environment';
import { type KsefSession } from '../auth/ksef-session';
import { KsefClient } from '../ksef-client';

/** Options shared by every command (flags, or the environment variables named in `--help`). */
export interface GlobalOptions {
  env: string;
  contextType: ContextIdentifierType;
  context?: string;
  token?: string;
  cert?: string;
  key?: string;
  json: boolean;
}

export function buildClient(opts: GlobalOptions): KsefClient {
  return new KsefClient({ environment: resolveEnvironment(opts.env) });
}

export function contextOf(opts: GlobalOptions): ContextIdentifier {
  if (!opts.context) throw new Error('Podaj kontekst: --context <NIP> (lub zmienna KSEF_CONTEXT)');
  return { type: opts.contextType, value: opts.context };
}

/** Logs in with a KSeF token or with a certificate + key (XAdES), whichever was given. */
export function login(client: KsefClient, opts: GlobalOptions): KsefSession {
  const context = contextOf(opts);
  if (opts.token) return client.login({ kind: 'token', context, ksefToken: opts.token });
  if (opts.cert && opts.key) {
    return client.login({
      kind: 'certificate',
      context,
      certificate: readFileSync(opts.cert),
      privateKey: readFileSync(opts.key),
    });
  }
  throw new Error('Podaj dane logowania: --token (KSEF_TOKEN) albo --cert i --key (KSEF_CERT, KSEF_KEY)');
}

import { loadConfigOrExit, type WebConfig, webEnvSchema } from '@bufor/config';

let config: WebConfig | undefined;

/** The web app's configuration, parsed once (instrumentation.ts forces it at start-up so bad values exit early). */
export function webConfig(): WebConfig {
  if (config) return config;
  config = loadConfigOrExit('web', webEnvSchema);
  // next-auth v4 reads its own URL only from the environment; bridge the schema's default so both agree.
  // eslint-disable-next-line no-restricted-properties
  process.env.NEXTAUTH_URL ??= config.NEXTAUTH_URL;
  return config;
}

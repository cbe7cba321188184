import type { z } from 'zod';

/** Marks an env value as a secret: it is masked wherever configuration is printed or logged. */
export function secret<T extends z.ZodType>(schema: T): T {
  return schema.meta({ secret: true });
}

export class ConfigError extends Error {
  constructor(
    readonly app: string,
    readonly issues: { key: string; message: string }[],
  ) {
    super(
      `Invalid configuration for ${app}:\n` + issues.map((issue) => `  - ${issue.key}: ${issue.message}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Parses the environment against an app schema, collecting every invalid key before failing. */
export function parseEnv<S extends z.ZodObject>(app: string, schema: S, env: Env): z.infer<S> {
  // Empty strings mean "unset", as in .env files where a variable is listed without a value.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const result = schema.safeParse(cleaned);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    key: issue.path.length > 0 ? issue.path.map(String).join('.') : '(environment)',
    message: issue.message,
  }));
  throw new ConfigError(app, issues);
}

/**
 * Parses the process environment once at start-up; on failure prints every invalid key and exits non-zero.
 * This is the only place in server code that reads process.env.
 */
export function loadConfigOrExit<S extends z.ZodObject>(app: string, schema: S): z.infer<S> {
  try {
    return parseEnv(app, schema, process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

/** Keys of a schema marked with secret(). */
export function secretKeys(schema: z.ZodObject): string[] {
  return Object.entries(schema.shape)
    .filter(([, field]) => (field as z.ZodType).meta()?.['secret'] === true)
    .map(([key]) => key);
}

/** The configuration with secret values replaced, safe to log. */
export function maskSecrets<T extends Record<string, unknown>>(schema: z.ZodObject, config: T): T {
  const masked: Record<string, unknown> = { ...config };
  for (const key of secretKeys(schema)) if (masked[key] !== undefined) masked[key] = '***';
  return masked as T;
}

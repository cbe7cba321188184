import { type KsefCorrelation, type KsefErrorDetail } from './ksef-errors';

export interface ParsedErrorBody {
  message?: string;
  details: KsefErrorDetail[];
  correlation: KsefCorrelation;
  reasonCode?: string;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/**
 * Understands both KSeF error formats: the legacy `{exception:{exceptionDetailList}}` body (and the legacy 429
 * `{status:{code,description,details}}`), and RFC 9457 problem+json (`errors[]` with `code`/`description`).
 */
export function parseErrorBody(body: unknown): ParsedErrorBody {
  if (!isRecord(body)) return { details: [], correlation: {} };
  if (isRecord(body.exception)) {
    const ex = body.exception;
    const list = Array.isArray(ex.exceptionDetailList) ? ex.exceptionDetailList : [];
    const details = list.filter(isRecord).map((d) => ({
      code: Number(d.exceptionCode),
      description: str(d.exceptionDescription) ?? '',
      details: strings(d.details),
    }));
    return {
      message: details[0]?.description,
      details,
      correlation: {
        referenceNumber: str(ex.referenceNumber),
        serviceCode: str(ex.serviceCode),
        serviceCtx: str(ex.serviceCtx),
        timestamp: str(ex.timestamp),
      },
    };
  }
  if (isRecord(body.status) && typeof body.status.code === 'number') {
    const st = body.status;
    const description = str(st.description) ?? '';
    return {
      message: [description, ...strings(st.details)].join(' ').trim(),
      details: [{ code: st.code as number, description, details: strings(st.details) }],
      correlation: {},
    };
  }
  const errors = Array.isArray(body.errors) ? body.errors.filter(isRecord) : [];
  const details = errors.map((e) => ({
    code: Number(e.code),
    description: str(e.description) ?? '',
    details: strings(e.details),
  }));
  return {
    message: str(body.detail) ?? details[0]?.description ?? str(body.title),
    details,
    reasonCode: str(body.reasonCode),
    correlation: { traceId: str(body.traceId), instance: str(body.instance), timestamp: str(body.timestamp) },
  };
}

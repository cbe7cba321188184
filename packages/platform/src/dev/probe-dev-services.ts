export interface DevServicesProbe {
  s3: boolean;
  mail: boolean;
}

/**
 * Whether a local S3 and mail catcher already answer at these addresses, so a second run of the dev command can
 * reuse the ones the first started instead of failing on taken ports.
 */
export async function probeDevServices(urls: { s3Endpoint: string; mailWebUrl: string }): Promise<DevServicesProbe> {
  const [s3, mail] = await Promise.all([
    answers(urls.s3Endpoint, (status, body) => status === 200 && body.includes('<ListAllMyBucketsResult')),
    answers(`${urls.mailWebUrl}/api/healthz`, (status) => status === 200),
  ]);
  return { s3, mail };
}

async function answers(url: string, check: (status: number, body: string) => boolean): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    return check(response.status, await response.text());
  } catch {
    return false;
  }
}

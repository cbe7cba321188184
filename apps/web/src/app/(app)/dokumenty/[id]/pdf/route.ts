import { tenantApiFile } from '../../../../../server/tenant-api';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The document's invoice PDF for the preview frame and the "open" link: the API's response passed through with its
 * type and file name. A refusal becomes a short Polish page, which the frame shows in place of the PDF.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  if (!UUID.test(id)) return message(404, 'Nie znaleziono dokumentu.');
  const response = await tenantApiFile(`/v1/documents/${encodeURIComponent(id)}/pdf`);
  if (response.ok) {
    const headers = new Headers({ 'content-type': 'application/pdf', 'cache-control': 'private, no-store' });
    const disposition = response.headers.get('content-disposition');
    if (disposition) headers.set('content-disposition', disposition);
    return new Response(response.body, { status: 200, headers });
  }
  const problem = (await response.json().catch(() => ({}))) as { detail?: unknown };
  const detail = typeof problem.detail === 'string' ? problem.detail : 'Nie udało się pobrać PDF faktury.';
  return message(response.status, detail);
}

function message(status: number, text: string): Response {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return new Response(`<!doctype html><html lang="pl"><meta charset="utf-8"><p>${escaped}</p></html>`, {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'private, no-store' },
  });
}

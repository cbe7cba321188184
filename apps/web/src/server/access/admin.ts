import { notFound } from 'next/navigation';
import { getViewer, type Viewer } from '../viewer';

export function isAdminRole(role: string | undefined): boolean {
  return role === 'owner' || role === 'admin';
}

/** Admin pages: a non-admin gets "not found" (the API refuses them anyway; this keeps the page from rendering). */
export async function requireAdmin(): Promise<Viewer> {
  const viewer = await getViewer();
  if (!isAdminRole(viewer.tenant?.role)) notFound();
  return viewer;
}

/** Only same-site paths are allowed after login, so a crafted link cannot send the user elsewhere. */
export function safeCallbackUrl(value: string | string[] | undefined): string {
  const candidate = Array.isArray(value) ? value[0] : value;
  if (!candidate || !candidate.startsWith('/') || candidate.startsWith('//') || candidate.startsWith('/\\')) return '/';
  if (candidate.startsWith('/login') || candidate.startsWith('/api/')) return '/';
  return candidate;
}

// Where sign-in leads back to. `next` is always a path of this site: an address from elsewhere ("//evil.example",
// "https://…") is ignored, so a crafted sign-in link cannot send the applicant off the portal.

export const AFTER_SIGN_IN = '/ho-so-cua-toi';

export function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : AFTER_SIGN_IN;
}

/** The sign-in page for someone on their way to `next`; `expired` says their session has just ended. */
export function signInPath(next: string, expired = false): string {
  const query = new URLSearchParams({ next });
  if (expired) query.set('het-han', '1');
  return `/dang-nhap?${query}`;
}

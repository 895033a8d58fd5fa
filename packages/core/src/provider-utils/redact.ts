/**
 * Replaces every occurrence of each secret in `text` with `[REDACTED]`. Secrets shorter
 * than 4 characters are ignored: replacing them would mangle ordinary text.
 */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4 && out.includes(secret)) {
      out = out.split(secret).join('[REDACTED]');
    }
  }
  return out;
}

const sensitiveQueryKeys = /^(api[-_]?key|key|token|access[-_]?token|sig|signature)$/i;

/** A URL safe to show in an error: credentials and key-like query parameters removed. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    for (const name of [...parsed.searchParams.keys()]) {
      if (sensitiveQueryKeys.test(name)) parsed.searchParams.set(name, '[REDACTED]');
    }
    return parsed.toString();
  } catch {
    return '[invalid URL]';
  }
}

/** Values of headers that carry credentials (`authorization`, `api-key`, `x-api-key`, tokens). */
export function credentialHeaderValues(headers: Record<string, string> | undefined): string[] {
  return Object.entries(headers ?? {})
    .filter(([name]) => /key|auth|token|secret|cookie/i.test(name))
    .map(([, value]) => value.replace(/^(Bearer|Basic)\s+/i, ''));
}

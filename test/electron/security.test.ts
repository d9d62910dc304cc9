import { describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  hardenSession,
  isBlockedRequest,
  withCsp,
} from '../../electron/main/security';
import { createFakeSession } from './fake-electron';
import type { Session } from 'electron';

function directives(policy: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) map.set(name, sources);
  }
  return map;
}

describe('Content-Security-Policy', () => {
  const csp = directives(CONTENT_SECURITY_POLICY);

  it('allows only the app itself by default', () => {
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(csp.get('img-src')).toEqual(["'self'", 'data:']);
    expect(csp.get('font-src')).toEqual(["'self'", 'data:']);
  });

  it('shuts plugins, base tags, framing and forms', () => {
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
  });

  it('never allows eval, wildcards or remote hosts', () => {
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).not.toContain('wasm-unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).not.toContain('*');
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|wss?:|blob:|filesystem:|file:/);
    for (const sources of csp.values()) {
      for (const source of sources) {
        expect(["'self'", "'none'", "'unsafe-inline'", 'data:']).toContain(source);
      }
    }
    expect(csp.get('script-src')).not.toContain("'unsafe-inline'");
  });
});

describe('withCsp', () => {
  it('replaces whatever policy a response carried', () => {
    const headers = withCsp({
      'content-security-policy': ["default-src *; script-src 'unsafe-eval'"],
      'Content-Type': ['text/html'],
    });
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(headers['content-security-policy']).toBeUndefined();
    expect(headers['Content-Type']).toEqual(['text/html']);
    expect(withCsp(undefined)).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });
});

describe('hardenSession', () => {
  function hardened() {
    const session = createFakeSession();
    hardenSession(session as unknown as Session);
    return session;
  }

  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'hid'])(
    'denies the %s permission request',
    (permission) => {
      const session = hardened();
      const answers: boolean[] = [];
      session.permissionRequestHandler!({}, permission, (granted) => answers.push(granted), {});
      expect(answers).toEqual([false]);
    },
  );

  it('answers every permission check and device check with no', () => {
    const session = hardened();
    expect(session.permissionCheckHandler!({}, 'media', 'app://tccsd', {})).toBe(false);
    expect(session.permissionCheckHandler!(null, 'clipboard-sanitized-write', '', {})).toBe(false);
    expect(session.devicePermissionHandler!({ deviceType: 'usb' })).toBe(false);
  });

  it('cancels network requests and lets the app scheme through', () => {
    const session = hardened();
    const ask = (url: string) => {
      let answer: Record<string, unknown> = {};
      session.beforeRequest!({ url }, (response) => (answer = response));
      return answer;
    };
    expect(ask('https://evil.example/x.js')).toEqual({ cancel: true });
    expect(ask('http://127.0.0.1:8080/')).toEqual({ cancel: true });
    expect(ask('wss://evil.example/')).toEqual({ cancel: true });
    expect(ask('file:///C:/Windows/win.ini')).toEqual({ cancel: true });
    expect(ask('app://tccsd/assets/app.js')).toEqual({ cancel: false });
    expect(ask('data:image/png;base64,AAAA')).toEqual({ cancel: false });
  });

  it('puts the policy on every response the session sees', () => {
    const session = hardened();
    let answer: Record<string, unknown> = {};
    session.headersReceived!(
      { url: 'app://tccsd/index.html', responseHeaders: { 'Content-Security-Policy': ['*'] } },
      (response) => (answer = response),
    );
    expect(answer).toEqual({
      responseHeaders: { 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });

  it('treats an unparsable url as blocked', () => {
    expect(isBlockedRequest('::::')).toBe(true);
  });
});

/**
 * The renderer's only door to the records core (DESIGN §1). In Electron the preload
 * exposes `window.registre`; in a browser tab the preview server answers on loopback and
 * wants the token it printed in the address.
 */
import type { contract, DesktopBridge, Input, Method, Output, ShellInput, ShellMethod, ShellOutput } from '../shared/api/index';
import type { ErrorCode, ErrorDetail, Result } from '../shared/errors';

declare global {
  interface Window {
    registre?: DesktopBridge;
  }
}

/** Reasons the renderer's own bridge gives (no core involved): the preview refused the tab's token. */
type BridgeReason = 'unauthorised';

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode | 'bridge',
    message: string,
    readonly detail: Omit<ErrorDetail, 'reason'> & { reason?: ErrorDetail['reason'] | BridgeReason } = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Seconds to wait before another unlock attempt, when the core said so. */
  get retryAfterSeconds(): number {
    const s = this.detail.retryAfterSeconds;
    return typeof s === 'number' && s > 0 ? Math.ceil(s) : 0;
  }
}

type PublicMethod = { [M in Method]: (typeof contract)[M]['access'] extends 'public' ? M : never }[Method];
/**
 * A `locked` answer from these means "too many attempts", not "the session ended", so it
 * must not send the user back to the unlock screen. Typed so the list cannot drift from
 * the contract.
 */
const publicMethods: Record<PublicMethod, true> = {
  'vault.status': true,
  'vault.create': true,
  'vault.selectFolder': true,
  'vault.unlock': true,
  'vault.openReadOnly': true,
  'vault.recover': true,
  'vault.lock': true,
  'vault.restore': true,
};

type Transport = (method: string, input: unknown) => Promise<Result<unknown>>;

const TOKEN_KEY = 'registre.previewToken';

/**
 * The preview token travels once in the address, then lives in sessionStorage (gone when
 * the tab closes) and leaves the address bar, so it is not bookmarked or screen-shared.
 */
function previewToken(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

function previewTransport(): Transport {
  const token = previewToken();
  return async (method, input) => {
    let response: Response;
    try {
      response = await fetch(`/api/${encodeURIComponent(method)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Registre-Token': token },
        body: JSON.stringify(input ?? {}),
        cache: 'no-store',
      });
    } catch {
      throw new ApiError('bridge', 'Registre is not responding. Is the preview still running?');
    }
    if (response.status === 401) throw new ApiError('bridge', 'This tab is not authorised. Open the address the preview printed.', { reason: 'unauthorised' });
    try {
      return (await response.json()) as Result<unknown>;
    } catch {
      throw new ApiError('bridge', `Registre answered with HTTP ${response.status}.`);
    }
  };
}

function desktopTransport(bridge: DesktopBridge): Transport {
  return (method, input) => {
    const fn = (bridge as unknown as Record<string, ((i: unknown) => Promise<Result<unknown>>) | undefined>)[method];
    if (!fn) return Promise.reject(new ApiError('bridge', `This version of the app does not offer ${method}.`));
    return fn(input);
  };
}

type LockedListener = () => void;

export interface Api {
  readonly kind: 'desktop' | 'preview';
  call<M extends Method>(method: M, input: Input<M>): Promise<Output<M>>;
  shell<M extends ShellMethod>(method: M, input: ShellInput<M>): Promise<ShellOutput<M>>;
  /** Called when a signed-in call finds the vault locked (idle timeout, OS lock, another window). */
  onLocked(listener: LockedListener): () => void;
}

export function createApi(transport: Transport, kind: Api['kind']): Api {
  const listeners = new Set<LockedListener>();
  const unwrap = async <T>(method: string, input: unknown): Promise<T> => {
    const result = await transport(method, input);
    if (result.ok) return result.data as T;
    const { code, message, detail } = result.error;
    if (code === 'locked' && !(method in publicMethods)) for (const l of listeners) l();
    throw new ApiError(code, message, detail);
  };
  return {
    kind,
    call: (method, input) => unwrap(method, input),
    shell: (method, input) => unwrap(method, input),
    onLocked(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export const api: Api = window.registre ? createApi(desktopTransport(window.registre), 'desktop') : createApi(previewTransport(), 'preview');

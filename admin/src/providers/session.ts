/** The signed-in session, kept in localStorage so a reload stays signed in until the token expires. */
export interface Session {
  token: string;
  expiresAt: string;
  mustChangePassword: boolean;
}

const KEY = 'switchboard.session';

export function getSession(): Session | null {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return null;
    const session = JSON.parse(raw) as Session;
    if (!session.token || Date.parse(session.expiresAt) <= Date.now()) return null;
    return session;
  } catch {
    return null;
  }
}

export const getToken = (): string | undefined => getSession()?.token;

export function setSession(session: Session): void {
  localStorage.setItem(KEY, JSON.stringify(session));
}

export function clearSession(): void {
  localStorage.removeItem(KEY);
}

// Session tokens: 256 random bits given to the browser; only their SHA-256 is stored, so a copy of the database
// does not let anyone sign in.
import { createHash, randomBytes } from 'node:crypto';

export const newToken = () => randomBytes(32).toString('base64url');
export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

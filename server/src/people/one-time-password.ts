import { randomBytes } from 'node:crypto';

/** 16 characters from an alphabet without look-alikes (0/O, 1/l/I): read aloud or typed from a note. */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export function oneTimePassword(): string {
  return [...randomBytes(16)].map((b) => ALPHABET[b % ALPHABET.length]).join('');
}

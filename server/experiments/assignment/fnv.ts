/**
 * FNV-1a, 32 bits, over a string's UTF-16 code units (not its UTF-8 bytes): the hash GrowthBook's
 * SDKs agree on, so a user id outside ASCII lands in the same bucket here as in any of them.
 */

const OFFSET_BASIS = 0x811c9dc5;
const PRIME = 0x01000193; // 16777619

export function fnv1a32(text: string): number {
  let hash = OFFSET_BASIS;
  for (let i = 0; i < text.length; i++) {
    // Math.imul keeps the product's low 32 bits, which is FNV's multiplication modulo 2^32.
    hash = Math.imul(hash ^ text.charCodeAt(i), PRIME);
  }
  // Math.imul answers a signed 32-bit integer; the hash is its unsigned reading.
  return hash >>> 0;
}

import { createRequire as __hexecCreateRequire } from 'node:module'; const require = __hexecCreateRequire(import.meta.url);

// src/util/uuid.ts
import { randomBytes } from "node:crypto";
function uuidV7(nowMs, random = randomBytes(10)) {
  const b = new Uint8Array(16);
  let ts = BigInt(Math.max(0, Math.floor(nowMs)));
  for (let i = 5; i >= 0; i -= 1) {
    b[i] = Number(ts & 0xffn);
    ts >>= 8n;
  }
  b.set(random.subarray(0, 10), 6);
  b[6] = (b[6] ?? 0) & 15 | 112;
  b[8] = (b[8] ?? 0) & 63 | 128;
  const hex = Buffer.from(b).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export {
  uuidV7
};

import { createRequire as __hexecCreateRequire } from 'node:module'; const require = __hexecCreateRequire(import.meta.url);
import {
  parseOptions
} from "./chunk-ULZZRTAA.mjs";
import {
  systemClock
} from "./chunk-BD5ZULVM.mjs";
import {
  createCommandEnv,
  gateCommand,
  loadExecPolicy,
  parseShellEnvironmentPolicy
} from "./chunk-RH2GIGXO.mjs";
import {
  uuidV7
} from "./chunk-2K737RDS.mjs";
import "./chunk-3DM23MJA.mjs";
import "./chunk-YLIK5HDO.mjs";
import {
  HexecError
} from "./chunk-M4BOG5CG.mjs";

// src/app/sandbox-settings.ts
import { resolve as resolve3 } from "node:path";

// ../main/node_modules/smol-toml/dist/error.js
function getLineColFromPtr(string, ptr) {
  let lines = string.slice(0, ptr).split(/\r?\n/);
  return [lines.length, lines.pop().length + 1];
}
function makeCodeBlock(string, line, column) {
  let lines = string.split(/\r?\n/);
  let codeblock = "";
  let numberLen = (Math.log10(line + 1) | 0) + 1;
  for (let i = line - 1; i <= line + 1; i++) {
    let l = lines[i - 1];
    if (!l)
      continue;
    codeblock += i.toString().padEnd(numberLen, " ");
    codeblock += ":  ";
    codeblock += l;
    codeblock += "\n";
    if (i === line) {
      codeblock += " ".repeat(numberLen + column + 2);
      codeblock += "^\n";
    }
  }
  return codeblock;
}
var TomlError = class _TomlError extends Error {
  line;
  column;
  codeblock;
  constructor(message, options) {
    const [line, column] = getLineColFromPtr(options.toml, options.ptr);
    const codeblock = makeCodeBlock(options.toml, line, column);
    super(`Invalid TOML document: ${message}

${codeblock}`, options);
    this.line = line;
    this.column = column;
    this.codeblock = codeblock;
  }
  /** @internal */
  static x(message, ctx, ptr) {
    throw new _TomlError(message, { toml: ctx.s, ptr: ptr ?? ctx.p });
  }
};

// ../main/node_modules/smol-toml/dist/primitive.js
function parseString(ctx) {
  let startPtr = ctx.p;
  let c = ctx.s.charCodeAt(ctx.p++);
  let first = c;
  let isLiteral = c === 39;
  let isMultiline = c === ctx.s.charCodeAt(ctx.p) && c === ctx.s.charCodeAt(ctx.p + 1);
  if (isMultiline) {
    if ((c = ctx.s.charCodeAt(ctx.p += 2)) === 10)
      ctx.p++;
    else if (c === 13 && ctx.s.charCodeAt(ctx.p + 1) === 10)
      ctx.p += 2;
  }
  let parsed = "";
  let sliceStart = ctx.p;
  let state = 0;
  for (; ctx.p < ctx.s.length; ctx.p++) {
    c = ctx.s.charCodeAt(ctx.p);
    if (isMultiline && (c === 10 || c === 13 && ctx.s.charCodeAt(ctx.p + 1) === 10)) {
      state = state && 3;
    } else if (c < 32 && c !== 9 || c === 127) {
      TomlError.x("control characters are not allowed in strings", ctx);
    } else if ((!state || state === 3) && c === first && (!isMultiline || ctx.s.charCodeAt(ctx.p + 1) === first && ctx.s.charCodeAt(ctx.p + 2) === first)) {
      if (isMultiline) {
        if (ctx.s.charCodeAt(ctx.p + 3) === first)
          ctx.p++;
        if (ctx.s.charCodeAt(ctx.p + 3) === first)
          ctx.p++;
      }
      if (!state) {
        let s = ctx.s.slice(sliceStart, ctx.p);
        parsed = parsed ? parsed + s : s;
      }
      ctx.p += isMultiline ? 3 : 1;
      return parsed;
    } else if (!state) {
      if (!isLiteral && c === 92) {
        parsed += ctx.s.slice(sliceStart, sliceStart = ctx.p);
        state = 1;
      }
    } else if (state === 1) {
      if (c === 120 || c === 117 || c === 85) {
        let errPtr = ctx.p++ - 1;
        let value = 0;
        let len = c === 120 ? 2 : c === 117 ? 4 : 8;
        for (let j = 0; j < len; j++, ctx.p++) {
          let hex = ctx.s.charCodeAt(ctx.p);
          let digit = (
            /* 0-9 */
            hex >= 48 && hex <= 57 ? hex - 48 : (
              /* A-F */
              hex >= 65 && hex <= 70 ? hex - 65 + 10 : (
                /* a-f */
                hex >= 97 && hex <= 102 ? hex - 97 + 10 : -1
              )
            )
          );
          if (digit < 0)
            TomlError.x("invalid non-hex character in unicode escape", ctx);
          value = value << 4 | digit;
        }
        if (value < 0 || value > 1114111 || value >= 55296 && value <= 57343) {
          TomlError.x("invalid unicode escape", ctx, errPtr);
        }
        parsed += String.fromCodePoint(value);
        sliceStart = ctx.p--;
        state = 0;
      } else if (isMultiline && (c === 32 || c === 9)) {
        state = 2;
      } else {
        if (c === 98)
          parsed += "\b";
        else if (c === 116)
          parsed += "	";
        else if (c === 110)
          parsed += "\n";
        else if (c === 102)
          parsed += "\f";
        else if (c === 114)
          parsed += "\r";
        else if (c === 101)
          parsed += "\x1B";
        else if (c === 34)
          parsed += '"';
        else if (c === 92)
          parsed += "\\";
        else
          TomlError.x("unrecognised escape sequence", ctx);
        sliceStart = ctx.p + 1;
        state = 0;
      }
    } else if (c !== 32 && c !== 9) {
      if (state === 2)
        TomlError.x("invalid escape: only line-ending whitespace may be escaped", ctx, sliceStart);
      state = !isLiteral && c === 92 ? 1 : 0;
      sliceStart = ctx.p;
    }
  }
  TomlError.x("unfinished string", ctx, startPtr);
}

// ../main/node_modules/smol-toml/dist/date.js
var DATE_TIME_RE = /^(\d{4}-\d{2}-\d{2})?[Tt ]?(?:(\d{2}):\d{2}(?::\d{2}(?:\.\d+)?)?)?(Z|z|[-+]\d{2}:\d{2})?$/i;
var TomlDate = class _TomlDate extends Date {
  #hasDate = false;
  #hasTime = false;
  #offset = null;
  constructor(date, fasttype, unsafeDelim) {
    let hasDate = true;
    let hasTime = true;
    let offset = "Z";
    let c;
    if (typeof date === "string") {
      if (fasttype)
        prep: {
          if (fasttype < 3) {
            if (+date.slice(11, 13) > 23) {
              date = "";
              break prep;
            }
            if (fasttype === 2) {
              offset = null;
              date += "Z";
            } else if ((c = date.charCodeAt(date.length - 1)) !== 90 && c !== 122) {
              offset = date.slice(date.length - 6);
            }
            if (unsafeDelim)
              date = date.slice(0, 10) + "T" + date.slice(11);
          } else if (fasttype === 4) {
            date = +date.slice(0, 2) > 23 ? "" : `0000-01-01T${date}Z`;
          }
          hasDate = fasttype !== 4;
          hasTime = fasttype !== 3;
        }
      else {
        let match = date.match(DATE_TIME_RE);
        if (match) {
          if (!match[1]) {
            hasDate = false;
            date = `0000-01-01T${date}`;
          }
          hasTime = !!match[2];
          hasTime && date[10] === " " && (date = date.replace(" ", "T"));
          if (match[2] && +match[2] > 23) {
            date = "";
          } else {
            offset = match[3] || null;
            if (!offset && hasTime)
              date += "Z";
          }
        } else {
          date = "";
        }
      }
    }
    super(date);
    if (!isNaN(this.getTime())) {
      this.#hasDate = hasDate;
      this.#hasTime = hasTime;
      this.#offset = offset;
    }
  }
  isDateTime() {
    return this.#hasDate && this.#hasTime;
  }
  isLocal() {
    return !this.#hasDate || !this.#hasTime || !this.#offset;
  }
  isDate() {
    return this.#hasDate && !this.#hasTime;
  }
  isTime() {
    return this.#hasTime && !this.#hasDate;
  }
  isValid() {
    return this.#hasDate || this.#hasTime;
  }
  toISOString() {
    let iso = super.toISOString();
    if (this.isDate())
      return iso.slice(0, 10);
    if (this.isTime())
      return iso.slice(11, 23);
    if (this.#offset === null)
      return iso.slice(0, -1);
    if (this.#offset === "Z" || this.#offset === "z")
      return iso;
    let offset = +this.#offset.slice(1, 3) * 60 + +this.#offset.slice(4, 6);
    offset = this.#offset[0] === "-" ? offset : -offset;
    let offsetDate = new Date(this.getTime() - offset * 6e4);
    return offsetDate.toISOString().slice(0, -1) + this.#offset;
  }
  static wrapAsOffsetDateTime(jsDate, offset = "Z") {
    let date = new _TomlDate(jsDate);
    date.#offset = offset;
    return date;
  }
  static wrapAsLocalDateTime(jsDate) {
    let date = new _TomlDate(jsDate);
    date.#offset = null;
    return date;
  }
  static wrapAsLocalDate(jsDate) {
    let date = new _TomlDate(jsDate);
    date.#hasTime = false;
    date.#offset = null;
    return date;
  }
  static wrapAsLocalTime(jsDate) {
    let date = new _TomlDate(jsDate);
    date.#hasDate = false;
    date.#offset = null;
    return date;
  }
};

// ../main/node_modules/smol-toml/dist/extract.js
function isDigit(char, base = 10) {
  return base === 16 ? char > 47 && char < 58 || char > 64 && char < 71 || char > 96 && char < 103 : char > 47 && char < 48 + base;
}
function isEndOfValue(char, delim) {
  return char === 32 || char === 9 || char === 10 || char === 13 || // Structure end or next value delimiter
  delim && (char === delim || char === 44) || // Comment
  char === 35;
}
function extractValue(ctx, end) {
  let errPtr = ctx.p;
  let c = ctx.s.charCodeAt(ctx.p);
  if (c === 91 || c === 123) {
    ctx.d-- || TomlError.x("document contains excessively nested structures. aborting.", ctx);
    let value = c === 91 ? parseArray(ctx) : parseInlineTable(ctx);
    ctx.d++;
    return value;
  }
  if (c === 34 || c === 39) {
    return parseString(ctx);
  }
  if (c === 116) {
    if (ctx.s.charCodeAt(++ctx.p) !== 114 || ctx.s.charCodeAt(++ctx.p) !== 117 || ctx.s.charCodeAt(++ctx.p) !== 101)
      TomlError.x("invalid value", ctx, errPtr);
    return ctx.p++, true;
  }
  if (c === 102) {
    if (ctx.s.charCodeAt(++ctx.p) !== 97 || ctx.s.charCodeAt(++ctx.p) !== 108 || ctx.s.charCodeAt(++ctx.p) !== 115 || ctx.s.charCodeAt(++ctx.p) !== 101)
      TomlError.x("invalid value", ctx, errPtr);
    return ctx.p++, false;
  }
  if (c === 43 || c === 45) {
    return parseNumber(ctx, ctx.p, ctx.s.charCodeAt(++ctx.p), 44 - c, end);
  }
  if (ctx.s.charCodeAt(ctx.p + 4) === 45 && ctx.s.charCodeAt(ctx.p + 7) === 45) {
    return parseDate(ctx, c, end);
  }
  if (ctx.s.charCodeAt(ctx.p + 2) === 58) {
    return parseTime(ctx, c, end);
  }
  return parseNumber(ctx, ctx.p, c, 0, end);
}
function parseNumber(ctx, startPtr, startChr, sign, endChr) {
  let c = startChr;
  let state = 0;
  let hasUnderscores = false;
  if (c === 105) {
    if (ctx.s.charCodeAt(++ctx.p) !== 110 || ctx.s.charCodeAt(++ctx.p) !== 102)
      TomlError.x("invalid value", ctx, startPtr);
    return ctx.p++, (sign || 1) / 0;
  }
  if (c === 110) {
    if (ctx.s.charCodeAt(++ctx.p) !== 97 || ctx.s.charCodeAt(++ctx.p) !== 110)
      TomlError.x("invalid value", ctx, startPtr);
    return ctx.p++, NaN;
  }
  if (c === 48) {
    if (++ctx.p >= ctx.s.length || isEndOfValue(c = ctx.s.charCodeAt(ctx.p), endChr))
      return ctx.bi === true ? 0n : 0;
    if (!sign) {
      if (c === 120)
        return parseIntegerBaseN(ctx, startPtr, 16, endChr);
      else if (c === 98)
        return parseIntegerBaseN(ctx, startPtr, 2, endChr);
      else if (c === 111)
        return parseIntegerBaseN(ctx, startPtr, 8, endChr);
    }
    if (c === 46)
      state = 2;
    else if (c === 101 || c === 69)
      state = 4;
    else
      TomlError.x("illegal leading zero", ctx, startPtr);
  } else if (!isDigit(c))
    TomlError.x("invalid value", ctx, startPtr);
  while (++ctx.p < ctx.s.length && (c = ctx.s.charCodeAt(ctx.p), !isEndOfValue(c, endChr))) {
    if (!state)
      state = 1;
    if (c === 95) {
      if (!(state & 1))
        TomlError.x("illegal underscore", ctx);
      state += 11;
      hasUnderscores = true;
    } else if (state === 1 && c === 46)
      state = 2;
    else if ((state === 1 || state === 3) && (c === 101 || c === 69))
      state = 4;
    else if (state === 4 && (c === 43 || c === 45)) {
      state = 6;
    } else if (!isDigit(c))
      TomlError.x(`illegal character in numeric literal`, ctx);
    else if (state > 9)
      state -= 11;
    else if (!(state & 1))
      state++;
  }
  if (!state) {
    let val = (startChr - 48) * (sign || 1);
    return ctx.bi === true ? BigInt(val) : val;
  }
  if (!(state & 1))
    TomlError.x("unfinished numeric value", ctx, startPtr);
  let str = ctx.s.slice(startPtr, ctx.p);
  if (hasUnderscores)
    str = str.replaceAll("_", "");
  return state > 1 ? parseFloat(str) : parseInteger(ctx, str, 10, startPtr);
}
function parseIntegerBaseN(ctx, startPtr, base, endChr) {
  let c, underscore = 1;
  while (++ctx.p < ctx.s.length && (c = ctx.s.charCodeAt(ctx.p), !isEndOfValue(c, endChr))) {
    if (c === 95) {
      if (underscore & 1)
        TomlError.x("illegal underscore", ctx);
      underscore = 3;
    } else if (!isDigit(c, base))
      TomlError.x(`illegal character in numeric literal`, ctx);
    else if (underscore & 1)
      underscore--;
  }
  if (underscore & 1)
    TomlError.x("unfinished numeric value", ctx);
  let str = ctx.s.slice(startPtr + 2, ctx.p);
  if (underscore)
    str = str.replaceAll("_", "");
  return parseInteger(ctx, str, base, startPtr);
}
function parseInteger(ctx, str, base, startPtr) {
  if (ctx.bi !== true)
    int: {
      let val = parseInt(str, base);
      if (!Number.isSafeInteger(val)) {
        if (ctx.bi)
          break int;
        TomlError.x("integer value cannot be represented losslessly", ctx, startPtr);
      }
      return val;
    }
  return base === 10 ? BigInt(str) : BigInt((base === 2 ? "0b" : base === 8 ? "0o" : "0x") + str);
}
function parseDate(ctx, c, endChr) {
  let startPtr = ctx.p++, unsafeSeparator;
  if (!isDigit(c) || !isDigit(ctx.s.charCodeAt(ctx.p++)) || !isDigit(ctx.s.charCodeAt(ctx.p++)) || !isDigit(ctx.s.charCodeAt(ctx.p++))) {
    return parseNumber(ctx, ctx.p = startPtr, c, 0, endChr);
  }
  ctx.p += 5;
  if (!isDigit(ctx.s.charCodeAt(ctx.p++)))
    TomlError.x("invalid date-time: date part is malformed", ctx, startPtr);
  if (ctx.p >= ctx.s.length || ((c = ctx.s.charCodeAt(ctx.p)) !== 32 || (unsafeSeparator = true, !isDigit(ctx.s.charCodeAt(ctx.p + 1)))) && c !== 84 && c !== 116) {
    let t2 = ctx.s.slice(startPtr, ctx.p);
    return readDate(ctx, t2, 3, false, startPtr);
  }
  if (ctx.s.charCodeAt(ctx.p += 3) !== 58)
    TomlError.x("invalid date-time: time part is malformed", ctx, startPtr);
  if (ctx.s.charCodeAt(ctx.p += 3) === 58)
    ctx.p += 3;
  if (ctx.s.charCodeAt(ctx.p) === 46)
    while (isDigit(ctx.s.charCodeAt(++ctx.p)))
      ;
  if (c = ctx.s.charCodeAt(ctx.p)) {
    if (c === 90 || c === 122) {
      let t2 = ctx.s.slice(startPtr, ++ctx.p);
      return readDate(ctx, t2, 1, unsafeSeparator, startPtr, "[+00:00]");
    }
    if (c === 43 || c === 45) {
      let t2 = ctx.s.slice(startPtr, ctx.p += 6);
      return readDate(ctx, t2, 1, unsafeSeparator, startPtr, !ctx.ld && "[" + ctx.s.slice(ctx.p - 6, ctx.p) + "]");
    }
  }
  let t = ctx.s.slice(startPtr, ctx.p);
  return readDate(ctx, t, 2, unsafeSeparator, startPtr);
}
function parseTime(ctx, c, endChr) {
  let start = ctx.p;
  if (!isDigit(c) || !isDigit(ctx.s.charCodeAt(++ctx.p))) {
    return parseNumber(ctx, --ctx.p, c, 0, endChr);
  }
  if (ctx.s.charCodeAt(ctx.p += 4) === 58)
    ctx.p += 3;
  if (ctx.s.charCodeAt(ctx.p) === 46)
    while (isDigit(ctx.s.charCodeAt(++ctx.p)))
      ;
  let t = ctx.s.slice(start, ctx.p);
  return readDate(ctx, t, 4, false, start);
}
function readDate(ctx, str, type, unsafeDelim, errPtr, temporalSuffix) {
  if (ctx.ld) {
    let date = new TomlDate(str, type, unsafeDelim);
    if (!date.isValid())
      TomlError.x("invalid date", ctx, errPtr);
    return date;
  }
  try {
    if (temporalSuffix)
      str += temporalSuffix;
    switch (type) {
      case 1:
        return Temporal.ZonedDateTime.from(str);
      case 2:
        return Temporal.PlainDateTime.from(str);
      case 3:
        return Temporal.PlainDate.from(str);
      case 4:
        return Temporal.PlainTime.from(str);
    }
  } catch (e) {
    TomlError.x(e instanceof Error ? e.message : "" + e, ctx, errPtr);
  }
}

// ../main/node_modules/smol-toml/dist/util.js
function skipComment(ctx) {
  for (; ctx.p < ctx.s.length; ctx.p++) {
    let c = ctx.s.charCodeAt(ctx.p);
    if (c === 10)
      break;
    if (c === 13 && ctx.s.charCodeAt(ctx.p + 1) === 10) {
      ctx.p++;
      break;
    }
    if (c < 32 && c !== 9 || c === 127) {
      TomlError.x("control characters are not allowed in comments", ctx);
    }
  }
}
function skipVoid(ctx, banNewLines, banComments) {
  let c;
  while (ctx.p < ctx.s.length) {
    while (ctx.p < ctx.s.length && ((c = ctx.s.charCodeAt(ctx.p)) === 32 || c === 9 || !banNewLines && (c === 10 || c === 13 && ctx.s.charCodeAt(ctx.p + 1) === 10)))
      ctx.p++;
    if (banComments || c !== 35)
      break;
    skipComment(ctx);
  }
}

// ../main/node_modules/smol-toml/dist/struct.js
function parseKey(ctx, end = 61) {
  let startPtr;
  let state = 0;
  let parsed = [];
  let sliceStart;
  let c = ctx.s.charCodeAt(startPtr = ctx.p);
  do {
    if (c === end) {
      if (!state)
        TomlError.x("unexpected end of key", ctx);
      if (state === 1)
        parsed.push(ctx.s.slice(sliceStart, ctx.p));
      return ctx.p++, parsed;
    } else if (c === 46) {
      if (!state)
        TomlError.x("illegal empty bare key", ctx);
      if (state === 1)
        parsed.push(ctx.s.slice(sliceStart, ctx.p));
      state = 0;
    } else if (!state && (c === 34 || c === 39)) {
      if (c === ctx.s.charCodeAt(ctx.p + 1) && c === ctx.s.charCodeAt(ctx.p + 2))
        TomlError.x("illegal quoted key: multiline strings are not allowed", ctx);
      parsed.push(parseString(ctx));
      state = 2;
      ctx.p--;
    } else if (c === 32 || c === 9) {
      if (state === 1) {
        parsed.push(ctx.s.slice(sliceStart, ctx.p));
        state = 2;
      }
    } else if (state === 2 || c < 48 && c !== 45 || c > 57 && c < 65 || c > 90 && c < 97 && c !== 95 || c > 122) {
      TomlError.x("illegal character in key", ctx);
    } else if (!state) {
      state = 1;
      sliceStart = ctx.p;
    }
  } while (c = ctx.s.charCodeAt(++ctx.p));
  TomlError.x("incomplete key-value: cannot find end of key", ctx, startPtr);
}
function parseInlineTable(ctx) {
  let startPtr = ctx.p++;
  let res = /* @__PURE__ */ Object.create(null);
  let seen = /* @__PURE__ */ new Set();
  let c;
  while (ctx.p < ctx.s.length) {
    skipVoid(ctx);
    if ((c = ctx.s.charCodeAt(ctx.p)) === 125) {
      ctx.p++;
      return res;
    }
    let k;
    let t = res;
    let hasOwn = false;
    let errPtr = ctx.p;
    let key = parseKey(ctx);
    for (let i = 0; i < key.length; i++) {
      if (i)
        t = hasOwn ? t[k] : t[k] = /* @__PURE__ */ Object.create(null);
      k = key[i];
      if ((hasOwn = Object.hasOwn(t, k)) && (typeof t[k] !== "object" || seen.has(t[k]))) {
        TomlError.x("trying to redefine an already defined value", ctx, errPtr);
      }
      let unsafe = k === "__proto__";
      if (ctx.uk && (unsafe || k === "constructor")) {
        t = ctx.uk !== 1 && TomlError.x("document contains an unsafe property", ctx, errPtr);
        break;
      }
      if (!hasOwn && unsafe) {
        Object.defineProperty(t, k, { enumerable: true, configurable: true, writable: true });
      }
    }
    if (hasOwn) {
      TomlError.x("trying to redefine an already defined value", ctx, errPtr);
    }
    skipVoid(ctx, true, true);
    let value = extractValue(
      ctx,
      125
      /* } */
    );
    if (t && typeof (t[k] = value) === "object")
      seen.add(value);
    skipVoid(ctx);
    if ((c = ctx.s.charCodeAt(ctx.p++)) === 125) {
      return res;
    }
    if (c !== 44)
      TomlError.x("expected comma or end of structure", ctx, ctx.p - 1);
  }
  TomlError.x("unfinished table", ctx, startPtr);
}
function parseArray(ctx) {
  let startPtr = ctx.p++;
  let res = [];
  let c;
  while (ctx.p < ctx.s.length) {
    skipVoid(ctx);
    if ((c = ctx.s.charCodeAt(ctx.p)) === 93) {
      ctx.p++;
      return res;
    }
    res.push(extractValue(
      ctx,
      93
      /* ] */
    ));
    skipVoid(ctx);
    if ((c = ctx.s.charCodeAt(ctx.p++)) === 93) {
      return res;
    }
    if (c !== 44)
      TomlError.x("expected comma or end of structure", ctx, ctx.p - 1);
  }
  TomlError.x("unfinished array", ctx, startPtr);
}

// ../main/node_modules/smol-toml/dist/parse.js
function peekTable(ctx, key, table, meta, type) {
  let t = table;
  let m = meta;
  let k;
  let hasOwn = false;
  let state;
  for (let i = 0; i < key.length; i++) {
    if (i) {
      t = hasOwn ? t[k] : t[k] = /* @__PURE__ */ Object.create(null);
      m = (state = m[k]).c;
      if (type === 0 && (state.t === 1 || state.t === 2)) {
        return null;
      }
      if (state.t === 2) {
        let l = t.length - 1;
        t = t[l];
        m = m[l].c;
      }
    }
    k = key[i];
    if ((hasOwn = Object.hasOwn(t, k)) && m[k]?.t === 0 && m[k]?.d) {
      return null;
    }
    if (!hasOwn) {
      let unsafe = k === "__proto__";
      if (ctx.uk && (unsafe || k === "constructor"))
        return false;
      if (unsafe) {
        Object.defineProperty(t, k, { enumerable: true, configurable: true, writable: true });
        Object.defineProperty(m, k, { enumerable: true, configurable: true, writable: true });
      }
      m[k] = {
        t: i < key.length - 1 && type === 2 ? 3 : type,
        d: false,
        i: 0,
        c: /* @__PURE__ */ Object.create(null)
      };
    }
  }
  state = m[k];
  if (state.t !== type && !(type === 1 && state.t === 3)) {
    return null;
  }
  if (type === 2) {
    if (!state.d) {
      state.d = true;
      t[k] = [];
    }
    t[k].push(t = /* @__PURE__ */ Object.create(null));
    state.c[state.i++] = state = { t: 1, d: false, i: 0, c: /* @__PURE__ */ Object.create(null) };
  }
  if (state.d) {
    return null;
  }
  state.d = true;
  if (type === 1) {
    t = hasOwn ? t[k] : t[k] = /* @__PURE__ */ Object.create(null);
  } else if (type === 0 && hasOwn) {
    return null;
  }
  return [k, t, state.c];
}
function validateTablePeek(ctx, peek, ptr) {
  if (peek === null || ctx.uk === 2)
    TomlError.x(peek === null ? "trying to redefine an already defined table or value" : "document contains an unsafe property", ctx, ptr);
}
function parse(toml, options = {}) {
  let ctx = {
    s: toml,
    p: 0,
    d: options.maxDepth ?? 1e3,
    bi: options.integersAsBigInt ?? false,
    ld: options.useLegacyDate ?? true,
    uk: options.unsafeKeyBehaviour === "throw" ? 2 : options.unsafeKeyBehaviour === "drop" ? 1 : 0
  };
  let res = /* @__PURE__ */ Object.create(null);
  let meta = /* @__PURE__ */ Object.create(null);
  let tmp;
  let skipping = false;
  let tbl = res;
  let m = meta;
  if (toml.charCodeAt(0) === 65279)
    ctx.p++;
  skipVoid(ctx);
  while (ctx.p < toml.length) {
    if (toml.charCodeAt(ctx.p) === 91) {
      let isTableArray = toml.charCodeAt(++ctx.p) === 91;
      tmp = ctx.p += +isTableArray;
      skipping = false;
      let k = parseKey(
        ctx,
        93
        /* ] */
      );
      if (isTableArray) {
        if (toml.charCodeAt(ctx.p) !== 93) {
          TomlError.x("expected end of table array declaration", ctx);
        }
        ctx.p++;
      }
      let p = peekTable(
        ctx,
        k,
        res,
        meta,
        isTableArray ? 2 : 1
        /* Type.EXPLICIT */
      );
      if (!p) {
        validateTablePeek(ctx, p, tmp);
        skipping = true;
      } else {
        m = p[2];
        tbl = p[1];
      }
    } else {
      tmp = ctx.p;
      let k = parseKey(ctx);
      let p = peekTable(
        ctx,
        k,
        tbl,
        m,
        0
        /* Type.DOTTED */
      );
      if (!p && !skipping)
        validateTablePeek(ctx, p, tmp);
      skipVoid(ctx, true, true);
      let v = extractValue(ctx, void 0);
      if (p && !skipping)
        p[1][p[0]] = v;
    }
    skipVoid(ctx, true);
    if (ctx.p < toml.length && (tmp = toml.charCodeAt(ctx.p)) !== 10 && (tmp !== 13 || toml.charCodeAt(ctx.p + 1) !== 10)) {
      TomlError.x("each key-value declaration must be followed by an end-of-line", ctx);
    }
    skipVoid(ctx);
  }
  return res;
}

// ../main/node_modules/smol-toml/dist/stringify.js
var HAS_WELLFORMED = !!"".isWellFormed;

// src/sandbox/sandbox-policy.ts
var READ_ONLY_POLICY = Object.freeze({ mode: "read-only" });
var DANGER_FULL_ACCESS_POLICY = Object.freeze({ mode: "danger-full-access" });
function workspaceWritePolicy(fields = {}) {
  return Object.freeze({
    mode: "workspace-write",
    writableRoots: Object.freeze([...fields.writableRoots ?? []]),
    networkAccess: fields.networkAccess ?? false,
    excludeTmpdirEnvVar: fields.excludeTmpdirEnvVar ?? false,
    excludeSlashTmp: fields.excludeSlashTmp ?? false
  });
}
function networkAllowed(policy) {
  switch (policy.mode) {
    case "read-only":
      return false;
    case "workspace-write":
      return policy.networkAccess;
    case "danger-full-access":
      return true;
  }
}
var PROTECTED_NAMES = [".git", ".codex", ".agents"];

// src/sandbox/fs-probe.ts
import { lstatSync, readFileSync, readlinkSync, realpathSync } from "node:fs";
var realFsProbe = {
  kind(path) {
    try {
      const st = lstatSync(path);
      if (st.isSymbolicLink()) return "symlink";
      if (st.isDirectory()) return "dir";
      if (st.isFile()) return "file";
      return "other";
    } catch {
      return "missing";
    }
  },
  realpath(path) {
    try {
      return realpathSync(path);
    } catch {
      return void 0;
    }
  },
  readText(path) {
    try {
      return readFileSync(path, "utf8");
    } catch {
      return void 0;
    }
  },
  readlink(path) {
    try {
      return readlinkSync(path);
    } catch {
      return void 0;
    }
  }
};
function isWithin(a, b) {
  if (b === "/") return a.startsWith("/");
  return a === b || a.startsWith(`${b}/`);
}

// src/sandbox/sandbox-layout.ts
import { join, resolve } from "node:path";
var EMPTY = Object.freeze({
  writableRoots: [],
  protectedPaths: [],
  placeholders: [],
  privateTmp: false
});
function gitdirTarget(fs, root) {
  const text = fs.readText(join(root, ".git"));
  const m = /^gitdir:\s*(.+?)\s*$/m.exec(text ?? "");
  if (m?.[1] === void 0) return void 0;
  return fs.realpath(resolve(root, m[1]));
}
function protectedFor(fs, root, isCwd, out, holes) {
  for (const name of PROTECTED_NAMES) {
    const p = join(root, name);
    const kind = fs.kind(p);
    if (kind === "dir" || kind === "file" || kind === "other") {
      out.add(p);
      if (name === ".git" && kind === "file") {
        const target = gitdirTarget(fs, root);
        if (target !== void 0) out.add(target);
      }
    } else if (kind === "symlink") {
      const target = fs.realpath(p);
      if (target !== void 0) out.add(target);
    } else if (isCwd && name === ".codex") {
      holes.add(p);
    }
  }
}
function sandboxLayout(policy, ctx) {
  if (policy.mode !== "workspace-write") return EMPTY;
  const fs = ctx.fs;
  const privateTmp = !policy.excludeSlashTmp;
  const candidates = [{ path: ctx.cwd, isCwd: true }];
  for (const r of policy.writableRoots) candidates.push({ path: resolve(ctx.cwd, r), isCwd: false });
  if (!policy.excludeTmpdirEnvVar && ctx.tmpdir !== void 0 && ctx.tmpdir !== "") {
    candidates.push({ path: resolve(ctx.cwd, ctx.tmpdir), isCwd: false });
  }
  const roots = [];
  const prot = /* @__PURE__ */ new Set();
  const holes = /* @__PURE__ */ new Set();
  const cwdReal = fs.realpath(ctx.cwd);
  for (const c of candidates) {
    const real = fs.realpath(c.path);
    if (real === void 0 || fs.kind(real) !== "dir") continue;
    if (privateTmp && real === "/tmp") continue;
    if (!roots.includes(real)) roots.push(real);
  }
  for (const root of roots) protectedFor(fs, root, root === cwdReal, prot, holes);
  return Object.freeze({
    writableRoots: Object.freeze(roots),
    protectedPaths: Object.freeze([...prot]),
    placeholders: Object.freeze([...holes]),
    privateTmp
  });
}

// src/sandbox/bwrap-args.ts
var HOSTNAME = "hexec-sandbox";
function depth(p) {
  return p === "/" ? 0 : p.split("/").length - 1;
}
function buildBwrapPlan(policy, ctx) {
  if (policy.mode === "danger-full-access") {
    throw new Error("danger-full-access runs without bwrap");
  }
  const fs = ctx.fs ?? realFsProbe;
  const layout = sandboxLayout(policy, {
    cwd: ctx.cwd,
    fs,
    ...ctx.tmpdir !== void 0 ? { tmpdir: ctx.tmpdir } : {},
    ...ctx.tmpBind !== void 0 ? { tmpBind: ctx.tmpBind } : {}
  });
  const net = policy.mode === "workspace-write" && policy.networkAccess;
  const args = [
    "--new-session",
    "--die-with-parent",
    "--unshare-user",
    "--disable-userns",
    "--unshare-pid",
    "--unshare-ipc",
    "--unshare-uts",
    "--hostname",
    HOSTNAME,
    "--unshare-cgroup-try",
    // Root callers would otherwise keep a full capability set inside the namespace.
    "--cap-drop",
    "ALL"
  ];
  if (!net) args.push("--unshare-net");
  args.push("--ro-bind", "/", "/");
  const writable = [];
  if (layout.privateTmp) {
    if (ctx.tmpBind !== void 0) writable.push({ dest: "/tmp", args: ["--bind", ctx.tmpBind, "/tmp"] });
    else if (ctx.tmpfsSizeBytes !== void 0) {
      writable.push({ dest: "/tmp", args: ["--size", String(ctx.tmpfsSizeBytes), "--tmpfs", "/tmp"] });
    } else writable.push({ dest: "/tmp", args: ["--tmpfs", "/tmp"] });
  }
  for (const r of layout.writableRoots) writable.push({ dest: r, args: ["--bind", r, r] });
  writable.sort((a, b) => depth(a.dest) - depth(b.dest));
  for (const m of writable) args.push(...m.args);
  const ro = [...layout.protectedPaths].sort((a, b) => depth(a) - depth(b) || a.localeCompare(b));
  for (const p of ro) args.push("--ro-bind", p, p);
  for (const p of [...layout.placeholders].sort()) args.push("--ro-bind", "/dev/null", p);
  args.push("--dev", "/dev");
  if ((ctx.procMode ?? "fresh") === "fresh") args.push("--proc", "/proc");
  else args.push("--tmpfs", "/proc");
  args.push("--clearenv");
  for (const k of Object.keys(ctx.env).sort()) args.push("--setenv", k, ctx.env[k]);
  args.push("--chdir", fs.realpath(ctx.cwd) ?? ctx.cwd, "--", ...ctx.argv);
  return Object.freeze({ args: Object.freeze(args), layout });
}

// src/sandbox/preflight.ts
import { accessSync, constants, existsSync, statSync } from "node:fs";
import { isAbsolute, join as join2, resolve as resolve2 } from "node:path";

// src/exec/spawn-process.ts
import { spawn } from "node:child_process";
var DEFAULT_MAX_OUTPUT = 8 * 1024 * 1024;
function killGroup(child, sig) {
  if (child.pid === void 0) return;
  try {
    process.kill(-child.pid, sig);
  } catch {
    try {
      child.kill(sig);
    } catch {
    }
  }
}
function runProcess(req) {
  const started = performance.now();
  const max = req.maxOutputBytes ?? DEFAULT_MAX_OUTPUT;
  return new Promise((resolvePromise) => {
    let child;
    try {
      child = spawn(req.program, [...req.args], {
        cwd: req.cwd,
        env: { ...req.env },
        detached: true,
        stdio: ["pipe", "pipe", "pipe"],
        ...req.uid !== void 0 ? { uid: req.uid } : {},
        ...req.gid !== void 0 ? { gid: req.gid } : {},
        ...req.argv0 !== void 0 ? { argv0: req.argv0 } : {}
      });
    } catch (e) {
      req.afterExit?.();
      resolvePromise({
        exitCode: null,
        signal: null,
        stdout: "",
        stderr: "",
        output: "",
        timedOut: false,
        aborted: false,
        truncated: false,
        spawnError: e instanceof Error ? e.message : String(e),
        durationMs: performance.now() - started
      });
      return;
    }
    const out = [];
    const err = [];
    const all = [];
    let total = 0;
    let truncated = false;
    let timedOut = false;
    let aborted = false;
    let spawnError;
    let killTimer;
    const take = (bucket, chunk) => {
      if (total >= max) {
        truncated = true;
        return;
      }
      const room = max - total;
      const piece = chunk.length > room ? chunk.subarray(0, room) : chunk;
      if (piece.length < chunk.length) truncated = true;
      total += piece.length;
      bucket.push(piece);
      all.push(piece);
    };
    child.stdout?.on("data", (c) => take(out, c));
    child.stderr?.on("data", (c) => take(err, c));
    child.stdin?.on("error", () => void 0);
    if (req.stdin !== void 0) child.stdin?.end(req.stdin);
    else child.stdin?.end();
    const terminate = () => {
      killGroup(child, "SIGTERM");
      killTimer = setTimeout(() => killGroup(child, "SIGKILL"), 2e3);
      killTimer.unref();
    };
    const timer = req.timeoutMs !== void 0 ? setTimeout(() => {
      timedOut = true;
      terminate();
    }, req.timeoutMs) : void 0;
    const onAbort = () => {
      aborted = true;
      terminate();
    };
    if (req.signal?.aborted === true) onAbort();
    else req.signal?.addEventListener("abort", onAbort, { once: true });
    child.on("error", (e) => {
      spawnError = e.message;
    });
    child.on("close", (code, sig) => {
      if (timer !== void 0) clearTimeout(timer);
      if (killTimer !== void 0) clearTimeout(killTimer);
      req.signal?.removeEventListener("abort", onAbort);
      req.afterExit?.();
      resolvePromise({
        exitCode: spawnError !== void 0 ? null : code,
        signal: sig,
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
        output: Buffer.concat(all).toString("utf8"),
        timedOut,
        aborted,
        truncated,
        ...spawnError !== void 0 ? { spawnError } : {},
        durationMs: performance.now() - started
      });
    });
  });
}

// src/exec/spawn-interactive.ts
import { spawn as spawn2 } from "node:child_process";
function runInteractive(req) {
  return new Promise((resolvePromise) => {
    let settled = false;
    const done = (r) => {
      if (settled) return;
      settled = true;
      req.signal?.removeEventListener("abort", onAbort);
      req.afterExit?.();
      resolvePromise(r);
    };
    const child = spawn2(req.program, [...req.args], {
      cwd: req.cwd,
      env: { ...req.env },
      stdio: "inherit",
      ...req.argv0 !== void 0 ? { argv0: req.argv0 } : {}
    });
    function onAbort() {
      child.kill("SIGTERM");
    }
    if (req.signal?.aborted === true) onAbort();
    else req.signal?.addEventListener("abort", onAbort, { once: true });
    child.on("error", (e) => done({ exitCode: null, signal: null, spawnError: e.message }));
    child.on("exit", (code, sig) => done({ exitCode: code, signal: sig }));
  });
}

// src/sandbox/diagnose.ts
var ESCAPE_HATCH = "If this runner is already an isolated, disposable container, run with `-s danger-full-access` (hexec then runs commands without a sandbox; it never does so on its own).";
var MISSING_BWRAP_DIAGNOSIS = [
  "sandbox unavailable: bubblewrap (`bwrap`) was not found on PATH (directories inside the working directory are not searched).",
  "Install it: `apt-get install bubblewrap` (Debian/Ubuntu), `dnf install bubblewrap` (Fedora/RHEL), `apk add bubblewrap` (Alpine), `pacman -S bubblewrap` (Arch).",
  ESCAPE_HATCH
].join("\n");
function containerAdvice(inContainer2) {
  if (!inContainer2) return [];
  return [
    "This looks like a container: Docker's default seccomp and AppArmor profiles forbid creating namespaces. Start the container with `--security-opt seccomp=unconfined --security-opt apparmor=unconfined` (or a seccomp profile that allows clone/unshare of user namespaces), or with `--privileged`."
  ];
}
function firstLine(stderr) {
  const line = stderr.split("\n").find((l) => l.trim() !== "");
  return line === void 0 ? "(no output)" : line.trim();
}
function diagnoseProbeFailure(f) {
  const head = `sandbox unavailable: \`${f.bwrapPath}\` could not create the sandbox`;
  const said = f.spawnError !== void 0 ? f.spawnError : firstLine(f.stderr);
  const out = [`${head}: ${said}`];
  const s = f.stderr;
  if (f.spawnError !== void 0) {
    out.push("Check that the file is an executable bubblewrap binary, or install it: `apt-get install bubblewrap`.");
  } else if (/Unknown option|unrecognized option/i.test(s)) {
    out.push("This bubblewrap is too old: hexec needs bubblewrap >= 0.8.0 (for --disable-userns). Upgrade the `bubblewrap` package.");
  } else if (/No permissions to create (a )?new namespace|setting up uid map|uid map|Creating new namespace failed|unshare.*(Operation not permitted|Permission denied)|clone.*(Operation not permitted|Permission denied)/i.test(
    s
  )) {
    out.push(
      "Unprivileged user namespaces are disabled on this host. Enable them:",
      "  sysctl -w kernel.unprivileged_userns_clone=1            (Debian/older Ubuntu kernels)",
      "  sysctl -w kernel.apparmor_restrict_unprivileged_userns=0   (Ubuntu 23.10+ AppArmor restriction),",
      "  or install an AppArmor profile that grants `userns` to /usr/bin/bwrap;",
      "  check also user.max_user_namespaces > 0.",
      ...containerAdvice(f.inContainer)
    );
  } else if (/RTM_NEWADDR|RTM_NEWLINK|loopback/i.test(s)) {
    out.push(
      "bwrap could not set up the loopback interface of the private network namespace.",
      ...containerAdvice(f.inContainer)
    );
  } else if (/Can't mount proc/i.test(s)) {
    out.push("A fresh /proc cannot be mounted here, not even with /proc hidden.", ...containerAdvice(f.inContainer));
  } else if (/make \/ slave|Failed to make|mount.*Permission denied|Operation not permitted/i.test(s)) {
    out.push(
      "bwrap is not allowed to set up mounts (typical of containers without CAP_SYS_ADMIN on overlayfs).",
      ...containerAdvice(f.inContainer)
    );
  } else {
    out.push(`bwrap exited with ${f.exitCode === null ? "a signal" : `code ${f.exitCode}`}.`, ...containerAdvice(f.inContainer));
  }
  out.push(ESCAPE_HATCH);
  return out.join("\n");
}

// src/sandbox/preflight.ts
function findBwrap(env, workspaces = [env.cwd]) {
  const avoid = workspaces.filter((w) => w !== "/");
  for (const dir of (env.vars["PATH"] ?? "").split(":")) {
    if (dir === "" || !isAbsolute(dir)) continue;
    if (avoid.some((w) => isWithin(resolve2(dir), w))) continue;
    const candidate = join2(dir, "bwrap");
    try {
      accessSync(candidate, constants.X_OK);
      if (statSync(candidate).isFile()) return candidate;
    } catch {
    }
  }
  return void 0;
}
function probeArgs(procMode) {
  return [
    "--new-session",
    "--die-with-parent",
    "--unshare-user",
    "--disable-userns",
    "--unshare-pid",
    "--unshare-ipc",
    "--unshare-uts",
    "--unshare-net",
    "--ro-bind",
    "/",
    "/",
    "--dev",
    "/dev",
    ...procMode === "fresh" ? ["--proc", "/proc"] : ["--tmpfs", "/proc"],
    "--",
    "/bin/true"
  ];
}
function inContainer(env) {
  return existsSync("/.dockerenv") || existsSync("/run/.containerenv") || (env.vars["container"] ?? "") !== "";
}
async function preflight(env, workspaces = [env.cwd]) {
  const bwrapPath = findBwrap(env, workspaces);
  if (bwrapPath === void 0) return { ok: false, diagnosis: MISSING_BWRAP_DIAGNOSIS };
  const run = (args) => runProcess({ program: bwrapPath, args, cwd: "/", env: {}, timeoutMs: 1e4 });
  let procMode = "fresh";
  let probe = await run(probeArgs(procMode));
  if (probe.exitCode !== 0 && /Can't mount proc/i.test(probe.stderr)) {
    procMode = "hidden";
    probe = await run(probeArgs(procMode));
  }
  if (probe.exitCode !== 0) {
    return {
      ok: false,
      diagnosis: diagnoseProbeFailure({
        stderr: probe.stderr,
        exitCode: probe.exitCode,
        ...probe.spawnError !== void 0 ? { spawnError: probe.spawnError } : {},
        inContainer: inContainer(env),
        bwrapPath
      })
    };
  }
  const v = await run(["--version"]);
  const version = /(\d+\.\d+(?:\.\d+)?)/.exec(v.stdout)?.[1] ?? "unknown";
  return { ok: true, bwrapPath, version, procMode };
}

// src/sandbox/launcher.ts
import { lstatSync as lstatSync2, unlinkSync } from "node:fs";
function isRefused(o) {
  return "type" in o && o.type === "refused";
}
var activePlaceholders = /* @__PURE__ */ new Map();
function holdPlaceholders(paths) {
  for (const p of paths) activePlaceholders.set(p, (activePlaceholders.get(p) ?? 0) + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    for (const p of paths) {
      const n = (activePlaceholders.get(p) ?? 1) - 1;
      if (n > 0) {
        activePlaceholders.set(p, n);
        continue;
      }
      activePlaceholders.delete(p);
      try {
        const st = lstatSync2(p);
        if (st.isFile() && st.size === 0) unlinkSync(p);
      } catch {
      }
    }
  };
}
function launcherFor(policy, pf, opts = {}) {
  if (policy.mode === "danger-full-access") {
    return (cmd) => {
      const [program, ...args] = cmd.argv;
      if (program === void 0) return { type: "refused", reason: "empty command" };
      return { program, args, cwd: cmd.cwd, env: { ...cmd.env } };
    };
  }
  if (!pf.ok) throw new HexecError("sandbox", pf.diagnosis);
  const fs = opts.fs ?? realFsProbe;
  return (cmd) => {
    if (cmd.argv.length === 0) return { type: "refused", reason: "empty command" };
    if (fs.kind(cmd.cwd) === "missing") {
      return { type: "refused", reason: `working directory ${cmd.cwd} does not exist` };
    }
    const tmpdir = opts.hostTmpdir ?? cmd.env["TMPDIR"];
    const plan = buildBwrapPlan(policy, {
      cwd: cmd.cwd,
      argv: cmd.argv,
      env: cmd.env,
      fs,
      procMode: pf.procMode,
      ...tmpdir !== void 0 ? { tmpdir } : {},
      ...opts.tmpBind !== void 0 ? { tmpBind: opts.tmpBind } : {},
      ...opts.tmpfsSizeBytes !== void 0 ? { tmpfsSizeBytes: opts.tmpfsSizeBytes } : {}
    });
    const ours = [
      ...plan.layout.placeholders,
      ...plan.layout.protectedPaths.filter((p) => activePlaceholders.has(p))
    ];
    const release = holdPlaceholders(ours);
    return {
      program: pf.bwrapPath,
      args: plan.args,
      cwd: "/",
      // bwrap itself needs nothing; the command's environment is in --setenv.
      env: {},
      ...ours.length > 0 ? { afterExit: release } : {}
    };
  };
}

// src/app/sandbox-settings.ts
function tomlValue(raw) {
  try {
    return parse(`v = ${raw}`).v;
  } catch {
    return raw;
  }
}
function setPath(root, path, value) {
  let t = root;
  for (const k of path.slice(0, -1)) {
    const next = t[k];
    if (next === null || typeof next !== "object" || Array.isArray(next)) t[k] = {};
    t = t[k];
  }
  t[path[path.length - 1]] = value;
}
function bool(v, key) {
  if (typeof v !== "boolean") throw new HexecError("config", "invalid value", { source: { flag: "-c", key }, expected: "a boolean", found: JSON.stringify(v) });
  return v;
}
function sandboxSettingsFromFlags(flags, env) {
  const cfg = {};
  for (const item of flags.config) {
    const eq = item.indexOf("=");
    if (eq <= 0) throw new HexecError("usage", `Invalid override (missing '='): ${item}`);
    setPath(cfg, item.slice(0, eq).trim().split("."), tomlValue(item.slice(eq + 1).trim()));
  }
  const cwd = flags.cd !== void 0 ? resolve3(env.cwd, flags.cd) : env.cwd;
  let mode = flags.sandbox ?? (typeof cfg["sandbox_mode"] === "string" ? cfg["sandbox_mode"] : "read-only");
  if (flags.fullAuto === true && flags.sandbox === void 0) mode = "workspace-write";
  if (flags.dangerouslyBypass === true) mode = "danger-full-access";
  const sww = cfg["sandbox_workspace_write"] ?? {};
  let policy;
  if (mode === "read-only") policy = READ_ONLY_POLICY;
  else if (mode === "danger-full-access") policy = DANGER_FULL_ACCESS_POLICY;
  else if (mode === "workspace-write") {
    const roots = sww["writable_roots"] ?? [];
    if (!Array.isArray(roots) || !roots.every((r) => typeof r === "string")) {
      throw new HexecError("config", "invalid value", { source: { flag: "-c", key: "sandbox_workspace_write.writable_roots" }, expected: "an array of paths" });
    }
    policy = workspaceWritePolicy({
      writableRoots: [...flags.addDir, ...roots].map((d) => resolve3(cwd, d)),
      networkAccess: bool(sww["network_access"] ?? false, "sandbox_workspace_write.network_access"),
      excludeTmpdirEnvVar: bool(sww["exclude_tmpdir_env_var"] ?? false, "sandbox_workspace_write.exclude_tmpdir_env_var"),
      excludeSlashTmp: bool(sww["exclude_slash_tmp"] ?? false, "sandbox_workspace_write.exclude_slash_tmp")
    });
  } else {
    throw new HexecError("config", "invalid value", { source: { flag: "-c", key: "sandbox_mode" }, expected: '"read-only", "workspace-write" or "danger-full-access"', found: JSON.stringify(mode) });
  }
  return { cwd, policy, envPolicy: parseShellEnvironmentPolicy(cfg["shell_environment_policy"], { flag: "-c" }) };
}

// src/cli/commands/sandbox-command.ts
var SANDBOX_USAGE = "hexec sandbox [-s MODE] [--add-dir DIR] [-c key=value] [-C DIR] -- COMMAND [ARGS...]";
var HELP = `Run COMMAND under exactly the sandbox, environment policy and exec-policy rules the
agent's commands get, and exit with its exit code (5 if the sandbox cannot be set up).

Usage: ${SANDBOX_USAGE}

Options:
  -s, --sandbox <MODE>      read-only (default) | workspace-write | danger-full-access
      --add-dir <DIR>       Extra writable directory under workspace-write (repeatable)
  -c, --config <key=value>  sandbox_mode, sandbox_workspace_write.*, shell_environment_policy.*
  -C, --cd <DIR>            Working directory (the workspace root)
      --ignore-rules        Skip user .rules files (system rules still apply)
`;
var SIGNALS = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGSEGV: 11, SIGPIPE: 13, SIGTERM: 15 };
var sandboxCommand = async (argv, io) => {
  const dd = argv.indexOf("--");
  const head = dd === -1 ? argv : argv.slice(0, dd);
  if (head.includes("-h") || head.includes("--help")) {
    io.stdout.write(HELP);
    return 0;
  }
  const parsed = parseOptions(argv, { scopes: ["config"], usage: SANDBOX_USAGE, stopAtFirstPositional: true });
  const command = [...parsed.positionals, ...parsed.rest];
  if (command.length === 0) throw new HexecError("usage", `a command is required

Usage: ${SANDBOX_USAGE}`);
  const o = parsed.options;
  const settings = sandboxSettingsFromFlags(
    {
      addDir: o.addDir,
      config: o.config,
      ...o.sandbox !== void 0 ? { sandbox: o.sandbox } : {},
      ...o.cd !== void 0 ? { cd: o.cd } : {},
      dangerouslyBypass: o.dangerouslyBypass,
      fullAuto: o.fullAuto
    },
    io.env
  );
  const { policy, cwd } = settings;
  const rules = loadExecPolicy({
    systemConfigDir: io.env.systemConfigDir,
    codexHome: io.env.codexHome,
    trustedProjectCodexDirs: [],
    ignoreRules: o.ignoreRules
  });
  const gate = gateCommand(rules, command);
  if (gate.type === "refused") {
    io.stderr.write(`hexec sandbox: ${gate.reason}
`);
    return 1;
  }
  const secretVarNames = ["CODEX_API_KEY", "OPENAI_API_KEY"];
  const threadId = uuidV7(systemClock.nowMs());
  const env = createCommandEnv(settings.envPolicy, io.env.vars, {
    sandboxMode: policy.mode,
    networkDisabled: !networkAllowed(policy),
    threadId,
    sessionId: threadId,
    toolCallId: "hexec-sandbox",
    secretVarNames,
    secretValues: secretVarNames.map((n) => io.env.vars[n] ?? "")
  });
  env["PWD"] = cwd;
  const pf = policy.mode === "danger-full-access" ? { ok: false, diagnosis: "not needed" } : await preflight(io.env, [io.env.cwd, cwd]);
  const launch = launcherFor(policy, pf, { ...io.env.vars["TMPDIR"] !== void 0 ? { hostTmpdir: io.env.vars["TMPDIR"] } : {} });
  const req = launch({ argv: command, cwd, env });
  if (isRefused(req)) throw new HexecError("sandbox", req.reason);
  const r = await runInteractive({ ...req, signal: io.signal });
  if (r.spawnError !== void 0) {
    io.stderr.write(`hexec sandbox: cannot run ${command[0] ?? ""}: ${r.spawnError}
`);
    return 127;
  }
  if (r.exitCode !== null) return r.exitCode;
  return 128 + (SIGNALS[r.signal ?? ""] ?? 1);
};
export {
  SANDBOX_USAGE,
  sandboxCommand
};

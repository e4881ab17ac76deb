// The emulator's TLS identity: a self-signed certificate generated at start-up with node's crypto
// (no openssl CLI, no dependency), valid for the loopback names a local client uses. The certificate
// is its own CA (basicConstraints CA:TRUE), so a client trusts it by taking it as its CA: the
// package's client through `liveengage:caCert`, LivePerson's clients through NODE_EXTRA_CA_CERTS.
import { createSign, generateKeyPairSync, randomBytes, X509Certificate } from "crypto";
import { isIP } from "net";

export interface TlsIdentity {
  /** PEM certificate (also the CA a client must trust). */
  cert: string;
  /** PEM private key (PKCS#8). */
  key: string;
}

// ---- a minimal DER writer: just the ASN.1 types an X.509 v3 certificate needs -------------------

function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}
const tlv = (tag: number, body: Buffer) => Buffer.concat([Buffer.from([tag]), length(body.length), body]);
const seq = (...items: Buffer[]) => tlv(0x30, Buffer.concat(items));
const set = (...items: Buffer[]) => tlv(0x31, Buffer.concat(items));
const ctx = (n: number, body: Buffer, constructed = true) => tlv((constructed ? 0xa0 : 0x80) | n, body);
const octets = (b: Buffer) => tlv(0x04, b);
const bits = (b: Buffer) => tlv(0x03, Buffer.concat([Buffer.from([0]), b]));
const bool = (v: boolean) => tlv(0x01, Buffer.from([v ? 0xff : 0]));
const utf8 = (s: string) => tlv(0x0c, Buffer.from(s, "utf8"));
const NULL = Buffer.from([0x05, 0x00]);

function integer(b: Buffer): Buffer {
  const body = b[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b;
  return tlv(0x02, body);
}

function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split(".").map(Number) as [number, number, ...number[]];
  const out: number[] = [a * 40 + b];
  for (const n of rest) {
    const chunk: number[] = [n & 0x7f];
    for (let v = Math.floor(n / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift((v & 0x7f) | 0x80);
    out.push(...chunk);
  }
  return tlv(0x06, Buffer.from(out));
}

/** UTCTime until 2049, GeneralizedTime after (RFC 5280 §4.1.2.5). */
function time(d: Date): Buffer {
  const iso = d.toISOString().replace(/[-:T]/g, "").slice(0, 14) + "Z"; // YYYYMMDDHHMMSSZ
  return d.getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(iso.slice(2))) : tlv(0x18, Buffer.from(iso));
}

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return seq(oid(id), ...(critical ? [bool(true)] : []), octets(value));
}

function ipBytes(ip: string): Buffer {
  if (isIP(ip) === 4) return Buffer.from(ip.split(".").map(Number));
  // IPv6: expand "::" and write 8 groups of 16 bits.
  const [head, tail = ""] = ip.split("::");
  const h = head ? head.split(":") : [];
  const t = tail ? tail.split(":") : [];
  const groups = ip.includes("::") ? [...h, ...Array(8 - h.length - t.length).fill("0"), ...t] : h;
  const out = Buffer.alloc(16);
  groups.forEach((g, i) => out.writeUInt16BE(parseInt(g, 16), i * 2));
  return out;
}

/**
 * A self-signed certificate for `names` (DNS names and IP addresses), valid from an hour ago for
 * `days` days, RSA 2048 / SHA-256.
 */
export function generateTlsIdentity(names: string[] = ["localhost", "127.0.0.1", "::1"], days = 825): TlsIdentity {
  const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const spki = publicKey.export({ format: "der", type: "spki" });
  const sha256WithRsa = seq(oid("1.2.840.113549.1.1.11"), NULL);
  const name = seq(set(seq(oid("2.5.4.3"), utf8("LiveEngage emulator (local, self-signed)"))));
  const notBefore = new Date(Date.now() - 3600_000);
  const notAfter = new Date(notBefore.getTime() + days * 86_400_000);
  const san = seq(...names.map((n) => (isIP(n) ? ctx(7, ipBytes(n), false) : ctx(2, Buffer.from(n, "ascii"), false))));
  const extensions = ctx(
    3,
    seq(
      extension("2.5.29.19", true, seq(bool(true))), // basicConstraints CA:TRUE: it is its own CA
      extension("2.5.29.15", true, bits(Buffer.from([0x84]))), // keyUsage digitalSignature, keyCertSign
      extension("2.5.29.37", false, seq(oid("1.3.6.1.5.5.7.3.1"))), // extKeyUsage serverAuth
      extension("2.5.29.17", false, san), // subjectAltName
    ),
  );
  const serial = randomBytes(16);
  serial[0]! &= 0x7f;
  const tbs = seq(
    ctx(0, integer(Buffer.from([2]))),
    integer(serial),
    sha256WithRsa,
    name,
    seq(time(notBefore), time(notAfter)),
    name,
    spki,
    extensions,
  );
  const signature = createSign("sha256").update(tbs).sign(privateKey);
  const der = seq(tbs, sha256WithRsa, bits(signature));
  const cert = new X509Certificate(der).toString();
  return { cert, key: privateKey.export({ format: "pem", type: "pkcs8" }).toString() };
}

import fs from "node:fs";
import { seededRandom } from "../../server/seeded-random";

/**
 * A tiny llama GGUF written from code (DESIGN.md §2 "Generated test models"), so the real
 * node-llama-cpp loading and generation path runs in tests without downloadable weights.
 *
 * GGUF v3, alignment 32, F32 tensors, a SentencePiece ("llama") vocabulary of control tokens,
 * the 256 byte tokens, single characters and English words (with every prefix of each word, so
 * the SPM merges can reach the whole word), and a ChatML chat template. Only whole-word rows of
 * `output` are non-zero: greedy decoding then always picks a plain word (never a control, byte
 * or stop-trigger token), so a generation yields exactly `maxTokens` tokens of ordinary text.
 */

export const TINY_LLAMA = {
  contextLength: 4096,
  embedding: 32,
  blocks: 2,
  feedForward: 64,
  heads: 4,
  headsKv: 2,
  seed: 20_240_611,
} as const;

const CHATML_TEMPLATE =
  "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}" +
  "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

const WORDS = `the a an of to and or in on for with by from at as is are was were be been has have had do not no
loan loans borrower borrowers income incomes payment payments paid fully charged off term terms month months year years
rate rates interest credit debt balance balances revolving utilization limit score history record records public
delinquency delinquencies inquiry inquiries account accounts line lines open total amount amounts principal monthly
annual salary employment employed job stable verified ratio percent share median average typical similar past recent
lower higher reduce increase keep pay down consider shorter longer risk risky safer outcome outcomes default budget
save savings plan cost costs fee fees afford affordable repay repaid repayment schedule option options advice suggest
recommend before after while during first next then also more less most least than this that these those your you
we they it its our their which who what when how why can could should would may might will must good better best
strong weak clear clean late missed on-time consistent steady cash flow expense expenses spending card cards bank
lender offer approval application apply review check compare comparison fixed installment grade band purpose goal`
  .split(/\s+/)
  .filter(Boolean);

const CHARS = [..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,;:!?'\"()[]{}-_+=/\\%$&*#@<>|~`^"];

type TokenType = 1 | 2 | 3 | 6; // normal, unknown, control, byte

function vocabulary() {
  const tokens: string[] = [];
  const types: TokenType[] = [];
  const seen = new Set<string>();
  const add = (text: string, type: TokenType) => {
    if (seen.has(text)) return;
    seen.add(text);
    tokens.push(text);
    types.push(type);
  };
  add("<unk>", 2);
  add("<s>", 3);
  add("</s>", 3);
  add("<|im_start|>", 3);
  add("<|im_end|>", 3);
  for (let byte = 0; byte < 256; byte++) add(`<0x${byte.toString(16).toUpperCase().padStart(2, "0")}>`, 6);
  add("▁", 1);
  for (const char of CHARS) add(char, 1);
  const words = new Set(WORDS.map((word) => `▁${word}`));
  for (const word of words) for (let end = 2; end <= word.length; end++) add(word.slice(0, end), 1);
  // SPM merges pick the highest score: longer pieces first, so known words become one token.
  const scores = tokens.map((text, id) => (types[id] === 1 ? text.length - id / tokens.length : 0));
  return { tokens, types, scores, generatable: tokens.map((text) => words.has(text)) };
}

class Writer {
  private chunks: Buffer[] = [];
  length = 0;
  private push(buffer: Buffer) {
    this.chunks.push(buffer);
    this.length += buffer.length;
  }
  u32(value: number) {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(value);
    this.push(b);
  }
  i32(value: number) {
    const b = Buffer.alloc(4);
    b.writeInt32LE(value);
    this.push(b);
  }
  u64(value: number) {
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(BigInt(value));
    this.push(b);
  }
  f32(value: number) {
    const b = Buffer.alloc(4);
    b.writeFloatLE(value);
    this.push(b);
  }
  str(value: string) {
    const bytes = Buffer.from(value, "utf8");
    this.u64(bytes.length);
    this.push(bytes);
  }
  bytes(buffer: Buffer) {
    this.push(buffer);
  }
  pad(alignment: number) {
    const rest = this.length % alignment;
    if (rest !== 0) this.push(Buffer.alloc(alignment - rest));
  }
  toBuffer() {
    return Buffer.concat(this.chunks);
  }
}

// GGUF value types
const U32 = 4,
  I32 = 5,
  F32 = 6,
  STRING = 8,
  ARRAY = 9;
type Value =
  | { type: typeof U32 | typeof I32 | typeof F32; value: number }
  | { type: typeof STRING; value: string }
  | { type: typeof ARRAY; of: typeof I32 | typeof F32; values: number[] }
  | { type: typeof ARRAY; of: typeof STRING; values: string[] };

function writeValue(w: Writer, v: Value) {
  w.u32(v.type);
  if (v.type === ARRAY) {
    w.u32(v.of);
    w.u64(v.values.length);
    for (const item of v.values) {
      if (typeof item === "string") w.str(item);
      else if (v.of === I32) w.i32(item);
      else w.f32(item);
    }
  } else if (v.type === STRING) w.str(v.value);
  else if (v.type === U32) w.u32(v.value);
  else if (v.type === I32) w.i32(v.value);
  else w.f32(v.value);
}

/** Writes the tiny model to `file` (about 0.5 MB). The same bytes every time. */
export function writeTinyLlamaGguf(file: string): void {
  const { contextLength, embedding: d, blocks, feedForward: ff, heads, headsKv, seed } = TINY_LLAMA;
  const headDim = d / heads;
  const vocab = vocabulary();
  const n = vocab.tokens.length;
  const next = seededRandom(seed);
  const weights = (count: number, scale: number) =>
    Float32Array.from({ length: count }, () => (next() * 2 - 1) * scale);
  const ones = (count: number) => new Float32Array(count).fill(1);

  // dims in file order: first dimension is the fastest-varying (a row of `output` is one token).
  const tensors: { name: string; dims: number[]; data: Float32Array }[] = [
    { name: "token_embd.weight", dims: [d, n], data: weights(d * n, 1) },
  ];
  for (let b = 0; b < blocks; b++) {
    const kv = headDim * headsKv;
    tensors.push(
      { name: `blk.${b}.attn_norm.weight`, dims: [d], data: ones(d) },
      { name: `blk.${b}.attn_q.weight`, dims: [d, d], data: weights(d * d, 0.3) },
      { name: `blk.${b}.attn_k.weight`, dims: [d, kv], data: weights(d * kv, 0.3) },
      { name: `blk.${b}.attn_v.weight`, dims: [d, kv], data: weights(d * kv, 0.3) },
      { name: `blk.${b}.attn_output.weight`, dims: [d, d], data: weights(d * d, 0.3) },
      { name: `blk.${b}.ffn_norm.weight`, dims: [d], data: ones(d) },
      { name: `blk.${b}.ffn_gate.weight`, dims: [d, ff], data: weights(d * ff, 0.3) },
      { name: `blk.${b}.ffn_up.weight`, dims: [d, ff], data: weights(d * ff, 0.3) },
      { name: `blk.${b}.ffn_down.weight`, dims: [ff, d], data: weights(ff * d, 0.3) },
    );
  }
  const output = weights(d * n, 1);
  vocab.generatable.forEach((ok, id) => ok || output.fill(0, id * d, (id + 1) * d));
  tensors.push(
    { name: "output_norm.weight", dims: [d], data: ones(d) },
    { name: "output.weight", dims: [d, n], data: output },
  );

  const metadata: [string, Value][] = [
    ["general.architecture", { type: STRING, value: "llama" }],
    ["general.name", { type: STRING, value: "apfa-tiny-llama" }],
    ["general.alignment", { type: U32, value: 32 }],
    ["llama.context_length", { type: U32, value: contextLength }],
    ["llama.embedding_length", { type: U32, value: d }],
    ["llama.block_count", { type: U32, value: blocks }],
    ["llama.feed_forward_length", { type: U32, value: ff }],
    ["llama.attention.head_count", { type: U32, value: heads }],
    ["llama.attention.head_count_kv", { type: U32, value: headsKv }],
    ["llama.rope.dimension_count", { type: U32, value: headDim }],
    ["llama.rope.freq_base", { type: F32, value: 10_000 }],
    ["llama.attention.layer_norm_rms_epsilon", { type: F32, value: 1e-5 }],
    ["tokenizer.ggml.model", { type: STRING, value: "llama" }],
    ["tokenizer.ggml.tokens", { type: ARRAY, of: STRING, values: vocab.tokens }],
    ["tokenizer.ggml.scores", { type: ARRAY, of: F32, values: vocab.scores }],
    ["tokenizer.ggml.token_type", { type: ARRAY, of: I32, values: vocab.types }],
    ["tokenizer.ggml.unknown_token_id", { type: U32, value: 0 }],
    ["tokenizer.ggml.bos_token_id", { type: U32, value: 1 }],
    ["tokenizer.ggml.eos_token_id", { type: U32, value: 2 }],
    ["tokenizer.chat_template", { type: STRING, value: CHATML_TEMPLATE }],
  ];

  const w = new Writer();
  w.bytes(Buffer.from("GGUF", "ascii"));
  w.u32(3);
  w.u64(tensors.length);
  w.u64(metadata.length);
  for (const [key, value] of metadata) {
    w.str(key);
    writeValue(w, value);
  }
  let offset = 0;
  for (const tensor of tensors) {
    w.str(tensor.name);
    w.u32(tensor.dims.length);
    for (const dim of tensor.dims) w.u64(dim);
    w.u32(0); // GGML_TYPE_F32
    w.u64(offset);
    offset += Math.ceil(tensor.data.byteLength / 32) * 32;
  }
  w.pad(32);
  for (const tensor of tensors) {
    w.bytes(Buffer.from(tensor.data.buffer, tensor.data.byteOffset, tensor.data.byteLength));
    w.pad(32);
  }
  fs.writeFileSync(file, w.toBuffer());
}

import fs from "node:fs";
import { seededRandom } from "../../server/seeded-random";
import path from "node:path";

/**
 * A tiny BERT-shaped model folder, written from code, that transformers.js loads exactly like
 * all-MiniLM-L6-v2 (no weights can be downloaded here). Same files and tensor names as the real
 * export; the network itself is a toy:
 *
 *   embeddings = word_embeddings[input_ids] + token_type_embeddings[token_type_ids]
 *   context    = mean of embeddings over positions where attention_mask = 1   (one per sequence)
 *   last_hidden_state = tanh((embeddings + context) · W + b)
 *
 * The context term mixes tokens the way attention does and honours the mask the same way: a
 * padded position changes nothing unless the mask is lost. Words share no embedding, so texts
 * with the same words get close vectors. Weights come from a seeded PRNG: every call writes the
 * same bytes (about 40 KB in all), unless `seed` is changed.
 */

export const TINY_BERT_HIDDEN = 32;

const SPECIAL = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"];
const STATES =
  "ak al ar az ca co ct dc de fl ga hi ia id il in ks ky la ma md me mi mn mo ms mt nc nd ne nh nj nm nv ny oh ok or pa ri sc sd tn tx ut va vt wa wi wv wy";
const WORDS = `
  a an and are as at be by can could do for from get has have how i in is it me my no not of on or over should than
  that the to was what which will with would you your am
  loan loans borrow borrower borrowers lend lender rate interest apr term months month year years 36 60 10
  renter renters renting rent rents homeowner homeowners home owner own owns mortgage mortgages housing other none
  employed employment length job salary reported less
  low middle moderate high higher lower income incomes verified verification source
  revolving balance utilization open credit line lines card cards debt clean payment payments history past problems
  delinquency delinquencies inquiry inquiries public record records outcome fully paid charged off default risk
  approve approved approval advice chance chances likely n
  ${STATES}
`;
const PUNCTUATION = [..."$,.()%;:+/-?!'<>"];
const DIGITS = [..."0123456789"];

/** [PAD] [UNK] [CLS] [SEP] [MASK] first (ids 0–4), then words, punctuation, digits and ## digit pieces. */
export function tinyBertVocab(): string[] {
  const words = WORDS.split(/\s+/).filter(Boolean);
  const vocab = [...SPECIAL, ...words, ...PUNCTUATION, ...DIGITS, ...DIGITS.map((d) => `##${d}`), "##xx", "##s"];
  return [...new Set(vocab)];
}

/** Floats in [-1, 1) from the shared seeded generator. */
function prng(seed: number): () => number {
  const next = seededRandom(seed);
  return () => next() * 2 - 1;
}

// ---------------------------------------------------------------------------------------------
// A minimal protobuf writer, enough for the ONNX messages below (onnx.proto3 field numbers).

type Field = Uint8Array;

function varint(value: number | bigint): number[] {
  let v = BigInt.asUintN(64, BigInt(value));
  const bytes: number[] = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) byte |= 0x80;
    bytes.push(byte);
  } while (v > 0n);
  return bytes;
}

const concat = (parts: Uint8Array[]) => Buffer.concat(parts);
const int = (field: number, value: number | bigint): Field =>
  Uint8Array.from([...varint(field << 3), ...varint(value)]);
const bytes = (field: number, value: Uint8Array): Field =>
  concat([Uint8Array.from([...varint((field << 3) | 2), ...varint(value.length)]), value]);
const str = (field: number, value: string) => bytes(field, Buffer.from(value, "utf8"));
const message = (field: number, ...fields: Field[]) => bytes(field, concat(fields));

const FLOAT = 1;
const INT64 = 7;

/** TensorProto: dims = 1, data_type = 2, name = 8, raw_data = 9 (little-endian). */
function tensor(name: string, dims: number[], data: Float32Array | BigInt64Array): Field[] {
  const raw = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return [
    ...dims.map((d) => int(1, d)),
    int(2, data instanceof Float32Array ? FLOAT : INT64),
    str(8, name),
    bytes(9, raw),
  ];
}

/** ValueInfoProto with a tensor type; string dims are symbolic (dim_param), numbers fixed (dim_value). */
function valueInfo(name: string, elemType: number, dims: (string | number)[]): Field[] {
  const shape = dims.map((d) => message(1, typeof d === "string" ? str(2, d) : int(1, d)));
  return [str(1, name), message(2, message(1, int(1, elemType), message(2, ...shape)))];
}

/** NodeProto: input = 1, output = 2, name = 3, op_type = 4, attribute = 5 (AttributeProto: name 1, i 3, type 20). */
function node(op: string, inputs: string[], output: string, attributes: Record<string, number> = {}): Field[] {
  const attrs = Object.entries(attributes).map(([key, value]) => message(5, str(1, key), int(3, value), int(20, 2)));
  return [...inputs.map((input) => str(1, input)), str(2, output), str(3, `${op}_${output}`), str(4, op), ...attrs];
}

// ---------------------------------------------------------------------------------------------

function onnxModel(vocabSize: number, hidden: number, seed: number): Uint8Array {
  const random = prng(seed);
  const fill = (length: number, scale: number) => Float32Array.from({ length }, () => random() * scale);
  const initializers = [
    tensor("embeddings.word_embeddings.weight", [vocabSize, hidden], fill(vocabSize * hidden, 1)),
    tensor("embeddings.token_type_embeddings.weight", [2, hidden], fill(2 * hidden, 0.1)),
    tensor("encoder.dense.weight", [hidden, hidden], fill(hidden * hidden, 1 / Math.sqrt(hidden))),
    tensor("encoder.dense.bias", [hidden], fill(hidden, 0.05)),
    tensor("axis_sequence", [1], BigInt64Array.of(1n)),
    tensor("axis_last", [1], BigInt64Array.of(2n)),
  ];
  const nodes = [
    node("Gather", ["embeddings.word_embeddings.weight", "input_ids"], "words"),
    node("Gather", ["embeddings.token_type_embeddings.weight", "token_type_ids"], "types"),
    node("Add", ["words", "types"], "embeddings"),
    node("Cast", ["attention_mask"], "mask", { to: FLOAT }),
    node("Unsqueeze", ["mask", "axis_last"], "mask3"),
    node("Mul", ["embeddings", "mask3"], "masked"),
    node("ReduceSum", ["masked", "axis_sequence"], "summed", { keepdims: 1 }),
    node("ReduceSum", ["mask3", "axis_sequence"], "counted", { keepdims: 1 }),
    node("Div", ["summed", "counted"], "context"),
    node("Add", ["embeddings", "context"], "mixed"),
    node("MatMul", ["mixed", "encoder.dense.weight"], "projected"),
    node("Add", ["projected", "encoder.dense.bias"], "biased"),
    node("Tanh", ["biased"], "last_hidden_state"),
  ];
  const graph = [
    ...nodes.map((fields) => message(1, ...fields)),
    str(2, "tiny_bert"),
    ...initializers.map((fields) => message(5, ...fields)),
    ...["input_ids", "attention_mask", "token_type_ids"].map((name) =>
      message(11, ...valueInfo(name, INT64, ["batch_size", "sequence_length"])),
    ),
    message(12, ...valueInfo("last_hidden_state", FLOAT, ["batch_size", "sequence_length", hidden])),
  ];
  // ModelProto: ir_version = 1, producer_name = 2, graph = 7, opset_import = 8 (OperatorSetIdProto: version = 2).
  return concat([int(1, 8), str(2, "apfa-test"), message(7, ...graph), message(8, int(2, 13))]);
}

function tokenizerJson(vocab: string[]) {
  const ids = Object.fromEntries(vocab.map((token, id) => [token, id]));
  const special = (token: string) => ({ id: token, type_id: 0 });
  return {
    version: "1.0",
    truncation: null,
    padding: null,
    added_tokens: SPECIAL.map((content) => ({
      id: ids[content],
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: {
      type: "BertNormalizer",
      clean_text: true,
      handle_chinese_chars: true,
      strip_accents: null,
      lowercase: true,
    },
    pre_tokenizer: { type: "BertPreTokenizer" },
    post_processor: {
      type: "TemplateProcessing",
      single: [
        { SpecialToken: special("[CLS]") },
        { Sequence: { id: "A", type_id: 0 } },
        { SpecialToken: special("[SEP]") },
      ],
      pair: [
        { SpecialToken: special("[CLS]") },
        { Sequence: { id: "A", type_id: 0 } },
        { SpecialToken: special("[SEP]") },
        { Sequence: { id: "B", type_id: 1 } },
        { SpecialToken: { id: "[SEP]", type_id: 1 } },
      ],
      special_tokens: Object.fromEntries(
        ["[CLS]", "[SEP]"].map((token) => [token, { id: token, ids: [ids[token]], tokens: [token] }]),
      ),
    },
    decoder: { type: "WordPiece", prefix: "##", cleanup: true },
    model: {
      type: "WordPiece",
      unk_token: "[UNK]",
      continuing_subword_prefix: "##",
      max_input_chars_per_word: 100,
      vocab: ids,
    },
  };
}

/**
 * Writes the model folder (config.json, tokenizer.json, tokenizer_config.json, onnx/model.onnx)
 * into `dir`, creating it if needed, and returns `dir`.
 */
export function writeTinyBert(dir: string, { seed = 42 }: { seed?: number } = {}): string {
  const vocab = tinyBertVocab();
  const hidden = TINY_BERT_HIDDEN;
  fs.mkdirSync(path.join(dir, "onnx"), { recursive: true });
  const json = (name: string, value: unknown) =>
    fs.writeFileSync(path.join(dir, name), `${JSON.stringify(value, null, 2)}\n`);

  json("config.json", {
    architectures: ["BertModel"],
    model_type: "bert",
    hidden_size: hidden,
    num_hidden_layers: 1,
    num_attention_heads: 2,
    intermediate_size: hidden * 2,
    hidden_act: "gelu",
    max_position_embeddings: 512,
    type_vocab_size: 2,
    vocab_size: vocab.length,
    pad_token_id: 0,
    layer_norm_eps: 1e-12,
  });
  json("tokenizer.json", tokenizerJson(vocab));
  // Without tokenizer_class transformers.js falls back to a base tokenizer without token_type_ids,
  // and without pad_token a batch of different lengths cannot be padded.
  json("tokenizer_config.json", {
    tokenizer_class: "BertTokenizer",
    do_lower_case: true,
    model_max_length: 512,
    pad_token: "[PAD]",
    unk_token: "[UNK]",
    cls_token: "[CLS]",
    sep_token: "[SEP]",
    mask_token: "[MASK]",
  });
  fs.writeFileSync(path.join(dir, "onnx", "model.onnx"), onnxModel(vocab.length, hidden, seed));
  return dir;
}

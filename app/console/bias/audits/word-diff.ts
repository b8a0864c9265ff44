/** A run of a question's text, and whether the other version of the question lacks it. */
export interface DiffPart {
  text: string;
  changed: boolean;
}

/** Words and the spaces between them, so the parts join back into the exact text. */
const tokens = (text: string) => text.split(/(\s+)/).filter((token) => token !== "");

/**
 * Each question's words marked changed unless they belong to the longest common subsequence of
 * the two (the classic LCS diff, at word level: audit questions are a few dozen words, so the
 * quadratic table is small). Whitespace is never marked; neighbouring runs are merged.
 */
export function wordDiff(original: string, variant: string): { original: DiffPart[]; variant: DiffPart[] } {
  const a = tokens(original);
  const b = tokens(variant);
  // common[i][j]: length of the LCS of a[i..] and b[j..].
  const common = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      common[i]![j] = a[i] === b[j] ? common[i + 1]![j + 1]! + 1 : Math.max(common[i + 1]![j]!, common[i]![j + 1]!);
    }
  }
  const keptA = new Array<boolean>(a.length).fill(false);
  const keptB = new Array<boolean>(b.length).fill(false);
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    if (a[i] === b[j]) {
      keptA[i++] = true;
      keptB[j++] = true;
    } else if (common[i + 1]![j]! >= common[i]![j + 1]!) i++;
    else j++;
  }
  return { original: parts(a, keptA), variant: parts(b, keptB) };
}

function parts(words: string[], kept: boolean[]): DiffPart[] {
  const out: DiffPart[] = [];
  words.forEach((text, index) => {
    const changed = !kept[index] && text.trim() !== "";
    const last = out.at(-1);
    // A space between two changed words belongs to the change: "Maria Lopez" is one highlight.
    const joinsChange = last?.changed && text.trim() === "" && !kept[index + 1] && index + 1 < words.length;
    if (last && (last.changed === changed || joinsChange)) last.text += text;
    else out.push({ text, changed });
  });
  return out;
}

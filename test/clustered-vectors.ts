import { seededRandom } from "../server/seeded-random";

/**
 * A seeded mixture of Gaussian clusters on the unit sphere, row-major: neighbourhoods like real
 * embeddings have, which uniform random vectors lack (HNSW recall on those says little).
 * `spread` is the noise per component against centres of unit variance per component: at 1 a
 * row's cosine to its centre is ~0.7, and clusters overlap enough for a graph to connect them.
 */
export function clusteredVectors(count: number, dimensions: number, { clusters = 20, spread = 1, seed = 7 } = {}) {
  const random = seededRandom(seed);
  // Box-Muller: a standard normal from two uniforms.
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const centres = Array.from({ length: clusters }, () => Float32Array.from({ length: dimensions }, normal));
  const matrix = new Float32Array(count * dimensions);
  for (let row = 0; row < count; row++) {
    const centre = centres[Math.floor(random() * clusters)]!;
    const vector = matrix.subarray(row * dimensions, (row + 1) * dimensions);
    let norm = 0;
    for (let d = 0; d < dimensions; d++) {
      vector[d] = centre[d]! + spread * normal();
      norm += vector[d]! * vector[d]!;
    }
    const scale = 1 / Math.sqrt(norm);
    for (let d = 0; d < dimensions; d++) vector[d]! *= scale;
  }
  return matrix;
}

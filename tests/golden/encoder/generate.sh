#!/usr/bin/env bash
# Regenerates the encoder's golden fixtures (run by hand; CI only reads the committed files):
#   tests/golden/encoder/generate.sh
# Installs the pinned TensorFlow.js and Universal Sentence Encoder packages into a temporary
# folder (nothing lands in the repository but the fixtures), makes sure the model is installed
# (scripts/fetch-model) and runs generate.cjs over it.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
MODEL=$("$ROOT/scripts/fetch-model")
DEPS=$(mktemp -d)
trap 'rm -rf "$DEPS"' EXIT
(cd "$DEPS" && npm init -y >/dev/null &&
  npm install --silent --no-audit --no-fund @tensorflow/tfjs@4.22.0 \
    @tensorflow-models/universal-sentence-encoder@1.3.3)
NODE_PATH=$DEPS/node_modules node "$HERE/generate.cjs" "$MODEL" "$HERE"

// Raw DEFLATE with the browser's own compressor (CompressionStream), for permalinks
// (web/src/permalink.rs): the wasm carries only the inflater it needs at start-up.
export async function deflateRaw(bytes) {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream("deflate-raw"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

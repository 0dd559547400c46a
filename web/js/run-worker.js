// The run worker's entry (a module Web Worker the page starts on its first run: web/src/run.rs).
// scripts/build-web.sh bundles it with wasm-bindgen's module of the flowplay_run_worker binary
// (web/runner, aliased as flowplay-run-worker) into dist/app/run-worker.js, next to its wasm.
// Messages are JSON text (flowplay_runner::protocol); those that arrive while the wasm loads
// wait for it.
import init, { on_message } from "flowplay-run-worker";

const early = [];
self.onmessage = (event) => early.push(event.data);
init().then(
  () => {
    self.onmessage = (event) => on_message(event.data);
    for (const message of early.splice(0)) on_message(message);
  },
  (error) => {
    // Without its wasm the worker can run nothing: every run is refused with the reason.
    const refuse = (data) => {
      let message;
      try {
        message = JSON.parse(data);
      } catch {
        return;
      }
      if (message.type === "start") {
        self.postMessage(JSON.stringify({ type: "refused", run: message.run, message: `the run engine could not load: ${error}` }));
      }
    };
    self.onmessage = (event) => refuse(event.data);
    for (const message of early.splice(0)) refuse(message);
  },
);

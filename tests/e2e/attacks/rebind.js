// Hostile script (attacks.test.mjs), run in a page of http://evil.example:PORT after that name
// rebinds to 127.0.0.1: a same-origin request to the relay, whose answer it could then read.
async (upstream) => {
  try {
    const r = await fetch("/api/relay", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ method: "POST", url: `${upstream}/rebind`, body: "x" }),
    });
    return { read: true, status: r.status, text: await r.text() };
  } catch (e) {
    return { read: false, error: String(e), text: "" };
  }
}

// The page's engine off the page's thread: the page's own module, compiled once by the page and
// handed over with the address of its JavaScript, started again in this worker, where it
// answers the page (crates/pec-web/src/worker.rs). Made a Blob by the page, the worker keeps the
// page's policy: no connection, no script but the page's own. What the page asks while the
// module starts is kept, then asked again; when nothing was asked, the engine warms up first.
onmessage = async ({ data: [glue, module] }) => {
  const early = [];
  onmessage = ({ data }) => early.push(data);
  const engine = await import(glue);
  await engine.default({ module_or_path: module });
  engine.engine_worker(early.length === 0);
  for (const data of early) onmessage(new MessageEvent('message', { data }));
};
